// How an Einsum's iteration space folds onto an array's PEs, and how many cycles that takes.
//
// 2-D array: the query rank goes across the columns (FuseMax maps P over PE_col, FLAT likewise) and
// the rank that folds best goes down the rows. 1-D array: the rank that folds best goes across the
// PEs; on a tie, a rank outside the query tile (so the 1-D array can finish one query at a time,
// as the artifact's softmax maps M0 over the PEs). The iterative rank of a recurrence is never
// spatial: its positions depend on each other.
// cycles = Π over ranks of (spatial ? ⌈extent / lanes⌉ : extent) × cycles per point.
import type { Einsum } from '../../einsum/types.js';
import type { ArrayName, SpatialStructure } from './structure.js';

export interface SpatialDim {
  rank: string;
  lanes: number;
  /** ⌈extent / lanes⌉. */
  folds: number;
}

export interface Fold {
  array: ArrayName;
  /** Ranks mapped across the PEs (rows first on the 2-D array). */
  spatial: SpatialDim[];
  /** Issue steps: Π folds of spatial ranks × extents of the others (before cycles per point). */
  steps: number;
  /** Queries the array handles at once (lanes on the query rank, 1 when it is not spatial). */
  queryLanes: number;
}

export interface FoldContext {
  queryRank: string | null;
  tileRanks: ReadonlySet<string>;
  iterativeRank: string | null;
}

export function foldEinsum(einsum: Pick<Einsum, 'ranks'>, array: ArrayName, s: SpatialStructure, ctx: FoldContext): Fold {
  const ranks = einsum.ranks;
  const candidates = ranks.filter((r) => r.name !== ctx.iterativeRank);
  const steps = (spatial: SpatialDim[]): number =>
    ranks.reduce((acc, r) => acc * (spatial.find((d) => d.rank === r.name)?.folds ?? r.extent), 1);
  const dim = (rank: string, lanes: number): SpatialDim => {
    const extent = ranks.find((r) => r.name === rank)!.extent;
    return { rank, lanes, folds: Math.ceil(extent / lanes) };
  };

  if (array === '2d') {
    const { rows, cols } = s.array2d;
    // Queries across the columns when they fill them (so all Einsums of a fused kernel agree on
    // where a query lives); otherwise whichever rank folds best.
    const queryFills = ctx.queryRank !== null && candidates.some((r) => r.name === ctx.queryRank && r.extent >= cols);
    const colRank = queryFills ? ctx.queryRank : best(candidates.map((r) => r.name), (n) => steps([dim(n, cols)]), ctx);
    const colDims = colRank ? [dim(colRank, cols)] : [];
    const rowRank = best(candidates.map((r) => r.name).filter((n) => n !== colRank), (n) => steps([dim(n, rows), ...colDims]), ctx);
    const spatial = [...(rowRank ? [dim(rowRank, rows)] : []), ...colDims];
    return { array, spatial, steps: steps(spatial), queryLanes: colRank === ctx.queryRank && colRank ? Math.min(cols, extentOf(einsum, colRank)) : 1 };
  }
  const pes = s.array1d.pes;
  const rank = best(candidates.map((r) => r.name), (n) => steps([dim(n, pes)]), ctx);
  const spatial = rank ? [dim(rank, pes)] : [];
  return { array, spatial, steps: steps(spatial), queryLanes: rank && rank === ctx.queryRank ? Math.min(pes, extentOf(einsum, rank)) : 1 };
}

/** The candidate with the fewest steps; ties go to a rank outside the query tile, then file order. */
function best(names: string[], cost: (name: string) => number, ctx: FoldContext): string | null {
  let pick: string | null = null;
  let pickCost = Infinity;
  for (const n of names) {
    const c = cost(n);
    const better = c < pickCost || (c === pickCost && pick !== null && ctx.tileRanks.has(pick) && !ctx.tileRanks.has(n));
    if (better) {
      pick = n;
      pickCost = c;
    }
  }
  return pick;
}

function extentOf(einsum: Pick<Einsum, 'ranks'>, rank: string): number {
  return einsum.ranks.find((r) => r.name === rank)?.extent ?? 1;
}
