// The host unit (PIM-GPT's ASIC): everything that is not a GEMV — LayerNorm, softmax, GELU,
// residual adds, and the additions that combine partial sums of tiled GEMVs. Its cost is data in
// the arch file: lane-cycles per element for each operation (an exp by a Taylor series is several
// multiply-adds, a division a Newton-Raphson reciprocal plus a multiply), and `lanes` elements
// start per cycle. Operations are counted by the shared analysis rules (src/einsum/analysis.ts).
import { countOps } from '../../einsum/analysis.js';
import type { Einsum } from '../../einsum/types.js';
import type { HostOp, HostSpec } from './structure.js';

export interface HostCost {
  /** Host clock cycles. */
  cycles: number;
  /** Element operations by operator. */
  ops: Record<string, number>;
}

/** Operations of an Einsum the host table cannot price (an empty list means it can run). */
export function missingHostOps(einsum: Einsum, host: HostSpec): string[] {
  return Object.keys(countOps(einsum, 1)).filter((op) => host.opCycles[op as HostOp] === undefined);
}

export function hostCostOfOps(ops: Record<string, number>, host: HostSpec): HostCost {
  let laneCycles = 0;
  for (const [op, n] of Object.entries(ops)) laneCycles += n * (host.opCycles[op as HostOp] ?? 0);
  return { cycles: Math.ceil(laneCycles / host.lanes), ops };
}

export function hostCost(einsum: Einsum, host: HostSpec): HostCost {
  const points = einsum.ranks.reduce((p, r) => p * r.extent, 1);
  return hostCostOfOps(countOps(einsum, points), host);
}
