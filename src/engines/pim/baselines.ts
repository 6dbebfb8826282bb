// A PIM run's speedup over roofline GPUs named in the arch file (`baselines: [T4, A100]`).
import type { Cascade } from '../../einsum/types.js';
import { GPU_PRESETS, isGpuName } from '../../roofline/gpus.js';
import { rooflineTime } from '../../roofline/roofline.js';
import { repeatCount } from './repeat.js';

export function rooflineComparisons(cascade: Cascade, gpus: readonly string[], pimSeconds: number): Record<string, number> {
  const out: Record<string, number> = {};
  const runs = new Map(cascade.einsums.map((e) => [e.id, repeatCount(e, cascade)]));
  for (const name of gpus) {
    if (!isGpuName(name)) continue; // the schema rejects unknown names; nothing to compare
    const r = rooflineTime(cascade, GPU_PRESETS[name], (id) => runs.get(id) ?? 1);
    out[`gpuRooflineSeconds_${name}`] = r.seconds;
    out[`speedupOverRoofline_${name}`] = pimSeconds > 0 ? r.seconds / pimSeconds : 0;
  }
  return out;
}
