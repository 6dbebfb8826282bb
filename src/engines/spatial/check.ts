// The cheap pre-check (Timeloop's PreEvaluationCheck): per Einsum, can it run at all — does an
// array support its ops, and does one query tile's state fit the buffer. No schedule is simulated.
import type { Arch } from '../../arch/types.js';
import type { Cascade } from '../../einsum/types.js';
import type { FitCheck } from '../engine.js';
import { bindEinsum, type Binding } from './binding.js';
import { planBuffer } from './buffer-plan.js';
import { foldEinsum, type Fold } from './fold.js';
import { splitKernels } from './kernels.js';
import { analysePasses } from './passes.js';
import { placeTensors } from './residency.js';
import type { SpatialStructure } from './structure.js';

export function checkSpatial(cascade: Cascade, arch: Arch<SpatialStructure>): FitCheck[] {
  const s = arch.structure;
  const bindings: Record<string, Binding> = {};
  for (const e of cascade.einsums) bindings[e.id] = bindEinsum(e, s);
  const reasons: Record<string, string> = {};
  for (const e of cascade.einsums) {
    const b = bindings[e.id];
    reasons[e.id] = b.ok ? '' : b.reason;
  }
  const passes = analysePasses(cascade);
  const supported = cascade.einsums.filter((e) => bindings[e.id].ok);
  for (const kernel of splitKernels(supported, bindings, cascade.recurrences, s)) {
    const folds: Record<string, Fold> = {};
    for (const e of kernel.einsums) {
      const b = bindings[e.id];
      if (b.ok) folds[e.id] = foldEinsum(e, b.array, s, { queryRank: kernel.queryRank, tileRanks: new Set(kernel.tileRanks), iterativeRank: kernel.iterativeRank });
    }
    const plan = planBuffer(kernel, cascade, placeTensors(kernel, cascade, passes, folds, s), folds, s);
    if (plan.infeasible) for (const e of kernel.einsums) reasons[e.id] ||= plan.infeasible;
  }
  return cascade.einsums.map((e) => ({ einsum: e.id, ok: reasons[e.id] === '', reason: reasons[e.id] }));
}
