// Which Einsums run in the banks: a GEMV (or a small-batch GEMM) is a sum over products of two
// tensor reads, one of which is *resident* in DRAM (a weight matrix or a KV cache: a cascade
// input), the other streamed from the host through the global buffer. Every rank then falls in
// one of four roles, and the product of each role's extents is all the mapping needs:
//   batch     in the vector, the matrix and the output (attention heads of QKᵀ and AV)
//   outputs   in the matrix and the output only (the rows of W)
//   reduction in both operands, not in the output (the dot-product length)
//   vectors   in the vector and the output only (a small batch of tokens: one GEMV per vector)
// Anything else (a rank read by only one operand and summed, an affine index, a third operand)
// is not a GEMV and runs on the host.
import type { Access, Cascade, Einsum, Expr } from '../../einsum/types.js';
import { PRECISION_BYTES } from '../../einsum/types.js';
import { baseTensor } from '../../einsum/analysis.js';

export interface GemvShape {
  einsum: string;
  /** The resident operand (weights, KV cache). */
  matrix: string;
  /** The streamed operand (broadcast to the global buffers). */
  vector: string;
  batch: number;
  outputs: number;
  reduction: number;
  vectors: number;
  matrixElementBytes: number;
  vectorElementBytes: number;
  outputElementBytes: number;
  /** Rank names per role, for notes. */
  ranks: { batch: string[]; outputs: string[]; reduction: string[]; vectors: string[] };
}

export type GemvClassification = { ok: true; shape: GemvShape } | { ok: false; reason: string };

function plainRanks(access: Access): string[] | null {
  const out: string[] = [];
  for (const ix of access.indices) {
    const terms = Object.entries(ix.terms);
    if (ix.constant !== 0 || terms.length !== 1 || terms[0][1] !== 1) return null;
    out.push(terms[0][0]);
  }
  return out;
}

function twoReads(expr: Expr): [Access, Access] | null {
  if (expr.kind !== 'call' || expr.op !== 'mul' || expr.args.length !== 2) return null;
  const [a, b] = expr.args;
  return a.kind === 'access' && b.kind === 'access' ? [a.access, b.access] : null;
}

/**
 * Classify one Einsum. `resident` names the operand to keep in the banks when the workload says so
 * (annotation `resident: W`); otherwise the operand that is a cascade input is resident, and when
 * both are inputs the larger one.
 */
export function classifyGemv(einsum: Einsum, cascade: Cascade): GemvClassification {
  if (einsum.annotations.unit === 'host') return { ok: false, reason: 'bound to the host by `unit: host`' };
  const reads = twoReads(einsum.expr);
  if (!reads || einsum.reduce?.op !== 'sum') return { ok: false, reason: 'not a sum of products of two tensors' };
  const out = plainRanks(einsum.output);
  const r0 = plainRanks(reads[0]);
  const r1 = plainRanks(reads[1]);
  if (!out || !r0 || !r1) return { ok: false, reason: 'affine or constant indices' };
  if (new Set(r0).size !== r0.length || new Set(r1).size !== r1.length) return { ok: false, reason: 'a rank repeated within one operand' };

  const tensorOf = (a: Access) => cascade.tensors[baseTensor(cascade, a.tensor)];
  const t0 = tensorOf(reads[0]);
  const t1 = tensorOf(reads[1]);
  let matrixIndex: 0 | 1;
  const wanted = einsum.annotations.resident;
  if (typeof wanted === 'string') {
    if (reads[0].tensor !== wanted && reads[1].tensor !== wanted) return { ok: false, reason: `resident: ${wanted} is not an operand` };
    matrixIndex = reads[0].tensor === wanted ? 0 : 1;
  } else {
    const in0 = t0.role === 'input';
    const in1 = t1.role === 'input';
    if (!in0 && !in1) return { ok: false, reason: 'neither operand is resident in DRAM (both are computed on the fly)' };
    const size = (t: typeof t0) => t.shape.reduce((p, x) => p * x, 1);
    matrixIndex = in0 && in1 ? (size(t0) >= size(t1) ? 0 : 1) : in0 ? 0 : 1;
  }
  const mRanks = matrixIndex === 0 ? r0 : r1;
  const vRanks = matrixIndex === 0 ? r1 : r0;
  const extent = new Map(einsum.ranks.map((r) => [r.name, r.extent]));
  const roles = { batch: [] as string[], outputs: [] as string[], reduction: [] as string[], vectors: [] as string[] };
  for (const r of einsum.ranks.map((x) => x.name)) {
    const inM = mRanks.includes(r);
    const inV = vRanks.includes(r);
    const inO = out.includes(r);
    if (inM && inV && inO) roles.batch.push(r);
    else if (inM && !inV && inO) roles.outputs.push(r);
    else if (inM && inV && !inO) roles.reduction.push(r);
    else if (!inM && inV && inO) roles.vectors.push(r);
    else return { ok: false, reason: `rank ${r} is read by only one operand and reduced` };
  }
  if (roles.reduction.length === 0) return { ok: false, reason: 'no reduction rank (an element-wise product)' };
  const product = (names: string[]) => names.reduce((p, r) => p * (extent.get(r) ?? 1), 1);
  const matrixDecl = matrixIndex === 0 ? t0 : t1;
  const vectorDecl = matrixIndex === 0 ? t1 : t0;
  return {
    ok: true,
    shape: {
      einsum: einsum.id,
      matrix: matrixDecl.name,
      vector: vectorDecl.name,
      batch: product(roles.batch),
      outputs: product(roles.outputs),
      reduction: product(roles.reduction),
      vectors: product(roles.vectors),
      matrixElementBytes: PRECISION_BYTES[matrixDecl.precision],
      vectorElementBytes: PRECISION_BYTES[vectorDecl.precision],
      outputElementBytes: PRECISION_BYTES[cascade.tensors[einsum.output.tensor].precision],
      ranks: roles,
    },
  };
}

/** Multiply-accumulates of a GEMV. */
export function gemvMacs(s: GemvShape): number {
  return s.batch * s.outputs * s.reduction * s.vectors;
}
