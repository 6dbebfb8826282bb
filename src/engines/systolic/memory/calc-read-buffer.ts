// CALC-mode read buffer: SCALE-Sim's bandwidth *estimate* (scalesim.md §4, read_buffer_estimate_bw.py).
// It never stalls (every read is served one cycle later); it only decides how many words come from
// DRAM and when. The buffer of E words is cut into sets of S = floor(E/100) distinct addresses and
// blocks of 50 sets. A request is a DRAM read unless its address is already in the current block;
// when a block's 50th set closes, the block is prefetched and a new, empty block starts. So
// DRAM reads = requests that miss the current block, and only three things are timed: the first
// request's cycle, the cycle of each block boundary, and the finalize rule.
import { CALC_FILL_BANDWIDTH_WORDS, READ_LATENCY_CYCLES, SETS_PER_BLOCK, SETS_PER_BUFFER } from './constants.js';
import type { DramBurst, ReadBufferOutcome } from './outcome.js';

export function calcSetSize(bufferWords: number): number {
  return Math.floor(bufferWords / SETS_PER_BUFFER);
}

/** Per-request CALC buffer: stamps each operand index with the block it was fetched in. */
export class CalcReadBuffer {
  readonly setSize: number;
  readonly blockSize: number;
  private readonly stamp: Int32Array;
  private block = 1;
  private inBlock = 0;
  private inserts = 0;
  private firstCycle = -1;
  /** Cycle of the row in which each block boundary happened. */
  readonly boundaryCycles: number[] = [];
  /** Fetched indices in fetch order, kept only when tracing (DRAM trace contents). */
  readonly fetched: number[] | null;

  /** Demand row → cycle (rows shift by the stalls before them). */
  private readonly cycleOf: (row: number) => number;

  constructor(bufferWords: number, operandSize: number, keepFetched: boolean, cycleOf: (row: number) => number) {
    this.cycleOf = cycleOf;
    this.setSize = calcSetSize(bufferWords);
    this.blockSize = SETS_PER_BLOCK * this.setSize;
    this.stamp = new Int32Array(operandSize);
    this.fetched = keepFetched ? [] : null;
  }

  /** One demand row's valid requests, in port order. */
  requestRow(entries: Int32Array, count: number, row: number): void {
    if (count === 0) return;
    if (this.firstCycle < 0) this.firstCycle = this.cycleOf(row);
    for (let i = 0; i < count; i++) this.request(entries[i], row);
  }

  private request(e: number, row: number): void {
    if (this.stamp[e] === this.block) return;
    this.stamp[e] = this.block;
    this.inserts++;
    if (this.fetched) this.fetched.push(e);
    if (++this.inBlock === this.blockSize) {
      this.boundaryCycles.push(this.cycleOf(row));
      this.block++;
      this.inBlock = 0;
    }
  }

  /** Requests addr[0 … n) in order; request i sits in demand row rowBase + rows[i]. */
  requestRun(addr: Int32Array, rows: Int32Array, n: number, rowBase: number): void {
    const stamp = this.stamp;
    const fetched = this.fetched;
    const blockSize = this.blockSize;
    let block = this.block;
    let inBlock = this.inBlock;
    let inserts = this.inserts;
    for (let i = 0; i < n; i++) {
      const e = addr[i];
      if (stamp[e] === block) continue;
      stamp[e] = block;
      inserts++;
      if (fetched) fetched.push(e);
      if (this.firstCycle < 0) this.firstCycle = this.cycleOf(rowBase + rows[i]);
      if (++inBlock === blockSize) {
        this.boundaryCycles.push(this.cycleOf(rowBase + rows[i]));
        block++;
        inBlock = 0;
      }
    }
    this.block = block;
    this.inBlock = inBlock;
    this.inserts = inserts;
  }

  finish(): ReadBufferOutcome {
    return calcOutcome(this.setSize, this.inserts, this.firstCycle, this.boundaryCycles);
  }
}

