// What a dataflow decides (scalesim.md §3): which extents are spatial, how long a fold runs, and
// where each operand element sits in the demand and prefetch matrices. Everything else (folds,
// skew, memories) is shared; dataflow/os.ts, ws.ts and is.ts hold only these differences.
import type { Dataflow } from '../types.js';
import type { FoldGrid, Mapping } from '../folds.js';
import type { LayerGeometry } from '../operand-matrix.js';
import type { OperandDemand } from '../demand.js';

/**
 * A prefetch matrix (USER mode only, create_*_prefetch_mat): `blocks` blocks of `blockRows` rows,
 * each padded to `width` columns, stacked vertically; then either read row by row or "rolled out"
 * along anti-diagonals (see prefetch-order.ts).
 */
export interface PrefetchMatrix {
  blocks: number;
  blockRows: number;
  width: number;
  usedCols(block: number): number;
  /** Operand index at (row r of block b, column j < usedCols(b)), or NULL_ADDR. */
  entry(block: number, r: number, j: number): number;
  rollout: boolean;
}

export interface DataflowModel {
  name: Dataflow;
  mapping(g: LayerGeometry): Mapping;
  /** Demand rows per fold (L). */
  foldRows(rows: number, cols: number, t: number): number;
  /** The fold length SCALE-Sim divides by for Compute Util (differs from L in ws/is: §6.2). */
  computeUtilCycles(rows: number, cols: number, t: number): number;
  demand(g: LayerGeometry, grid: FoldGrid): { ifmap: OperandDemand; filter: OperandDemand; ofmap: OperandDemand };
  prefetch(g: LayerGeometry, grid: FoldGrid): { ifmap: PrefetchMatrix; filter: PrefetchMatrix };
}

/** Used extent of block b when an extent of `total` is cut into pieces of `size`. */
export function pieceSize(total: number, size: number, b: number): number {
  return Math.min((b + 1) * size, total) - b * size;
}
