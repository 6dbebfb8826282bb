// Compiling an Einsum for the reference evaluator: every tensor access becomes an affine
// function of the iteration point (a row-major address into the tensor that holds the data),
// reads of views are composed down to their base tensor, and index ranges are checked once
// for the whole iteration box, so the per-point loop only tests the dimensions that can
// actually reach zero padding.
import { EinsimError, type Issue } from '../../errors.js';
import type { Access, Cascade, Einsum, TensorDecl } from '../types.js';
import { arityText } from '../map-arity.js';
import { accessOrder, compileMap, type CompiledMap } from './map-ops.js';

/** Σ coef[r]·i[r] + constant over the iteration ranks, in iteration order. */
export interface RankAffine {
  coef: number[];
  constant: number;
}

/** A base-tensor dimension that can leave [0, extent) inside the box: it reads zero padding there. */
export interface PaddedDim {
  at: RankAffine;
  extent: number;
}

export interface AccessPlan {
  /** The tensor holding the data (a view's base tensor, followed to the end). */
  tensor: string;
  address: RankAffine;
  padded: PaddedDim[];
}

export interface EinsumPlan {
  einsum: Einsum;
  /** Iteration ranks, kept ranks first, then reduced ranks. */
  ranks: string[];
  extents: number[];
  /** How many leading ranks of `ranks` index the output (the rest are reduced). */
  keptCount: number;
  output: AccessPlan;
  reads: AccessPlan[];
  map: CompiledMap;
  reduce: 'sum' | 'max' | 'min' | null;
}

/** Row-major strides of a shape. */
export function stridesOf(shape: number[]): number[] {
  const strides = new Array<number>(shape.length);
  let s = 1;
  for (let d = shape.length - 1; d >= 0; d--) {
    strides[d] = s;
    s *= shape[d];
  }
  return strides;
}

export function sizeOf(shape: number[]): number {
  return shape.reduce((a, b) => a * b, 1);
}

/** Where an Einsum was written, for issues. */
export function issueAt(cascade: Cascade, einsum: Einsum | null, issue: Omit<Issue, 'file' | 'path'> & { path?: string }): Issue {
  const loc = einsum?.loc;
  return {
    file: loc?.file ?? cascade.file,
    ...(loc?.line !== undefined ? { line: loc.line } : {}),
    path: issue.path ?? loc?.path ?? '',
    code: issue.code,
    expected: issue.expected,
    ...(issue.received !== undefined ? { received: issue.received } : {}),
  };
}

export function tensorOf(cascade: Cascade, name: string, einsum: Einsum | null): TensorDecl {
  const decl = cascade.tensors[name];
  if (!decl) {
    throw new EinsimError(
      issueAt(cascade, einsum, { code: 'unknown_name', expected: 'a declared tensor', received: name }),
    );
  }
  return decl;
}

/** Smallest and largest value of an affine function over the box [0, extent) of every rank. */
function affineRange(a: RankAffine, extents: number[]): [number, number] {
  let lo = a.constant;
  let hi = a.constant;
  a.coef.forEach((c, r) => {
    const span = c * (extents[r] - 1);
    if (span < 0) lo += span;
    else hi += span;
  });
  return [lo, hi];
}

/**
 * Compile one access against the iteration ranks. `write` accesses must stay inside the tensor
 * (no padding, no views). Reads may reach the declared padding, which reads 0.
 */
