// The static half of the spatial model, shared by the pre-check and the full model: bind every
// Einsum to an array, group the bound ones into kernels, fold each onto its array, place the
// tensors and plan the buffer. Nothing here is scheduled or counted.
import type { Cascade } from '../../einsum/types.js';
import { bindEinsum, type Binding } from './binding.js';
import { planBuffer, type BufferPlan } from './buffer-plan.js';
import { foldEinsum, type Fold } from './fold.js';
import { splitKernels, type Kernel } from './kernels.js';
import { analysePasses, type PassAnalysis } from './passes.js';
import { placeTensors, type KernelPlaces } from './residency.js';
import type { SpatialStructure } from './structure.js';

export interface KernelLayout {
  kernel: Kernel;
  /** Folds of the kernel's bound Einsums, by id. */
  folds: Record<string, Fold>;
  places: KernelPlaces;
  plan: BufferPlan;
}

export interface SpatialLayout {
  passes: PassAnalysis;
  bindings: Record<string, Binding>;
  kernels: KernelLayout[];
}

export function layOutSpatial(cascade: Cascade, s: SpatialStructure): SpatialLayout {
  const passes = analysePasses(cascade);
  const bindings: Record<string, Binding> = {};
  for (const e of cascade.einsums) bindings[e.id] = bindEinsum(e, s);
  const supported = cascade.einsums.filter((e) => bindings[e.id].ok);
  const kernels = splitKernels(supported, bindings, cascade.recurrences, s).map((kernel) => {
    const folds: Record<string, Fold> = {};
    for (const e of kernel.einsums) {
      const b = bindings[e.id];
      if (b.ok) folds[e.id] = foldEinsum(e, b.array, s, { queryRank: kernel.queryRank, tileRanks: new Set(kernel.tileRanks), iterativeRank: kernel.iterativeRank });
    }
    const places = placeTensors(kernel, cascade, passes, folds, s);
    return { kernel, folds, places, plan: planBuffer(kernel, cascade, places, folds, s) };
  });
  return { passes, bindings, kernels };
}
