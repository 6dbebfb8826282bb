// Can the cascade run at all, before simulating (Timeloop's PreEvaluationCheck): every Einsum is a
// mappable GEMV or has host costs for its operations, the repeated block is well formed, and the
// tensors kept in DRAM (weights and KV caches of every repetition, inputs the host reads) fit.
import type { Arch } from '../../arch/types.js';
import { isEinsimError } from '../../errors.js';
import { baseTensor, tensorBytes } from '../../einsum/analysis.js';
import { readsOf } from '../../einsum/graph.js';
import type { Cascade, Einsum } from '../../einsum/types.js';
import type { FitCheck } from '../engine.js';
import { machineOf } from './machine.js';
import { repeatCount, executionOrder } from './repeat.js';
import { bindEinsum, type Binding } from './binding.js';

import type { PimStructure } from './structure.js';

/**
 * The base tensors an Einsum keeps in DRAM: the resident matrix of a GEMV in the banks, and the
 * cascade inputs the host fetches from DRAM (a GEMV's vector, every input of a host Einsum).
 */
function dramTensors(e: Einsum, b: Binding, cascade: Cascade): { resident: string | undefined; fetched: string[] } {
  if (b.unit === 'unsupported') return { resident: undefined, fetched: [] };
  const reads = b.unit === 'pim' ? [b.shape.vector] : readsOf(e).map((a) => a.tensor);
  const fetched = [...new Set(reads.map((x) => baseTensor(cascade, x)))].filter((x) => cascade.tensors[x].role === 'input');
  return { resident: b.unit === 'pim' ? b.shape.matrix : undefined, fetched };
}

/**
 * Why the tensors the device keeps in DRAM do not fit in it, or undefined when they do: the
 * resident matrices (weights and KV caches of every repetition, the matrices of the Einsums bound
 * to the banks) and the cascade inputs the host reads from DRAM (per repetition, as the schedule
 * fetches them: each layer has its own).
 */
export function capacityProblem(cascade: Cascade, arch: Arch<PimStructure>): string | undefined {
  const m = machineOf(arch);
  let residentBytes = 0;
  const fetchedBytes = new Map<string, number>();
  for (const e of cascade.einsums) {
    const b = bindEinsum(e, cascade, m);
    const { resident, fetched } = dramTensors(e, b, cascade);
    const repetitions = repeatCount(e, cascade);
    if (b.unit === 'pim' && resident !== undefined) {
      const t = cascade.tensors[resident];
      residentBytes += t.shape.reduce((p, x) => p * x, 1) * b.shape.matrixElementBytes * repetitions;
    }
    for (const name of fetched) fetchedBytes.set(name, Math.max(fetchedBytes.get(name) ?? 0, tensorBytes(cascade.tensors[name]) * repetitions));
  }
  const inputBytes = [...fetchedBytes.values()].reduce((a, x) => a + x, 0);
  if (residentBytes + inputBytes <= m.capacityBytes) return undefined;
  const gib = (bytes: number) => `${(bytes / 2 ** 30).toFixed(2)} GiB`;
  const parts = inputBytes > 0 ? ` (resident matrices ${gib(residentBytes)}, inputs the host reads ${gib(inputBytes)})` : '';
  return `${inputBytes > 0 ? 'tensors kept in DRAM' : 'resident matrices'} need ${gib(residentBytes + inputBytes)}, the device has ${gib(m.capacityBytes)}${parts}`;
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
    const inDram = dramTensors(e, b, cascade);
    if (capacity !== undefined && (inDram.resident !== undefined || inDram.fetched.length > 0)) return { einsum: e.id, ok: false, reason: capacity };
    if (b.unit === 'pim') {
      return { einsum: e.id, ok: true, reason: `GEMV in the banks (${b.shape.matrix} resident)` };
    }
    return { einsum: e.id, ok: true, reason: `host: ${b.why}` };
  });
}
