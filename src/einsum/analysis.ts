// What a cascade asks of any machine, before a machine is chosen: per Einsum, the iteration-space
// size, operation counts by operator, the bytes of the tensors it touches, the algorithmic minimum
// traffic (each input element it reads fetched once, each output element written once) and the
// arithmetic intensity. `einsim check` prints this; engines may use it as a bound.
//
// Counting rules (docs/workloads.md, "Counting rules"):
// - A `sum` reduction whose map's outermost operator is `mul` is a contraction: that multiply and
//   the add are ONE `mac` per iteration point.
// - Otherwise every operator node of the map counts once per iteration point (a constant operand
//   still counts: `X * 0.5` is a `mul` per point); a bare access (`A[m] = B[m]`) or `copy(...)`
//   counts nothing.
// - A reduction counts its operator (`add` for sum, `max`, `min`) once per iteration point: the
//   accumulator starts at the identity, as a MAC's does.
// - totalOps weighs a MAC as 2 (a multiply and an add) so intensity is in the usual ops per byte.
// - Bytes are elements × the tensor's precision (PRECISION_BYTES), rounded up per tensor. A view
//   costs nothing: reads of BK[e,m1,m0] are reads of the part of K it aliases. Padding is not
//   stored, so it is never fetched.
import { indexRange } from './affine.js';
import { readsOf } from './graph.js';
import { PRECISION_BYTES, type Access, type AffineIndex, type Cascade, type Einsum, type Expr, type TensorDecl } from './types.js';

export interface EinsumAnalysis {
  id: string;
  text: string;
  iterative: string | null;
  /** Π of the iteration ranks' extents. */
  iterationPoints: number;
  /** Operator → count: `mac`, `add`, `mul`, `exp`, `max`, ... */
  ops: Record<string, number>;
  /** Σ ops with a MAC as 2. */
  totalOps: number;
  /** Full size of every distinct stored tensor the Einsum reads or writes (views as their base). */
  footprintBytes: number;
  /** Each element the Einsum reads fetched once, each it writes stored once. */
  minTrafficBytes: number;
  /** totalOps / minTrafficBytes (0 when no traffic). */
  arithmeticIntensity: number;
}

export interface CascadeAnalysis {
  einsums: EinsumAnalysis[];
  totals: {
    iterationPoints: number;
    ops: Record<string, number>;
    totalOps: number;
    /** Every stored (non-view) tensor, once. */
    footprintBytes: number;
    /** The cascade's inputs read once and outputs written once (intermediates never leave the chip). */
    minTrafficBytes: number;
    /** Σ of per-Einsum minimum traffic: what running the Einsums one at a time, unfused, must move. */
    unfusedTrafficBytes: number;
    arithmeticIntensity: number;
  };
}

export function analyseCascade(cascade: Cascade): CascadeAnalysis {
  const einsums = cascade.einsums.map((e) => analyseEinsum(e, cascade.tensors));
  const ops: Record<string, number> = {};
  for (const e of einsums) for (const [op, n] of Object.entries(e.ops)) ops[op] = (ops[op] ?? 0) + n;
  const stored = Object.values(cascade.tensors).filter((t) => !t.viewOf);
  const read = readBases(cascade);
  const boundary = stored.filter((t) => t.role === 'output' || (t.role === 'input' && read.has(t.name)));
  const totalOps = weightedOps(ops);
  const minTrafficBytes = sum(boundary.map(tensorBytes));
  return {
    einsums,
    totals: {
      iterationPoints: sum(einsums.map((e) => e.iterationPoints)),
      ops,
      totalOps,
      footprintBytes: sum(stored.map(tensorBytes)),
      minTrafficBytes,
      unfusedTrafficBytes: sum(einsums.map((e) => e.minTrafficBytes)),
      arithmeticIntensity: minTrafficBytes > 0 ? totalOps / minTrafficBytes : 0,
    },
  };
}

