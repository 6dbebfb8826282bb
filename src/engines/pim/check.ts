// Can the cascade run at all, before simulating (Timeloop's PreEvaluationCheck): every Einsum is a
// mappable GEMV or has host costs for its operations, the repeated block is well formed, and the
// resident matrices (weights and KV caches of every repetition) fit in the device.
import type { Arch } from '../../arch/types.js';
import { isEinsimError } from '../../errors.js';
import type { Cascade } from '../../einsum/types.js';
import type { FitCheck } from '../engine.js';
import { machineOf } from './machine.js';
import { repeatCount, executionOrder } from './repeat.js';
import { bindEinsum } from './binding.js';
import type { PimStructure } from './structure.js';

/**
 * Why the cascade's resident matrices (weights and KV caches of every repetition, the matrices
 * of the Einsums bound to the banks) do not fit in the device, or undefined when they do.
 */
export function capacityProblem(cascade: Cascade, arch: Arch<PimStructure>): string | undefined {
  const m = machineOf(arch);
  let residentBytes = 0;
  for (const e of cascade.einsums) {
    const b = bindEinsum(e, cascade, m);
    if (b.unit !== 'pim') continue;
    const t = cascade.tensors[b.shape.matrix];
    residentBytes += t.shape.reduce((p, x) => p * x, 1) * b.shape.matrixElementBytes * repeatCount(e, cascade);
  }
  if (residentBytes <= m.capacityBytes) return undefined;
  return `resident matrices need ${(residentBytes / 2 ** 30).toFixed(2)} GiB, the device has ${(m.capacityBytes / 2 ** 30).toFixed(2)} GiB`;
}

export function checkPim(cascade: Cascade, arch: Arch<PimStructure>): FitCheck[] {
  const m = machineOf(arch);
  try {
    executionOrder(cascade);
  } catch (e) {
    if (!isEinsimError(e)) throw e;
    return cascade.einsums.map((x) => ({ einsum: x.id, ok: false, reason: e.issues[0].expected }));
  }
  const capacity = capacityProblem(cascade, arch);
  return cascade.einsums.map((e) => {
    const b = bindEinsum(e, cascade, m);
    if (b.unit === 'unsupported') return { einsum: e.id, ok: false, reason: b.reason };
    if (b.unit === 'pim') {
      if (capacity !== undefined) return { einsum: e.id, ok: false, reason: capacity };
      return { einsum: e.id, ok: true, reason: `GEMV in the banks (${b.shape.matrix} resident)` };
    }
    return { einsum: e.id, ok: true, reason: `host: ${b.why}` };
  });
}
