// How an engine sees one Einsum: a contraction (GEMM / batched GEMM / convolution) that a MAC
// array runs, an element-wise map, or a reduction that is not a contraction. See
// docs/evaluator.md, "Contraction view".
//
// A contraction is a sum over the reduced ranks of the product of exactly two tensors. Its
// operands are named as SCALE-Sim names them (reference/scalesim.md §0–§2):
// - the *ifmap* (`input`) is the operand a sliding window reads (an index mixing an output rank
//   with a reduced rank, `s*p + d*r`); when neither or both do, it is the FIRST factor as
//   written (`I[...] * W[...]`, `Q[e,p] * K[e,m]`);
// - the *filter* (`weight`) is the other one.
// Ranks then split into: batch (output ranks both operands index, or neither: heads, groups),
// M (output ranks only the ifmap indexes: SCALE-Sim's ofmap pixels, the GEMM rows), N (output
// ranks only the filter indexes: filters, GEMM columns) and K (the reduced ranks, SCALE-Sim's
// window). batch·M·N·K is always the Einsum's iteration space, i.e. its MAC count.
import type { Access, Cascade, Einsum, Expr, ReduceOp } from './types.js';

export interface GemmView {
  /** Output rows: Π extents of the M ranks (SCALE-Sim `-i gemm` M, ofmap pixels for a conv). */
  M: number;
  /** Output columns: Π extents of the N ranks (filters). */
  N: number;
  /** Reduction length: Π extents of the reduced ranks (SCALE-Sim's window size Fh·Fw·C). */
  K: number;
  /** Independent GEMMs: Π extents of the batch ranks (heads; groups of a grouped conv). */
  batch: number;
}

/**
 * A 2-D convolution read off the ifmap's sliding-window indices `stride*p + dilation*r + c0`.
 * C and N count all channels (PyTorch's in_channels / out_channels); a group has C/groups input
 * and N/groups output channels (depthwise with multiplier 1: C = N = groups). A 1-D convolution has
 * H = Fh = P = 1. Pads are the zero padding the windows actually reach (top/left = −c0;
 * bottom/right = how far the last window runs past H−1 / W−1).
 */
export interface ConvView {
  H: number;
  W: number;
  Fh: number;
  Fw: number;
  C: number;
  N: number;
  strideH: number;
  strideW: number;
  dilationH: number;
  dilationW: number;
  groups: number;
  padTop: number;
  padBottom: number;
  padLeft: number;
  padRight: number;
  /** Output extents (SCALE-Sim's Eh, Ew). */
  P: number;
  Q: number;
  /** Images: Π extents of M ranks that are not spatial (1 for a single image). */
  batch: number;
}

export interface ContractionRanks {
  batch: string[];
  m: string[];
  n: string[];
  k: string[];
}

export type EinsumClass =
  | {
      kind: 'contraction';
      gemm: GemmView;
      conv?: ConvView;
      operands: { input: string; weight: string; output: string };
      ranks: ContractionRanks;
    }
  | { kind: 'map'; reason: string }
  | { kind: 'reduction'; op: ReduceOp; reason: string };

const termsOf = (a: Access): string[] => [...new Set(a.indices.flatMap((ix) => Object.keys(ix.terms).filter((r) => ix.terms[r] !== 0)))];

/** The factors of a (nested) product; any other expression is one factor. */
function factors(e: Expr): Expr[] {
  return e.kind === 'call' && e.op === 'mul' ? e.args.flatMap(factors) : [e];
}

function describe(e: Expr): string {
  if (e.kind === 'access') return `${e.access.tensor}[…]`;
  if (e.kind === 'const') return String(e.value);
  return `${e.op}(…)`;
}

/** Dimension `s*p + d*r + c` with p an M rank and r a reduced rank, both coefficients positive. */
interface Window {
  dim: number;
  p: string;
  stride: number;
  r: string;
  dilation: number;
  offset: number;
}

function slidingWindows(a: Access, m: Set<string>, k: Set<string>): Window[] | null {
  const windows: Window[] = [];
  for (const [dim, ix] of a.indices.entries()) {
    const ranks = Object.keys(ix.terms).filter((r) => ix.terms[r] !== 0);
    if (ranks.length !== 2) continue;
    const p = ranks.find((r) => m.has(r));
    const r = ranks.find((x) => k.has(x));
    if (!p || !r || ix.terms[p] <= 0 || ix.terms[r] <= 0) return null;
    windows.push({ dim, p, stride: ix.terms[p], r, dilation: ix.terms[r], offset: ix.constant });
  }
  return windows;
}

const hasWindow = (a: Access, outRanks: Set<string>, reduced: Set<string>): boolean =>
  a.indices.some((ix) => {
    const ranks = Object.keys(ix.terms).filter((r) => ix.terms[r] !== 0);
    return ranks.some((r) => outRanks.has(r)) && ranks.some((r) => reduced.has(r));
  });

/** A bare index `r` (coefficient 1, no constant). */
const bareRank = (a: Access, dim: number): string | null => {
  const ix = a.indices[dim];
  const ranks = Object.keys(ix.terms).filter((r) => ix.terms[r] !== 0);
  return ranks.length === 1 && ix.terms[ranks[0]] === 1 && ix.constant === 0 ? ranks[0] : null;
};

