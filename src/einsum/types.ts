// The Einsum-cascade intermediate representation: what the workload parser produces and every
// engine consumes. Plain, JSON-serialisable data (no classes, no Maps) so a cascade can be
// cached, printed with --json, and sent to a worker thread in a sweep.
//
// Notation follows extended Einsums (EDGE, FuseMax; ../shared/reference/fusemax.md §1.2): an
// Einsum computes every point of its iteration space (the output ranks plus the reduced ranks),
// applies a *map* expression to the input elements at that point, and *reduces* the results over
// the ranks that do not index the output (sum by default; max / min when written so).

/** Element types a tensor may have. Sizes in bytes are in `PRECISION_BYTES`. */
export type Precision = 'fp64' | 'fp32' | 'tf32' | 'fp16' | 'bf16' | 'fp8' | 'int32' | 'int16' | 'int8' | 'int4';

/** Storage per element in bytes (int4 packs two per byte). */
export const PRECISION_BYTES: Record<Precision, number> = {
  fp64: 8,
  fp32: 4,
  tf32: 4,
  fp16: 2,
  bf16: 2,
  fp8: 1,
  int32: 4,
  int16: 2,
  int8: 1,
  int4: 0.5,
};

/** Where a construct came from, for error messages and `einsim explain`. */
export interface SourceLoc {
  file: string;
  /** 1-based line, when the YAML gives it. */
  line?: number;
  /** Field path, e.g. `einsums[3]`. */
  path: string;
}

/**
 * An affine index expression over iteration ranks: Σ coeff·rank + constant.
 * `s*p + r` with s = 2 is `{ terms: { p: 2, r: 1 }, constant: 0 }` (parameters are already
 * substituted). A plain rank `p` is `{ terms: { p: 1 }, constant: 0 }`.
 */
export interface AffineIndex {
  terms: Record<string, number>;
  constant: number;
  /** The expression as written, for messages. */
  text: string;
}

/** A tensor read or written at an affine point: `I[c, 2*p+r, 2*q+t]`. */
export interface Access {
  tensor: string;
  indices: AffineIndex[];
}

/** Element-wise operators of the map expression. */
export type MapOp =
  | 'add'
  | 'sub'
  | 'mul'
  | 'div'
  | 'max'
  | 'min'
  | 'neg'
  | 'exp'
  | 'log'
  | 'sqrt'
  | 'rsqrt'
  | 'reciprocal'
  | 'tanh'
  | 'relu'
  | 'gelu'
  | 'sigmoid'
  | 'silu'
  | 'abs'
  | 'square'
  | 'copy';

/** Reduction operators. */
export type ReduceOp = 'sum' | 'max' | 'min';

/** The map expression of an Einsum: a tree of element-wise operators over tensor accesses. */
export type Expr =
  | { kind: 'access'; access: Access }
  | { kind: 'const'; value: number }
  | { kind: 'call'; op: MapOp; args: Expr[] };

export interface Einsum {
  /** Unique id: the output tensor's name (each tensor has exactly one producer). */
  id: string;
  /** The Einsum as written in the workload file. */
  text: string;
  output: Access;
  expr: Expr;
  /** Reduction over the ranks not in the output; null when the Einsum is a pure map. */
  reduce: { op: ReduceOp; ranks: string[] } | null;
  /**
   * The iteration space: output ranks first, then reduced ranks, each with its extent. Extents are
   * per Einsum (layers of a network reuse rank names with different extents).
   */
  ranks: { name: string; extent: number }[];
  /**
   * The iterative rank of a recurrence, e.g. `m1` in `RM[m1+1,p] = max(RM[m1,p], LM[m1,p])`:
   * iteration m1 reads what iteration m1-1 wrote. null for ordinary Einsums.
   */
  iterative: string | null;
  /** Free annotations an engine may read (`bind: 1d`, `precision: fp32`, `unit: host`). */
  annotations: Record<string, string | number | boolean>;
  loc: SourceLoc;
}

/** Initial values of a tensor written by a recurrence: `RM[m1=0, p] = -inf`. */
export interface TensorInit {
  /** The iterative rank whose first position is initialised. */
  rank: string;
  /** The position along that rank (usually 0). */
  at: number;
  value: number;
}

export type TensorRole = 'input' | 'intermediate' | 'output';

export interface TensorDecl {
  name: string;
  /** Rank names, outermost first. */
  ranks: string[];
  /** Extent of each rank, same order (a recurrence's tensor has extent M1+1 on its iterative rank). */
  shape: number[];
  precision: Precision;
  role: TensorRole;
  init: TensorInit | null;
  /**
   * For a derived view of another tensor (`BK[e,m1,m0] = K[e, m1*M0+m0]`): the access it aliases.
   * Views cost nothing; engines treat reads of a view as reads of the base tensor.
   */
  viewOf: Access | null;
  /**
   * Zero padding per tensor rank: `{ h: [1, 1] }` lets reads reach index -1 and H on rank h and
   * read 0 there. Padding is not stored in memory (engines do not fetch it). Empty when none.
   */
  padding: Record<string, [number, number]>;
  loc: SourceLoc;
}

export interface Cascade {
  name: string;
  description: string;
  /** Where the dimensions come from (paper, model card), as the workload file states. */
  source: string;
  /** The file it was parsed from ('<string>' for in-memory text). */
  file: string;
  /** Every parameter after overrides and evaluation. */
  params: Record<string, number>;
  /** Cascade-wide rank extents declared in the file (defaults; each Einsum carries its own). */
  ranks: Record<string, number>;
  tensors: Record<string, TensorDecl>;
  /** Einsums in a topological order of their data dependencies (recurrences broken by their iterative rank). */
  einsums: Einsum[];
  /**
   * Groups of Einsums that must be iterated together over an iterative rank (a strongly connected
   * component of the dependency graph that the loop over `rank` breaks), e.g. the running max of
   * one-pass attention: `{ rank: 'm1', einsums: ['RM'] }`, or `{ rank: 'm1', einsums: ['SPD', 'RD'] }`.
   * `einsums` is in the order to evaluate them within one iteration. Every member has
   * `iterative === rank`.
   */
  recurrences: { rank: string; einsums: string[] }[];
  /** Non-fatal findings (an unused input, ...), in the same shape as errors. */
  warnings: import('../errors.js').Issue[];
}
