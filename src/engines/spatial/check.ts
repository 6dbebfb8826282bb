// The cheap pre-check (Timeloop's PreEvaluationCheck): per Einsum, can it run at all — does an
// array support its ops, and does one query tile's state fit the buffer. No schedule is simulated.
import type { Arch } from '../../arch/types.js';
import type { Cascade } from '../../einsum/types.js';
import type { FitCheck } from '../engine.js';
import { layOutSpatial } from './layout.js';
import type { SpatialStructure } from './structure.js';

export function checkSpatial(cascade: Cascade, arch: Arch<SpatialStructure>): FitCheck[] {
  const { bindings, kernels } = layOutSpatial(cascade, arch.structure);
  const reasons: Record<string, string> = {};
  for (const e of cascade.einsums) {
    const b = bindings[e.id];
    reasons[e.id] = b.ok ? '' : b.reason;
  }
  for (const { kernel, plan } of kernels) {
    if (plan.infeasible) for (const e of kernel.einsums) reasons[e.id] ||= plan.infeasible;
  }
  return cascade.einsums.map((e) => ({ einsum: e.id, ok: reasons[e.id] === '', reason: reasons[e.id] }));
}