function convView(
  cascade: Cascade,
  input: Access,
  weight: Access,
  ranks: ContractionRanks,
  extent: (r: string) => number,
): ConvView | undefined {
  const m = new Set(ranks.m);
  const k = new Set(ranks.k);
  const windows = slidingWindows(input, m, k);
  if (!windows || windows.length === 0 || windows.length > 2) return undefined;
  const windowDims = new Set(windows.map((w) => w.dim));
  const filterRanks = new Set(windows.map((w) => w.r));
  const spatialOut = new Set(windows.map((w) => w.p));
  if (filterRanks.size !== windows.length || spatialOut.size !== windows.length) return undefined;
  // Every other ifmap index is a bare rank (channel, group or image) or a constant.
  const channels = new Set<string>();
  for (let d = 0; d < input.indices.length; d++) {
    if (windowDims.has(d)) continue;
    const ix = input.indices[d];
    if (Object.values(ix.terms).every((c) => c === 0)) continue;
    const r = bareRank(input, d);
    if (!r || filterRanks.has(r) || spatialOut.has(r)) return undefined;
    if (k.has(r)) channels.add(r);
  }
  // The filter indexes its window ranks bare, and nothing through a window.
  for (let d = 0; d < weight.indices.length; d++) {
    const ix = weight.indices[d];
    if (Object.values(ix.terms).every((c) => c === 0)) continue;
    if (!bareRank(weight, d)) return undefined;
  }
  const weightRanks = new Set(termsOf(weight));
  if (![...filterRanks].every((r) => weightRanks.has(r))) return undefined;
  if (![...k].every((r) => filterRanks.has(r) || channels.has(r))) return undefined;

  const decl = cascade.tensors[input.tensor];
  const product = (rs: Iterable<string>) => [...rs].reduce((p, r) => p * extent(r), 1);
  const geometry = (w: Window) => {
    const H = decl.shape[w.dim];
    const P = extent(w.p);
    const F = extent(w.r);
    const last = w.stride * (P - 1) + w.dilation * (F - 1) + w.offset;
    return { H, P, F, stride: w.stride, dilation: w.dilation, before: Math.max(0, -w.offset), after: Math.max(0, last - (H - 1)) };
  };
  const flat = { H: 1, P: 1, F: 1, stride: 1, dilation: 1, before: 0, after: 0 };
  const [h, w] = windows.length === 2 ? windows.map(geometry) : [flat, geometry(windows[0])];
  const groups = product(ranks.batch);
  return {
    H: h.H,
    W: w.H,
    Fh: h.F,
    Fw: w.F,
    C: groups * product(channels),
    N: groups * product(ranks.n),
    strideH: h.stride,
    strideW: w.stride,
    dilationH: h.dilation,
    dilationW: w.dilation,
    groups,
    padTop: h.before,
    padBottom: h.after,
    padLeft: w.before,
    padRight: w.after,
    P: h.P,
    Q: w.P,
    batch: product(ranks.m.filter((r) => !spatialOut.has(r))),
  };
}

/** Classify an Einsum for engines: contraction (with its GEMM and, if any, conv view), map or reduction. */
export function classifyEinsum(cascade: Cascade, einsum: Einsum): EinsumClass {
  const reduce = einsum.reduce;
  if (reduce === null || reduce.ranks.length === 0) {
    return { kind: 'map', reason: `${einsum.id} is element-wise: no rank is reduced` };
  }
  const over = reduce.ranks.join(', ');
  if (reduce.op !== 'sum') {
    return { kind: 'reduction', op: reduce.op, reason: `${einsum.id} reduces with ${reduce.op} over ${over}, not a sum of products` };
  }
  const fs = factors(einsum.expr);
  if (fs.length !== 2 || fs.some((f) => f.kind !== 'access')) {
    const what = fs.length === 1 ? `a sum of ${describe(fs[0])}` : `a sum of the product ${fs.map(describe).join(' × ')}`;
    return { kind: 'reduction', op: 'sum', reason: `${einsum.id} is ${what} over ${over}, not a product of exactly two tensors` };
  }
  let [input, weight] = fs.map((f) => (f as Extract<Expr, { kind: 'access' }>).access);
  const outRanks = new Set(termsOf(einsum.output));
  const reduced = new Set(reduce.ranks);
  if (hasWindow(weight, outRanks, reduced) && !hasWindow(input, outRanks, reduced)) [input, weight] = [weight, input];

  const inI = new Set(termsOf(input));
  const inW = new Set(termsOf(weight));
  const kept = einsum.ranks.map((r) => r.name).filter((r) => !reduced.has(r));
  const ranks: ContractionRanks = {
    batch: kept.filter((r) => inI.has(r) === inW.has(r)),
    m: kept.filter((r) => inI.has(r) && !inW.has(r)),
    n: kept.filter((r) => inW.has(r) && !inI.has(r)),
    k: einsum.ranks.map((r) => r.name).filter((r) => reduced.has(r)),
  };
  const extents = new Map(einsum.ranks.map((r) => [r.name, r.extent]));
  const extent = (r: string) => extents.get(r) ?? 1;
  const product = (rs: string[]) => rs.reduce((p, r) => p * extent(r), 1);
  const conv = convView(cascade, input, weight, ranks, extent);
  return {
    kind: 'contraction',
    gemm: { M: product(ranks.m), N: product(ranks.n), K: product(ranks.k), batch: product(ranks.batch) },
    ...(conv ? { conv } : {}),
    operands: { input: input.tensor, weight: weight.tensor, output: einsum.output.tensor },
    ranks,
  };
}