/**
 * The DRAM side of a CALC buffer from what the requests decided: total fetches, the first request
 * cycle and the block-boundary cycles (complete_all_prefetches and prefetch in SCALE-Sim).
 */
export function calcOutcome(setSize: number, inserts: number, firstCycle: number, boundaryCycles: number[]): ReadBufferOutcome {
  const bursts: DramBurst[] = [];
  const blockWords = SETS_PER_BLOCK * setSize;
  if (boundaryCycles.length === 0) {
    // Everything fits in the first fill: fetch all sets before cycle 0 at 10 words/cycle, ending
    // at cycle −1 (last_prefetch_end_cycle = −1 − latency, then the read port adds 1).
    const sets = Math.ceil(inserts / setSize);
    const cycles = Math.ceil((sets * setSize) / CALC_FILL_BANDWIDTH_WORDS);
    bursts.push({ firstCycle: -cycles, cycles, words: inserts, widthWords: CALC_FILL_BANDWIDTH_WORDS, fromFetch: 0 });
  } else {
    // First block: fetched before the first request, at 10 words/cycle.
    const fillCycles = Math.ceil(blockWords / CALC_FILL_BANDWIDTH_WORDS);
    const fillEnd = firstCycle - 1 - READ_LATENCY_CYCLES;
    bursts.push({ firstCycle: fillEnd - fillCycles + 1 + READ_LATENCY_CYCLES, cycles: fillCycles, words: blockWords, widthWords: CALC_FILL_BANDWIDTH_WORDS, fromFetch: 0 });
    // Each later block (and the final partial one) is spread over the previous block's window.
    let windowStart = fillEnd + 1;
    let windowEnd = boundaryCycles[0];
    for (let b = 1; b <= boundaryCycles.length; b++) {
      const last = b === boundaryCycles.length;
      const words = last ? inserts - b * blockWords : blockWords;
      const setsWords = last ? Math.ceil(words / setSize) * setSize : blockWords;
      const cycles = windowEnd - windowStart + 1;
      bursts.push({ firstCycle: windowStart + READ_LATENCY_CYCLES, cycles, words, widthWords: Math.ceil(setsWords / cycles), fromFetch: b * blockWords });
      if (!last) {
        windowStart = windowEnd + 1;
        windowEnd = boundaryCycles[b];
      }
    }
  }
  const first = bursts[0];
  const lastBurst = bursts[bursts.length - 1];
  return {
    dramReads: inserts,
    startCycle: first.firstCycle,
    stopCycle: lastBurst.firstCycle + lastBurst.cycles - 1,
    bursts,
  };
}

/**
 * calcOutcome without the bursts, for runs that are not traced: the same DRAM reads, start and
 * stop from the boundary count and the last boundary's cycle alone, in O(1). The first burst
 * starts with the first fill (before the first request, or before cycle 0 when nothing crosses
 * a block); the last one ends at the last boundary (the final partial block is spread over the
 * window closing there), or at cycle −1 when everything came in the first fill.
 * test/engines/systolic/calc-span.test.ts checks it against calcOutcome.
 */
export function calcSpan(setSize: number, inserts: number, firstCycle: number, boundaries: number, lastBoundaryCycle: number): ReadBufferOutcome {
  if (boundaries === 0) {
    const cycles = Math.ceil((Math.ceil(inserts / setSize) * setSize) / CALC_FILL_BANDWIDTH_WORDS);
    return { dramReads: inserts, startCycle: -cycles, stopCycle: -1 };
  }
  const fillCycles = Math.ceil((SETS_PER_BLOCK * setSize) / CALC_FILL_BANDWIDTH_WORDS);
  const fillEnd = firstCycle - 1 - READ_LATENCY_CYCLES;
  return { dramReads: inserts, startCycle: fillEnd - fillCycles + 1 + READ_LATENCY_CYCLES, stopCycle: lastBoundaryCycle + READ_LATENCY_CYCLES };
}
