// Which part of a tensor one piece of an Einsum writes or reads, so the scheduler can tell which
// pieces of a producer a consumer really waits for. A step (one Einsum in one repetition) may be
// cut along one rank into *parts* (pipeline.ts): part [lo, hi) of rank h of the softmax reads only
// heads lo…hi−1 of the scores. A region is a box: per dimension of the (base) tensor either an
// interval of indices or the whole extent. Reads through a view, or along an affine index, are
// taken as the whole tensor (conservative: a dependence is never missed, only widened).
import type { Access, Cascade, Einsum } from '../../einsum/types.js';
import { readsOf } from '../../einsum/graph.js';

/** A rank range: the part of an Einsum's iteration space along `rank`. */
export interface RankRange {
  rank: string;
  lo: number;
  hi: number;
}

/** Per dimension: [lo, hi) or null for the whole extent. */
export type Box = ([number, number] | null)[];

export interface TensorRegion {
  /** The base tensor (views resolved). */
  tensor: string;
  box: Box;
}

/** The rank a plain index reads (`h`, not `h+1` or `2*p`), or null. */
export function plainRank(ix: Access['indices'][number]): string | null {
  const terms = Object.entries(ix.terms);
  return ix.constant === 0 && terms.length === 1 && terms[0][1] === 1 ? terms[0][0] : null;
}

/** Whether an access indexes some dimension with exactly `rank`. */
export function indexesPlainly(access: Access, rank: string): boolean {
  return access.indices.some((ix) => plainRank(ix) === rank);
}

function boxOf(access: Access, range: RankRange | undefined): Box {
  return access.indices.map((ix) => (range && plainRank(ix) === range.rank ? [range.lo, range.hi] : null));
}

/** The region a part writes (its output access restricted to the part's range). */
export function writeRegion(einsum: Einsum, range?: RankRange): TensorRegion {
  return { tensor: einsum.output.tensor, box: boxOf(einsum.output, range) };
}

/** The regions a part reads, one per read access (views and affine indices: the whole base tensor). */
export function readRegions(einsum: Einsum, cascade: Cascade, range?: RankRange): TensorRegion[] {
  return readsOf(einsum).map((access) => {
    const decl = cascade.tensors[access.tensor];
    if (decl?.viewOf) {
      let base = decl;
      while (base.viewOf) base = cascade.tensors[base.viewOf.tensor];
      return { tensor: base.name, box: base.shape.map(() => null) };
    }
    return { tensor: access.tensor, box: boxOf(access, range) };
  });
}

/** Whether two boxes of one tensor share a point. */
export function overlaps(a: Box, b: Box): boolean {
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const x = a[i];
    const y = b[i];
    if (x && y && (x[1] <= y[0] || y[1] <= x[0])) return false;
  }
  return true;
}

/** The Einsum restricted to `range`: the same Einsum with that rank's extent cut to hi − lo (what host costs and GEMV shapes read). */
export function restrictEinsum(einsum: Einsum, range: RankRange): Einsum {
  return { ...einsum, ranks: einsum.ranks.map((r) => (r.name === range.rank ? { name: r.name, extent: range.hi - range.lo } : r)) };
}
