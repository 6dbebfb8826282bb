// Systolic engine speed against SCALE-Sim v2: every reference layer × config × dataflow of
// ../shared/ref/scalesim/results.csv, einsim's time beside SCALE-Sim's recorded `layer_wall_s`
// (same 2-core machine class). The bar: all layers ≥ 1000× faster than SCALE-Sim in total.
import { simulateLayer } from '../src/engines/systolic/simulate-layer.js';
import { goldenCells, goldenRows } from '../test/engines/systolic/golden-rows.js';

export interface SystolicBench {
  layers: number;
  einsimSeconds: number;
  scaleSimSeconds: number;
  slowestLayerSeconds: number;
  mismatches: number;
}

export function benchSystolic(log: (line: string) => void = console.log): SystolicBench {
  const rows = goldenRows();
  let einsim = 0;
  let scaleSim = 0;
  let slowest = 0;
  let mismatches = 0;
  log(`${'layer'.padEnd(64)} ${'einsim ms'.padStart(10)} ${'SCALE-Sim s'.padStart(12)} ${'ratio'.padStart(9)}`);
  for (const g of rows) {
    const start = performance.now();
    const result = simulateLayer(g.layer, g.config, { trace: false });
    const seconds = (performance.now() - start) / 1000;
    const cells = goldenCells(result);
    if (Object.entries(cells).some(([k, v]) => g.row[k] !== v)) mismatches++;
    const wall = Number(g.row.layer_wall_s);
    einsim += seconds;
    scaleSim += wall;
    slowest = Math.max(slowest, seconds);
    log(`${g.id.slice(0, 64).padEnd(64)} ${(seconds * 1000).toFixed(2).padStart(10)} ${wall.toFixed(3).padStart(12)} ${(wall / seconds).toFixed(0).padStart(8)}×`);
  }
  log('');
  log(`layers: ${rows.length}, mismatching rows: ${mismatches}`);
  log(`total: einsim ${einsim.toFixed(3)} s, SCALE-Sim ${scaleSim.toFixed(1)} s, ratio ${(scaleSim / einsim).toFixed(0)}×`);
  log(`slowest einsim layer: ${(slowest * 1000).toFixed(1)} ms`);
  return { layers: rows.length, einsimSeconds: einsim, scaleSimSeconds: scaleSim, slowestLayerSeconds: slowest, mismatches };
}