export function planAccess(
  cascade: Cascade,
  einsum: Einsum | null,
  access: Access,
  ranks: string[],
  extents: number[],
  write: boolean,
): AccessPlan {
  const fail = (code: Issue['code'], expected: string, received?: string): never => {
    throw new EinsimError(issueAt(cascade, einsum, { code, expected, received }));
  };
  const rankIndex = new Map(ranks.map((r, i) => [r, i]));
  // Each dimension as an affine function of the iteration point.
  let dims: RankAffine[] = access.indices.map((ix) => {
    const coef = new Array<number>(ranks.length).fill(0);
    for (const [rank, c] of Object.entries(ix.terms)) {
      const r = rankIndex.get(rank);
      if (r === undefined) fail('unknown_name', `a rank of the Einsum (${ranks.join(', ')}) in ${access.tensor}[${ix.text}]`, rank);
      coef[r!] += c;
    }
    return { coef, constant: ix.constant };
  });
  let decl = tensorOf(cascade, access.tensor, einsum);
  const padded: PaddedDim[] = [];
  for (;;) {
    if (dims.length !== decl.ranks.length) {
      fail('shape', `${decl.ranks.length} indices for ${decl.name}[${decl.ranks.join(',')}]`, `${dims.length} in ${accessText(access)}`);
    }
    const isView = decl.viewOf !== null;
    dims.forEach((dim, d) => {
      const [lo, hi] = affineRange(dim, extents);
      const extent = decl.shape[d];
      if (lo >= 0 && hi < extent) return;
      const [padLo, padHi] = write ? [0, 0] : (decl.padding[decl.ranks[d]] ?? [0, 0]);
      if (lo < -padLo || hi > extent - 1 + padHi) {
        const allowed = padLo || padHi ? `${-padLo} … ${extent - 1 + padHi} (with padding)` : `0 … ${extent - 1}`;
        fail('range', `indices of ${decl.name} rank ${decl.ranks[d]} within ${allowed} in ${accessText(access)}`, `${lo} … ${hi}`);
      }
      if (isView) fail('unsupported', `reads of view ${decl.name} that stay inside it (padding on views is not supported)`, accessText(access));
      padded.push({ at: dim, extent });
    });
    if (!decl.viewOf) break;
    if (write) fail('invalid_value', `an output that is not a view`, `${decl.name} (a view of ${decl.viewOf.tensor})`);
    // Compose: the view's indices (functions of the view's ranks) applied to our dims.
    const view = decl;
    const viewRank = new Map(view.ranks.map((r, i) => [r, i]));
    dims = view.viewOf!.indices.map((ix) => {
      const coef = new Array<number>(ranks.length).fill(0);
      let constant = ix.constant;
      for (const [rank, c] of Object.entries(ix.terms)) {
        const j = viewRank.get(rank);
        if (j === undefined) fail('unknown_name', `a rank of view ${view.name} (${view.ranks.join(', ')})`, rank);
        constant += c * dims[j!].constant;
        dims[j!].coef.forEach((k, r) => (coef[r] += c * k));
      }
      return { coef, constant };
    });
    decl = tensorOf(cascade, view.viewOf!.tensor, einsum);
  }
  const strides = stridesOf(decl.shape);
  const address: RankAffine = { coef: new Array<number>(ranks.length).fill(0), constant: 0 };
  dims.forEach((dim, d) => {
    address.constant += strides[d] * dim.constant;
    dim.coef.forEach((c, r) => (address.coef[r] += strides[d] * c));
  });
  return { tensor: decl.name, address, padded };
}

export function accessText(access: Access): string {
  return `${access.tensor}[${access.indices.map((i) => i.text).join(', ')}]`;
}

/** Compile an Einsum: iteration ranks (kept first), its accesses and its map. */
export function planEinsum(cascade: Cascade, einsum: Einsum): EinsumPlan {
  const reduced = new Set(einsum.reduce?.ranks ?? []);
  const extentOf = new Map(einsum.ranks.map((r) => [r.name, r.extent]));
  for (const r of reduced) {
    if (!extentOf.has(r)) {
      throw new EinsimError(issueAt(cascade, einsum, { code: 'unknown_name', expected: 'reduced ranks listed in the Einsum\'s ranks', received: r }));
    }
  }
  const kept = einsum.ranks.map((r) => r.name).filter((r) => !reduced.has(r));
  const ranks = [...kept, ...einsum.ranks.map((r) => r.name).filter((r) => reduced.has(r))];
  const extents = ranks.map((r) => extentOf.get(r)!);
  const outputRanks = new Set(einsum.output.indices.flatMap((ix) => Object.keys(ix.terms).filter((r) => ix.terms[r] !== 0)));
  const unused = kept.filter((r) => !outputRanks.has(r));
  if (unused.length > 0) {
    throw new EinsimError(
      issueAt(cascade, einsum, {
        code: 'unsupported',
        expected: 'every rank that does not index the output to be reduced',
        received: `${unused.join(', ')} in ${einsum.text}`,
      }),
    );
  }
  const map = compileMap(einsum.expr, (op, got) => {
    throw new EinsimError(issueAt(cascade, einsum, { code: 'invalid_value', expected: `${arityText(op)} for ${op}`, received: String(got) }));
  });
  return {
    einsum,
    ranks,
    extents,
    keptCount: kept.length,
    output: planAccess(cascade, einsum, einsum.output, ranks, extents, true),
    reads: accessOrder(einsum.expr).map((a) => planAccess(cascade, einsum, a, ranks, extents, false)),
    map,
    reduce: einsum.reduce?.op ?? null,
  };
}
