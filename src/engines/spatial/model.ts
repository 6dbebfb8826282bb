// The spatial model end to end, before it is turned into an EngineResult: the layout (layout.ts:
// bind, group into kernels, fold, place, plan the buffer), then count the actions and schedule
// the two arrays. `simulate.ts` reports it; `explain.ts` narrates it.
import type { Cascade, Einsum } from '../../einsum/types.js';
import { countEinsum, type EinsumCounts } from './accesses.js';
import type { Binding } from './binding.js';
import type { BufferPlan } from './buffer-plan.js';
import type { Fold } from './fold.js';
import type { Kernel } from './kernels.js';
import { layOutSpatial } from './layout.js';
import type { PassAnalysis } from './passes.js';
import { scheduleSpec, type KernelShape, kernelShape } from './pipeline.js';
import type { KernelPlaces } from './residency.js';
import { makespan, type ScheduleSpec } from './schedule.js';
import { arrayView, type ArrayName, type SpatialStructure } from './structure.js';

export interface EinsumModel {
  einsum: Einsum;
  binding: Binding;
  kernel: number;
  fold?: Fold;
  points: number;
  /** Compute cycles on its array. */
  cycles: number;
  counts?: EinsumCounts;
}

export interface KernelModel {
  kernel: Kernel;
  shape: KernelShape;
  places: KernelPlaces;
  plan: BufferPlan;
  spec: ScheduleSpec;
  /** Compute makespan with and without exposed drain latencies. */
  computeCycles: number;
  computeCyclesNoDrain: number;
  memoryCycles: number;
  cycles: number;
  busyUnitCycles: Record<ArrayName, number>;
  idealCycles: number;
}

export interface SpatialModel {
  passes: PassAnalysis;
  einsums: EinsumModel[];
  kernels: KernelModel[];
  cycles: number;
}

export function runSpatialModel(cascade: Cascade, s: SpatialStructure, clockHz: number): SpatialModel {
  const { passes, bindings, kernels } = layOutSpatial(cascade, s);
  const einsums: Record<string, EinsumModel> = {};
  for (const e of cascade.einsums) {
    einsums[e.id] = { einsum: e, binding: bindings[e.id], kernel: -1, points: e.ranks.reduce((a, r) => a * r.extent, 1), cycles: 0 };
  }
  const kernelModels: KernelModel[] = kernels.map(({ kernel, folds, places, plan }) => {
    const cycles: Record<string, number> = {};
    const busyUnitCycles: Record<ArrayName, number> = { '2d': 0, '1d': 0 };
    for (const e of kernel.einsums) {
      const b = bindings[e.id];
      if (!b.ok) continue;
      cycles[e.id] = folds[e.id].steps * b.cost.cyclesPerPoint;
      const m = einsums[e.id];
      Object.assign(m, { kernel: kernel.index, fold: folds[e.id], cycles: cycles[e.id] });
      busyUnitCycles[b.array] += m.points * b.cost.cyclesPerPoint;
    }
    for (const e of kernel.einsums) {
      const b = bindings[e.id];
      if (b.ok) einsums[e.id].counts = countEinsum(e, kernel, cascade, b.cost, folds[e.id], places, plan, s);
    }
    const spec = scheduleSpec(kernel, cascade, cycles, folds, s);
    const computeCycles = makespan(spec);
    const computeCyclesNoDrain = spec.exposeLatency ? makespan({ ...spec, exposeLatency: false }) : computeCycles;
    const memoryCycles = (plan.dramBytes / s.dram.bandwidthBytesPerSecond) * clockHz;
    const idealCycles = Math.max(busyUnitCycles['2d'] / arrayView(s, '2d').lanes, busyUnitCycles['1d'] / arrayView(s, '1d').lanes);
    return {
      kernel,
      shape: kernelShape(kernel, folds),
      places,
      plan,
      spec,
      computeCycles,
      computeCyclesNoDrain,
      memoryCycles,
      cycles: Math.max(computeCycles, memoryCycles),
      busyUnitCycles,
      idealCycles,
    };
  });
  return { passes, einsums: cascade.einsums.map((e) => einsums[e.id]), kernels: kernelModels, cycles: kernelModels.reduce((a, k) => a + k.cycles, 0) };
}
