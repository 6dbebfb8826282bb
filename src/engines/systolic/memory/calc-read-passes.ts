// The CALC read buffer over a stream of identical passes: a conv ifmap in os and ws, where every
// column fold re-reads the row folds' tiles in the same order. Windows overlap, so tiles share
// addresses and the run-based model (calc-read-runs.ts) does not apply; walking every request of
// every pass costs passes × (requests per pass), and that was most of a small array's run time.
//
// A request is a DRAM fetch iff its address's previous occurrence came before the current block
// started (calc-read-buffer.ts). The stream is periodic, so one pass gives every request's previous
// occurrence as a pass-relative position `prev` (an address's first request in the pass points at
// its last one in the pass before, a negative position; in the first pass nothing came before, and
// the block there starts at ≥ 0, so the same rule "fetch iff prev < block start" holds). Each pass
// then reads `prev` in order and compares (no address lookups); a fold's fetches are counted without
// branches and the fold is walked one request at a time only when a block boundary falls in it.
// The buffer's state at a pass start is fully described by where the current block started
// relative to the pass (the block holds the distinct addresses since then), so once a start recurs
// the passes cycle and the rest are added, not computed.
import { SETS_PER_BLOCK } from './constants.js';
import { calcSetSize, calcSpan } from './calc-read-buffer.js';
import type { ReadBufferOutcome } from './outcome.js';

/**
 * Passes longer than this many requests are walked instead: the model keeps two 4-byte integers
 * per request of a pass (64 MiB at this bound; ResNet-50's longest pass, conv1, has 1.8 million).
 */
export const MAX_PASS_REQUESTS = 2 ** 23;

export interface PassesInput {
  passes: number;
  foldsPerPass: number;
  /** Demand rows of one fold and of one pass. */
  foldRows: number;
  passRows: number;
  /** Writes fold j's requests (operand indices) and their fold rows; returns how many. */
  foldRequests(j: number, addr: Int32Array, rows: Int32Array): number;
  /** Capacity one fold's requests need, and an upper bound on the requests of one pass. */
  maxFoldRequests: number;
  passRequestsBound: number;
  operandSize: number;
  bufferWords: number;
  /** Demand row → cycle (stalls shift rows). */
  cycleOf: (row: number) => number;
  /** First demand row holding a request. */
  firstRow: number;
}

interface PassRequests {
  /** Per request of a pass: its previous occurrence and its demand row, both pass-relative. */
  prev: Int32Array;
  row: Int32Array;
  /** Where fold j's requests start (foldsPerPass + 1 entries). */
  foldStart: Int32Array;
  requests: number;
}

/**
 * One pass: each request's previous occurrence, as a pass-relative position, and where each fold's
 * requests start. A first occurrence is stored as −1 − address until the pass is complete, then
 * points at the address's last request one pass back (a negative position).
 */
function passPrevious(input: PassesInput): PassRequests {
  const F = input.foldsPerPass;
  const addr = new Int32Array(input.maxFoldRequests);
  const foldStart = new Int32Array(F + 1);
  const prev = new Int32Array(input.passRequestsBound);
  const row = new Int32Array(input.passRequestsBound);
  const last = new Int32Array(input.operandSize).fill(-1);
  let P = 0;
  for (let j = 0; j < F; j++) {
    foldStart[j] = P;
    const n = input.foldRequests(j, addr, row.subarray(P));
    recordPrevious(addr, n, prev, last, P);
    // Fold rows → pass-relative demand rows.
    if (j > 0) offsetRows(row, P, P + n, j * input.foldRows);
    P += n;
  }
  foldStart[F] = P;
  for (let x = 0; x < P; x++) if (prev[x] < 0) prev[x] = last[-1 - prev[x]] - P;
  return { prev, row, foldStart, requests: P };
}

function offsetRows(row: Int32Array, from: number, to: number, by: number): void {
  for (let x = from; x < to; x++) row[x] += by;
}

/** prev and last for requests addr[0 … n), which sit at pass positions at, at+1, …. */
function recordPrevious(addr: Int32Array, n: number, prev: Int32Array, last: Int32Array, at: number): void {
  for (let i = 0; i < n; i++, at++) {
    const e = addr[i];
    const l = last[e];
    prev[at] = l >= 0 ? l : -1 - e;
    last[e] = at;
  }
}

/**
 * Requests x in [a, b) with prev[x] < blockStart, counted without a branch: both lie in [−P, P],
 * so the sign bit of their difference is the comparison.
 */
function countFetches(prev: Int32Array, a: number, b: number, blockStart: number): number {
  let n = 0;
  for (let x = a; x < b; x++) n += (prev[x] - blockStart) >>> 31;
  return n;
}

export function calcReadPasses(input: PassesInput): ReadBufferOutcome {
  const F = input.foldsPerPass;
  const setSize = calcSetSize(input.bufferWords);
  const blockSize = SETS_PER_BLOCK * setSize;
  const { prev, row, foldStart, requests: P } = passPrevious(input);

  // Block boundaries of the passes walked (rows); the repeating passes only count theirs and keep
  // the last one (untraced runs need the span alone, calcSpan).
  const boundaryRows: number[] = [];
  let boundaries = 0;
  let lastBoundaryRow = -1;
  let inBlock = 0;
  let inserts = 0;
  // Where the current block started, relative to the current pass's first request.
  let blockStart = 0;
  const passInserts: number[] = [];
  const passBoundaries: number[] = [];
  const passOfStart = new Map<number, number>();
  for (let p = 0; p < input.passes; p++) {
    // A block that started a full pass back or more holds every address of the stream and has
    // fetched each once: all such starts are one state (and this keeps the numbers small).
    if (p > 0) blockStart = Math.max(blockStart - P, -P);
    passInserts.push(inserts);
    passBoundaries.push(boundaryRows.length);
    const earlier = passOfStart.get(blockStart);
    if (earlier !== undefined) {
      // Same state as at pass `earlier`: passes earlier … p−1 repeat from here on, pass q as pass
      // r = earlier + (q − earlier) mod period, shifted by q − r passes.
      // (passBoundaries / passInserts hold the starts of passes 0 … p, so pass r ≤ p − 1 has both ends.)
      const period = p - earlier;
      for (let q = p; q < input.passes; q++) {
        const r = earlier + ((q - earlier) % period);
        const n = passBoundaries[r + 1] - passBoundaries[r];
        inserts += passInserts[r + 1] - passInserts[r];
        if (n > 0) {
          boundaries += n;
          lastBoundaryRow = boundaryRows[passBoundaries[r + 1] - 1] + (q - r) * input.passRows;
        }
      }
      break;
    }
    passOfStart.set(blockStart, p);
    for (let j = 0; j < F; j++) {
      const a = foldStart[j];
      const b = foldStart[j + 1];
      const fetches = countFetches(prev, a, b, blockStart);
      if (inBlock + fetches < blockSize) {
        inBlock += fetches;
        inserts += fetches;
        continue;
      }
      // A block boundary falls in this fold: walk it, moving the block start at each boundary.
      for (let x = a; x < b; x++) {
        if (prev[x] >= blockStart) continue;
        inserts++;
        if (++inBlock === blockSize) {
          lastBoundaryRow = p * input.passRows + row[x];
          boundaryRows.push(lastBoundaryRow);
          boundaries++;
          inBlock = 0;
          blockStart = x + 1;
        }
      }
    }
  }
  const lastBoundaryCycle = boundaries > 0 ? input.cycleOf(lastBoundaryRow) : -1;
  return calcSpan(setSize, inserts, input.cycleOf(input.firstRow), boundaries, lastBoundaryCycle);
}
