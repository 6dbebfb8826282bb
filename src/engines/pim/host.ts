// The host unit (PIM-GPT's ASIC): everything that is not a GEMV — LayerNorm, softmax, GELU,
// residual adds, and the additions that combine partial sums of tiled GEMVs. Its cost is data in
// the arch file: lane-cycles per element for each operation (an exp by a Taylor series is several
// multiply-adds, a division a Newton-Raphson reciprocal plus a multiply), and `lanes` elements
// start per cycle. Operations are counted as src/einsum/analysis.ts counts them (a sum of products
// is one `mac` per point, a reduction one add/max/min per point), with two things a host compiler
// does: a subexpression is computed once per distinct point of the ranks it uses (exp(S - SM[h])
// costs one exp per (h, m); `RS[] * G[d]` one rsqrt, not D), and a division by a divisor that
// uses fewer ranks is one reciprocal per divisor and a multiply per point (PIM-GPT divides with a
// Newton-Raphson reciprocal).
import type { Einsum, Expr } from '../../einsum/types.js';
import type { HostOp, HostSpec } from './structure.js';

export interface HostCost {
  /** Host clock cycles. */
  cycles: number;
  /** Element operations by operator. */
  ops: Record<string, number>;
}

/** Operations of an Einsum the host table cannot price (an empty list means it can run). */
export function missingHostOps(einsum: Einsum, host: HostSpec): string[] {
  return Object.keys(hostOps(einsum)).filter((op) => host.opCycles[op as HostOp] === undefined);
}

/** Element operations of an Einsum on the host, by operator (rules above). */
export function hostOps(einsum: Einsum): Record<string, number> {
  const extent = new Map(einsum.ranks.map((r) => [r.name, r.extent]));
  const allPoints = einsum.ranks.reduce((p, r) => p * r.extent, 1);
  const ops: Record<string, number> = {};
  const add = (op: string, n: number) => {
    if (n > 0) ops[op] = (ops[op] ?? 0) + n;
  };
  const points = (ranks: Set<string>) => [...ranks].reduce((p, r) => p * (extent.get(r) ?? 1), 1);
  const walk = (e: Expr): Set<string> => {
    if (e.kind === 'const') return new Set();
    if (e.kind === 'access') return new Set(e.access.indices.flatMap((ix) => Object.keys(ix.terms)));
    const argRanks = e.args.map(walk);
    const ranks = new Set(argRanks.flatMap((r) => [...r]));
    if (e.op === 'div' && e.args.length === 2 && argRanks[1].size < ranks.size) {
      add('reciprocal', points(argRanks[1]));
      add('mul', points(ranks));
    } else if (e.op !== 'copy') {
      add(e.op, points(ranks));
    }
    return ranks;
  };
  const contraction = einsum.reduce?.op === 'sum' && einsum.expr.kind === 'call' && einsum.expr.op === 'mul';
  if (contraction && einsum.expr.kind === 'call') {
    add('mac', allPoints);
    einsum.expr.args.forEach(walk);
  } else {
    walk(einsum.expr);
    if (einsum.reduce) add(einsum.reduce.op === 'sum' ? 'add' : einsum.reduce.op, allPoints);
  }
  return ops;
}

export function hostCostOfOps(ops: Record<string, number>, host: HostSpec): HostCost {
  let laneCycles = 0;
  for (const [op, n] of Object.entries(ops)) laneCycles += n * (host.opCycles[op as HostOp] ?? 0);
  return { cycles: Math.ceil(laneCycles / host.lanes), ops };
}

export function hostCost(einsum: Einsum, host: HostSpec): HostCost {
  return hostCostOfOps(hostOps(einsum), host);
}
