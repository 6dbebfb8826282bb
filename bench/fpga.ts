// FPGA engine: every kernel of InTAR's U280 table in its three designs, the model's cycles beside
// the measured ones (../shared/ref/fpga/intar_kernels_u280.csv), the latency speedups, and the time
// einsim takes per kernel (three designs simulated).
import { arch, MODES, run, workload } from '../test/engines/fpga/helpers.js';
import { geomean, kernelRows } from '../test/engines/fpga/golden-rows.js';

export interface FpgaBench {
  kernels: number;
  slowestKernelSeconds: number;
  speedupVsDataflow: { model: number; reference: number };
  speedupVsSequential: { model: number; reference: number };
}

export function benchFpga(log: (line: string) => void = console.log): FpgaBench {
  const rows = kernelRows();
  let slowest = 0;
  const vsD: number[] = [];
  const vsS: number[] = [];
  log(`${'kernel'.padEnd(11)} ${'design'.padEnd(10)} ${'model cycles'.padStart(13)} ${'measured'.padStart(13)} ${'ratio'.padStart(6)} ${'DSPs'.padStart(5)} ${'MHz'.padStart(6)}`);
  for (const row of rows) {
    const w = workload(row.workload);
    const start = performance.now();
    const seconds: Record<string, number> = {};
    for (const mode of MODES) {
      const d = row.designs[mode];
      const r = run(w, arch(mode, { clockHz: d.clockHz, 'structure.budget.dsps': d.dsps, 'structure.intar.computeCores': row.computeCores }));
      seconds[mode] = r.cycles / d.clockHz;
      log(`${row.kernel.padEnd(11)} ${mode.padEnd(10)} ${r.cycles.toLocaleString('en-US').padStart(13)} ${d.cycles.toLocaleString('en-US').padStart(13)} ${(r.cycles / d.cycles).toFixed(2).padStart(6)} ${String(d.dsps).padStart(5)} ${(d.clockHz / 1e6).toFixed(1).padStart(6)}`);
    }
    const elapsed = (performance.now() - start) / 1000;
    slowest = Math.max(slowest, elapsed);
    vsD.push(seconds.dataflow / seconds.intar);
    vsS.push(seconds.sequential / seconds.intar);
    const ref = row.designs;
    log(`${''.padEnd(11)} speedup vs dataflow ${(seconds.dataflow / seconds.intar).toFixed(2)} (measured ${(ref.dataflow.latencySeconds / ref.intar.latencySeconds).toFixed(2)}), vs sequential ${(seconds.sequential / seconds.intar).toFixed(2)} (measured ${(ref.sequential.latencySeconds / ref.intar.latencySeconds).toFixed(2)}); simulated in ${(elapsed * 1000).toFixed(1)} ms`);
  }
  const refD = geomean(rows.map((r) => r.designs.dataflow.latencySeconds / r.designs.intar.latencySeconds));
  const refS = geomean(rows.map((r) => r.designs.sequential.latencySeconds / r.designs.intar.latencySeconds));
  log('');
  log(`latency speedup geomean vs dataflow: model ${geomean(vsD).toFixed(2)}, measured ${refD.toFixed(2)}; vs sequential: model ${geomean(vsS).toFixed(2)}, measured ${refS.toFixed(2)}`);
  log(`slowest kernel (three designs): ${(slowest * 1000).toFixed(1)} ms`);
  return { kernels: rows.length, slowestKernelSeconds: slowest, speedupVsDataflow: { model: geomean(vsD), reference: refD }, speedupVsSequential: { model: geomean(vsS), reference: refS } };
}
