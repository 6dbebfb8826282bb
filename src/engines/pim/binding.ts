// How one Einsum runs on a PIM machine: in the banks (a GEMV, with its mapping) or on the host,
// or not at all (the host has no cost for one of its operations).
import type { Cascade, Einsum } from '../../einsum/types.js';
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
    const p = planGemv(g.shape, m.geometry);
    if (p.ok) return { unit: 'pim', shape: g.shape, plan: p.plan };
    return { unit: 'host', why: `GEMV not mappable: ${p.reason}`, gemvUnmappable: true };
  }
  const missing = missingHostOps(einsum, m.structure.host);
  if (missing.length > 0) return { unit: 'unsupported', reason: `the host has no cost for ${missing.join(', ')} (add host.opCycles)` };
  return { unit: 'host', why: g.reason, gemvUnmappable: false };
}
