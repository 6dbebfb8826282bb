// The CALC read buffer without touching each request, for streams whose tiles hold distinct
// addresses (every filter; the ifmap of a GEMM or of a conv whose windows neither overlap nor hang
// over the edge). Such a stream is a sequence of fold tiles; a fold re-reading the tile of an
// earlier fold (same reuse key) repeats it element for element, so every request of that fold has
// its previous occurrence exactly `d` requests earlier (d = distance between the two fold starts),
// and a first-time tile has none. A request is a DRAM fetch iff its previous occurrence came before
// the current block started (calc-read-buffer.ts), so a fold is: fetches up to the block-start + d
// frontier, hits after it, with a block boundary every blockSize fetches. Work per fold is O(1)
// plus O(L) per block boundary (to find the boundary's row).
import type { OperandDemand } from '../demand.js';
import { foldDataRows, rowSlots } from '../demand.js';
import type { FoldGrid } from '../folds.js';
import { foldAt } from '../folds.js';
import { SETS_PER_BLOCK } from './constants.js';
import { calcOutcome, calcSetSize } from './calc-read-buffer.js';
import type { ReadBufferOutcome } from './outcome.js';

export interface RunsInput {
  demand: OperandDemand;
  grid: FoldGrid;
  foldRows: number;
  bufferWords: number;
  /** Demand row → cycle (stalls shift rows). */
  cycleOf: (row: number) => number;
  /** First demand row holding a request. */
  firstRow: number;
}

/** Unpadded requests of a fold: all valid for a distinct-address stream. */
function foldRequests(d: OperandDemand, grid: FoldGrid, fi: number): number {
  const f = foldAt(grid, fi);
  // Both shapes carry block rows firstDataRow … dataRows−1 on the used ports.
  return (d.dataRows - d.firstDataRow(f)) * d.usedPorts(f);
}

/** Demand row holding the x-th (0-based) request of fold fi. */
function rowOfRequest(input: RunsInput, fi: number, x: number): number {
  const f = foldAt(input.grid, fi);
  const [lo, hi] = foldDataRows(input.demand, f);
  let seen = 0;
  for (let t = lo; t <= hi; t++) {
    seen += rowSlots(input.demand, f, t);
    if (seen > x) return fi * input.foldRows + t;
  }
  throw new Error(`request ${x} is beyond fold ${fi}`);
}

export function calcReadByRuns(input: RunsInput): ReadBufferOutcome {
  const { demand, grid } = input;
  const setSize = calcSetSize(input.bufferWords);
  const blockSize = SETS_PER_BLOCK * setSize;
  const lastStart = new Map<number, number>();
  const boundaryCycles: number[] = [];
  let start = 0; // stream position of the current fold's first request
  let blockStart = 0;
  let inBlock = 0;
  let inserts = 0;
  for (let fi = 0; fi < grid.folds; fi++) {
    const f = foldAt(grid, fi);
    const n = foldRequests(demand, grid, fi);
    const key = demand.reuseKey(f);
    const prev = lastStart.get(key);
    lastStart.set(key, start);
    const distance = prev === undefined ? Infinity : start - prev;
    let pos = 0;
    while (pos < n) {
      // Requests at stream positions < blockStart + distance have their previous copy before the block.
      const frontier = Math.min(n, blockStart + distance - start);
      if (pos >= frontier) break;
      const take = Math.min(frontier - pos, blockSize - inBlock);
      pos += take;
      inBlock += take;
      inserts += take;
      if (inBlock === blockSize) {
        boundaryCycles.push(input.cycleOf(rowOfRequest(input, fi, pos - 1)));
        blockStart = start + pos;
        inBlock = 0;
      }
    }
    start += n;
  }
  return calcOutcome(setSize, inserts, input.cycleOf(input.firstRow), boundaryCycles);
}
