// What one design point of a systolic sweep costs: ResNet-50 (workloads/resnet50.yaml, 54 layers,
// 24 distinct) on scale32.yaml resized to 8×8 and 32×32, in each dataflow, simulated by the engine
// in process (loading excluded). "first" is the point's first simulation (in the first row, the
// first of this fresh process: what one `einsim run` pays, JIT cold; later rows share some warm
// code); "warm" the best of several later ones (what each point of a sweep pays, its worker warm). The baseline is the same workload on a 128×128 array (the
// shipped default size), where folds are few: the ratio says how much more a small array costs.
// CPU time of this thread (process.cpuUsage), best of several: the shared 2-core machine is noisy.
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadArch } from '../src/arch/load.js';
import type { Arch } from '../src/arch/types.js';
import { loadWorkload } from '../src/einsum/load.js';
import { systolicEngine } from '../src/engines/systolic/engine.js';
import type { SystolicStructure } from '../src/engines/systolic/structure.js';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const WARM_SAMPLES = 5;
const SIZES = [8, 32];
const BASELINE_SIZE = 128;

export interface SweepPointBench {
  dataflow: string;
  size: number;
  firstMs: number;
  warmMs: number;
  baselineWarmMs: number;
}

function cpuMs(run: () => void): number {
  const start = process.cpuUsage();
  run();
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1000;
}

export function benchSystolicSweep(log: (line: string) => void = console.log): SweepPointBench[] {
  const cascade = loadWorkload(join(ROOT, 'workloads', 'resnet50.yaml'));
  const arch = (size: number, dataflow: string): Arch<SystolicStructure> =>
    loadArch(join(ROOT, 'arch', 'scale32.yaml'), {
      set: [
        { path: 'structure.rows', value: size },
        { path: 'structure.cols', value: size },
        { path: 'structure.dataflow', value: dataflow },
      ],
    }) as Arch<SystolicStructure>;
  const point = (size: number, dataflow: string): (() => void) => {
    const a = arch(size, dataflow);
    return () => void systolicEngine.simulate(cascade, a, { trace: false });
  };
  const warm = (run: () => void): number => Math.min(...Array.from({ length: WARM_SAMPLES }, () => cpuMs(run)));

  const rows: SweepPointBench[] = [];
  log(`ResNet-50 on scale32.yaml resized; CPU ms per design point (baseline: ${BASELINE_SIZE}×${BASELINE_SIZE})`);
  log(`${'point'.padEnd(10)} ${'first'.padStart(8)} ${'warm'.padStart(8)} ${'baseline'.padStart(9)} ${'ratio'.padStart(7)}`);
  for (const dataflow of ['os', 'ws', 'is']) {
    for (const size of SIZES) {
      const run = point(size, dataflow);
      const firstMs = cpuMs(run);
      const warmMs = warm(run);
      const baselineWarmMs = warm(point(BASELINE_SIZE, dataflow));
      rows.push({ dataflow, size, firstMs, warmMs, baselineWarmMs });
      log(`${`${dataflow} ${size}×${size}`.padEnd(10)} ${firstMs.toFixed(0).padStart(8)} ${warmMs.toFixed(0).padStart(8)} ${baselineWarmMs.toFixed(0).padStart(9)} ${(warmMs / baselineWarmMs).toFixed(1).padStart(6)}×`);
    }
  }
  return rows;
}
