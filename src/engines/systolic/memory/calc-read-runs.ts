// The CALC read buffer without touching each request, for streams whose tiles hold distinct
// addresses (every filter; the ifmap of a GEMM or of a conv whose windows do not overlap, −1 slots
// of windows hanging over the edge included: they are not requests). Such a stream is a sequence
// of fold tiles; a fold re-reading the tile of an earlier fold (same reuse key) repeats it element
// for element, so every request of that fold has its previous occurrence exactly `d` requests
// earlier (d = distance between the two fold starts),
// and a first-time tile has none. A request is a DRAM fetch iff its previous occurrence came before
// the current block started (calc-read-buffer.ts), so a fold is: fetches up to the block-start + d
// frontier, hits after it, with a block boundary every blockSize fetches. Work per fold is O(1);
// only the last block boundary's row is needed (its cycle ends the DRAM span; untraced runs keep
// no bursts), found once in O(ports · log L), or with −1 slots by walking the fold's rows. Each
// distinct tile's requests are counted once.
import type { OperandDemand } from '../demand.js';
import { foldDataRows, foldSlots, rowRequests } from '../demand.js';
import type { Fold, FoldGrid } from '../folds.js';
import { foldAt } from '../folds.js';
import { SETS_PER_BLOCK } from './constants.js';
import { calcSetSize, calcSpan } from './calc-read-buffer.js';
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
  /** Some slots are −1 (partial conv windows): requests must be counted, not inferred from the shape. */
  nullSlots: boolean;
}

/** Requests of a fold; with −1 slots they are counted row by row, once per tile (reuse key). */
function foldRequests(input: RunsInput, f: Fold, counted: Float64Array, scratch: Int32Array): number {
  const d = input.demand;
  if (!input.nullSlots) return foldSlots(d, f);
  const key = d.reuseKey(f);
  if (counted[key] < 0) {
    const [lo, hi] = foldDataRows(d, f);
    let n = 0;
    for (let t = lo; t <= hi; t++) n += rowRequests(d, f, t, scratch);
    counted[key] = n;
  }
  return counted[key];
}

/** Slots in fold rows ≤ t of a skewed block: port j carries block rows k0 … D−1 at rows pre + k + j. */
function skewedSlotsThrough(d: OperandDemand, f: Fold, t: number): number {
  const k0 = d.firstDataRow(f);
  const span = d.dataRows - k0;
  let n = 0;
  for (let j = 0, wu = d.usedPorts(f); j < wu; j++) n += Math.max(0, Math.min(span, t - d.pre - j - k0 + 1));
  return n;
}

/** Demand row holding the x-th (0-based) request of fold fi. */
function rowOfRequest(input: RunsInput, fi: number, x: number, scratch: Int32Array): number {
  const f = foldAt(input.grid, fi);
  const d = input.demand;
  const [lo, hi] = foldDataRows(d, f);
  if (!input.nullSlots) {
    // Every slot is a request: the first row whose slots through it exceed x (preloaded rows hold
    // usedPorts each; skewed ones by binary search over the slot count).
    if (d.kind === 'preloaded') return fi * input.foldRows + lo + Math.floor(x / d.usedPorts(f));
    let a = lo;
    let b = hi;
    while (a < b) {
      const mid = (a + b) >> 1;
      if (skewedSlotsThrough(d, f, mid) > x) b = mid;
      else a = mid + 1;
    }
    if (skewedSlotsThrough(d, f, a) <= x) throw new Error(`request ${x} is beyond fold ${fi}`);
    return fi * input.foldRows + a;
  }
  let seen = 0;
  for (let t = lo; t <= hi; t++) {
    seen += rowRequests(d, f, t, scratch);
    if (seen > x) return fi * input.foldRows + t;
  }
  throw new Error(`request ${x} is beyond fold ${fi}`);
}

export function calcReadByRuns(input: RunsInput): ReadBufferOutcome {
  const { demand, grid } = input;
  const setSize = calcSetSize(input.bufferWords);
  const blockSize = SETS_PER_BLOCK * setSize;
  // Per reuse key (a fold, row fold or column fold index, so below the fold count): where its tile
  // last started in the stream, and its request count (−1: not yet seen).
  const lastStart = new Float64Array(grid.folds).fill(-1);
  const counted = new Float64Array(input.nullSlots ? grid.folds : 0).fill(-1);
  const scratch = new Int32Array(demand.ports);
  // Only the last block boundary's cycle matters (untraced runs keep no bursts): remember where
  // it fell and find its row once, at the end.
  let boundaries = 0;
  let lastFold = -1;
  let lastRequest = -1;
  let start = 0; // stream position of the current fold's first request
  let blockStart = 0;
  let inBlock = 0;
  let inserts = 0;
  for (let fi = 0; fi < grid.folds; fi++) {
    const f = foldAt(grid, fi);
    const n = foldRequests(input, f, counted, scratch);
    const key = demand.reuseKey(f);
    const prev = lastStart[key];
    lastStart[key] = start;
    const distance = prev < 0 ? Infinity : start - prev;
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
        boundaries++;
        lastFold = fi;
        lastRequest = pos - 1;
        blockStart = start + pos;
        inBlock = 0;
      }
    }
    start += n;
  }
  const lastBoundaryCycle = boundaries > 0 ? input.cycleOf(rowOfRequest(input, lastFold, lastRequest, scratch)) : -1;
  return calcSpan(setSize, inserts, input.cycleOf(input.firstRow), boundaries, lastBoundaryCycle);
}
