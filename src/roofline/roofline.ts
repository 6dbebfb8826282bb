// The roofline time of a cascade on a GPU: each Einsum is one kernel that takes the longer of its
// compute at peak and its minimum DRAM traffic at peak bandwidth (every input it reads fetched
// once, every output written once: src/einsum/analysis.ts); kernels run back to back. No launch
// overhead, no small-batch inefficiency, no cache effects: a lower bound on a real GPU's time.
import { analyseEinsum } from '../einsum/analysis.js';
import type { Cascade } from '../einsum/types.js';
import type { GpuPreset } from './gpus.js';

export interface RooflineEinsum {
  einsum: string;
  /** Times the Einsum runs (the `repeat:` annotation; 1 otherwise). */
  executions: number;
  flops: number;
  bytes: number;
  seconds: number;
  bound: 'compute' | 'memory';
}

export interface RooflineResult {
  gpu: string;
  seconds: number;
  einsums: RooflineEinsum[];
}

/** `executions(e)` says how often each Einsum runs (repeated layers). */
export function rooflineTime(cascade: Cascade, gpu: GpuPreset, executions: (id: string) => number = () => 1): RooflineResult {
  const einsums = cascade.einsums.map((e) => {
    const a = analyseEinsum(e, cascade.tensors);
    const n = executions(e.id);
    const compute = a.totalOps / gpu.peakFlopsPerSecond;
    const memory = a.minTrafficBytes / gpu.memoryBytesPerSecond;
    return { einsum: e.id, executions: n, flops: a.totalOps * n, bytes: a.minTrafficBytes * n, seconds: Math.max(compute, memory) * n, bound: compute > memory ? ('compute' as const) : ('memory' as const) };
  });
  return { gpu: gpu.name, seconds: einsums.reduce((s, e) => s + e.seconds, 0), einsums };
}