export function analyseEinsum(einsum: Einsum, tensors: Record<string, TensorDecl>): EinsumAnalysis {
  const iterationPoints = product(einsum.ranks.map((r) => r.extent));
  const ops = countOps(einsum, iterationPoints);
  const extents = Object.fromEntries(einsum.ranks.map((r) => [r.name, r.extent]));

  // Group accesses by the stored tensor they touch; a tensor read twice counts the union's box.
  const boxes = new Map<string, { lo: number[]; hi: number[] }>();
  for (const access of [einsum.output, ...readsOf(einsum)]) {
    const base = throughView(access, tensors);
    const decl = tensors[base.tensor];
    const box = base.indices.map((ix, i) => clip(indexRange(ix, extents), decl.shape[i]));
    const prev = boxes.get(base.tensor);
    if (!prev) boxes.set(base.tensor, { lo: box.map((b) => b.min), hi: box.map((b) => b.max) });
    else box.forEach((b, i) => ((prev.lo[i] = Math.min(prev.lo[i], b.min)), (prev.hi[i] = Math.max(prev.hi[i], b.max))));
  }
  let footprintBytes = 0;
  let minTrafficBytes = 0;
  for (const [name, box] of boxes) {
    const decl = tensors[name];
    footprintBytes += tensorBytes(decl);
    const elements = product(box.lo.map((lo, i) => Math.max(0, box.hi[i] - lo + 1)));
    minTrafficBytes += Math.ceil(elements * PRECISION_BYTES[decl.precision]);
  }
  const totalOps = weightedOps(ops);
  return {
    id: einsum.id,
    text: einsum.text,
    iterative: einsum.iterative,
    iterationPoints,
    ops,
    totalOps,
    footprintBytes,
    minTrafficBytes,
    arithmeticIntensity: minTrafficBytes > 0 ? totalOps / minTrafficBytes : 0,
  };
}

/** Operation counts of one Einsum under the counting rules above. */
export function countOps(einsum: Pick<Einsum, 'expr' | 'reduce'>, iterationPoints: number): Record<string, number> {
  const ops: Record<string, number> = {};
  const add = (op: string, n: number): void => {
    if (n > 0) ops[op] = (ops[op] ?? 0) + n;
  };
  const walk = (e: Expr): void => {
    if (e.kind !== 'call') return;
    if (e.op !== 'copy') add(e.op, iterationPoints); // a copy moves data, computes nothing
    e.args.forEach(walk);
  };
  const contraction = einsum.reduce?.op === 'sum' && einsum.expr.kind === 'call' && einsum.expr.op === 'mul';
  if (contraction && einsum.expr.kind === 'call') {
    add('mac', iterationPoints);
    einsum.expr.args.forEach(walk);
  } else {
    walk(einsum.expr);
    if (einsum.reduce) add(einsum.reduce.op === 'sum' ? 'add' : einsum.reduce.op, iterationPoints);
  }
  return ops;
}

/**
 * The access a read of a view really makes: `BK[e,m1,m0]` with BK = K[e, m1*M0+m0] becomes
 * `K[e, m1*M0+m0]` in the Einsum's ranks. Accesses of stored tensors come back unchanged.
 */
/** The stored tensor a name reads: a view's base (views are of plain tensors only), else itself. */
export function baseTensor(cascade: Cascade, name: string): string {
  return cascade.tensors[name]?.viewOf?.tensor ?? name;
}

export function throughView(access: Access, tensors: Record<string, TensorDecl>): Access {
  const decl = tensors[access.tensor];
  if (!decl?.viewOf) return access;
  // The view's indices are over the view's own ranks; substitute each by the access's index.
  const byRank = Object.fromEntries(decl.ranks.map((r, i) => [r, access.indices[i]]));
  const indices = decl.viewOf.indices.map((ix): AffineIndex => {
    const terms: Record<string, number> = {};
    let constant = ix.constant;
    for (const [viewRank, coeff] of Object.entries(ix.terms)) {
      const sub = byRank[viewRank];
      constant += coeff * sub.constant;
      for (const [rank, c] of Object.entries(sub.terms)) terms[rank] = (terms[rank] ?? 0) + coeff * c;
    }
    return { terms, constant, text: ix.text };
  });
  return { tensor: decl.viewOf.tensor, indices };
}

/** Bytes of the whole tensor (a view: 0). */
export function tensorBytes(t: TensorDecl): number {
  return t.viewOf ? 0 : Math.ceil(product(t.shape) * PRECISION_BYTES[t.precision]);
}

/** The stored tensors some Einsum reads, directly or through a view (one pass, not one per tensor). */
function readBases(cascade: Cascade): Set<string> {
  const out = new Set<string>();
  for (const e of cascade.einsums) for (const a of readsOf(e)) out.add(baseTensor(cascade, a.tensor));
  return out;
}

function clip(range: { min: number; max: number }, extent: number): { min: number; max: number } {
  return { min: Math.max(0, range.min), max: Math.min(extent - 1, range.max) };
}

function weightedOps(ops: Record<string, number>): number {
  return sum(Object.entries(ops).map(([op, n]) => (op === 'mac' ? 2 * n : n)));
}

const sum = (xs: number[]): number => xs.reduce((a, b) => a + b, 0);
const product = (xs: number[]): number => xs.reduce((a, b) => a * b, 1);
