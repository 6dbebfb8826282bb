// How one Einsum runs on a PIM machine: in the banks (a GEMV, with its mapping) or on the host,
// or not at all (the host has no cost for one of its operations).
import { PRECISION_BYTES, type Cascade, type Einsum } from '../../einsum/types.js';
import { classifyGemv, type GemvShape } from './gemv.js';
import { missingHostOps } from './host.js';
import { planGemv, type GemvPlan } from './layout.js';
import type { PimMachine } from './machine.js';

export type Binding =
  | { unit: 'pim'; shape: GemvShape; plan: GemvPlan }
  /** `gemvUnmappable`: a GEMV the banks cannot hold (a contraction, so worth telling the user). */
  | { unit: 'host'; why: string; gemvUnmappable: boolean }
  | { unit: 'unsupported'; reason: string };

export function bindEinsum(einsum: Einsum, cascade: Cascade, m: PimMachine): Binding {
  const g = classifyGemv(einsum, cascade);
  if (g.ok) {
    // The banks hold the matrix, and the global buffer the vector, in the MAC lanes' element type
    // (structure.pim.precision): the machine paces its MAC commands for that many elements per
    // column, so an int8 matrix packed 32 to a 32 B column would outrun 16 fp16 lanes.
    const bytes = PRECISION_BYTES[m.structure.pim.precision];
    const shape = { ...g.shape, matrixElementBytes: bytes, vectorElementBytes: bytes };
    const p = planGemv(shape, m.geometry);
    if (p.ok) return { unit: 'pim', shape, plan: p.plan };
    return { unit: 'host', why: `GEMV not mappable: ${p.reason}`, gemvUnmappable: true };
  }
  const missing = missingHostOps(einsum, m.structure.host);
  if (missing.length > 0) return { unit: 'unsupported', reason: `the host has no cost for ${missing.join(', ')} (add host.opCycles)` };
  return { unit: 'host', why: g.reason, gemvUnmappable: false };
}
