// The order in which a USER-mode read buffer fetches an operand (scalesim.md §3 "Prefetch
// matrices"): the stacked prefetch matrix read row by row, or rolled out along anti-diagonals
// (for d = 0 … P+Q−1, rows from min(d, P−1) down to max(0, d−Q+1)) to follow the skewed demand.
import { NULL_ADDR } from './operand-matrix.js';
import type { PrefetchMatrix } from './dataflow/model.js';

/** Elements of the prefetch matrix including −1 padding (SCALE-Sim sizes its fetch matrix by this). */
export function prefetchElements(p: PrefetchMatrix): number {
  return p.blocks * p.blockRows * p.width;
}

/** Calls `visit(index)` for every non-−1 entry, in fetch order. */
export function forEachPrefetched(p: PrefetchMatrix, visit: (index: number) => void): void {
  const rows = p.blocks * p.blockRows;
  const q = p.width;
  if (!p.rollout) {
    for (let b = 0; b < p.blocks; b++) {
      const used = p.usedCols(b);
      for (let r = 0; r < p.blockRows; r++) {
        for (let j = 0; j < used; j++) {
          const e = p.entry(b, r, j);
          if (e !== NULL_ADDR) visit(e);
        }
      }
    }
    return;
  }
  // usedCols per block, asked once each: the anti-diagonal walk below asks for every entry.
  const used = Int32Array.from({ length: p.blocks }, (_, b) => p.usedCols(b));
  for (let d = 0; d < rows + q - 1; d++) {
    const rHi = Math.min(d, rows - 1);
    const rLo = Math.max(0, d - q + 1);
    for (let r = rHi; r >= rLo; r--) {
      const j = d - r;
      const b = Math.floor(r / p.blockRows);
      if (j >= used[b]) continue;
      const e = p.entry(b, r - b * p.blockRows, j);
      if (e !== NULL_ADDR) visit(e);
    }
  }
}
