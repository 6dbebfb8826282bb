// A kernel as a schedule: one job per Einsum per query tile (per iteration inside the loop), its
// duration the Einsum's cycles spread evenly over the tiles and iterations, its dependencies
// the kernel's producer → consumer edges.
//
// A reduction whose reduced rank lies across an array's PEs (LM's max over m0 down the 2-D
// array's rows) drains through that many PEs before its value exists. The latency matters when
// the array has to wait for something computed from that value on the other array in the same
// iteration (LM → RM on the 1-D array → SLN back on the 2-D array: FuseMax's "+Architecture"
// stall). Interleaving tiles hides it, so it is only exposed when `interleave` is off.
import { producerOf, readsOf } from '../../einsum/graph.js';
import { isCarried } from './carried.js';
import { graphOf } from './cascade-graph.js';
import type { Cascade, Einsum } from '../../einsum/types.js';
import type { Fold } from './fold.js';
import type { Kernel } from './kernels.js';
import type { JobDep, JobTemplate, ScheduleSpec } from './schedule.js';
import type { SpatialStructure } from './structure.js';

export interface KernelShape {
  /** Query tiles the kernel streams through. */
  tiles: number;
  /** Iterations of the loop body per tile (1 without a loop). */
  iterations: number;
}

export function kernelShape(kernel: Kernel, folds: Record<string, Fold>): KernelShape {
  const queryTile = Math.max(1, ...kernel.einsums.map((e) => folds[e.id]?.queryLanes ?? 1));
  const first = kernel.einsums[0];
  const tilePoints = kernel.tileRanks.reduce((a, r) => a * (first.ranks.find((x) => x.name === r)?.extent ?? 1), 1);
  const iterations = kernel.iterativeRank ? (kernel.body[0]?.ranks.find((r) => r.name === kernel.iterativeRank)?.extent ?? 1) : 1;
  return { tiles: Math.max(1, tilePoints / queryTile), iterations };
}

export function scheduleSpec(kernel: Kernel, cascade: Cascade, cycles: Record<string, number>, folds: Record<string, Fold>, s: SpatialStructure): ScheduleSpec {
  const shape = kernelShape(kernel, folds);
  const g = graphOf(cascade);
  const ids = new Set(kernel.einsums.map((e) => e.id));
  const phase = (e: Einsum): JobTemplate['phase'] => (kernel.body.includes(e) ? 'body' : kernel.post.includes(e) ? 'post' : 'pre');
  const jobs: JobTemplate[] = kernel.einsums.map((e) => ({
    id: e.id,
    array: kernel.array[e.id],
    duration: cycles[e.id] / (shape.tiles * (phase(e) === 'body' ? shape.iterations : 1)),
    phase: phase(e),
  }));

  // Same-iteration producer → consumer edges inside the kernel (carried reads excluded).
  const deps: JobDep[] = [];
  const next = new Map<string, string[]>();
  for (const e of kernel.einsums) {
    for (const read of readsOf(e)) {
      const tensor = cascade.tensors[read.tensor]?.viewOf?.tensor ?? read.tensor;
      const from = producerOf(g, tensor);
      if (from === null || !ids.has(from)) continue;
      const carried = isCarried(g, cascade, read);
      deps.push({ from, to: e.id, carried, latency: 0 });
      if (!carried && from !== e.id) next.set(from, [...(next.get(from) ?? []), e.id]);
    }
  }
  // Drain latencies matter only when iterations are not interleaved.
  if (!s.schedule.interleave) for (const d of deps) if (!d.carried) d.latency = drainLatency(kernel, d.from, d.to, folds, next);
  return { jobs, deps, tiles: shape.tiles, iterations: shape.iterations, window: s.schedule.interleave ? 2 : 1, exposeLatency: !s.schedule.interleave };
}

/** Drain cycles of `from`'s spatial reduction, when `to` is on the other array and leads back to `from`'s array within the iteration. */
function drainLatency(kernel: Kernel, from: string, to: string, folds: Record<string, Fold>, next: Map<string, string[]>): number {
  const producer = kernel.einsums.find((e) => e.id === from)!;
  const reduced = new Set(producer.reduce?.ranks ?? []);
  const across = folds[from]?.spatial.find((d) => reduced.has(d.rank));
  if (!across || kernel.array[to] === kernel.array[from]) return 0;
  return returnsTo(kernel, to, kernel.array[from], next) ? across.lanes : 0;
}

/** Whether a same-iteration path leads from `start` to an Einsum bound to `array`. */
function returnsTo(kernel: Kernel, start: string, array: string, next: Map<string, string[]>): boolean {
  const seen = new Set<string>([start]);
  const stack = [start];
  while (stack.length > 0) {
    for (const id of next.get(stack.pop()!) ?? []) {
      if (kernel.array[id] === array) return true;
      if (!seen.has(id)) {
        seen.add(id);
        stack.push(id);
      }
    }
  }
  return false;
}
