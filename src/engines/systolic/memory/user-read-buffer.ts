// USER-mode read buffer (scalesim.md §4, read_buffer.py): a double buffer filled from DRAM at a
// fixed B words per cycle. The operand's prefetch order is cut into "lines" of eps = ceil(E/100)
// valid entries (duplicates count); the active window holds nal consecutive lines (cyclically).
// A request whose address is in no active line rotates the window by npl lines and issues one
// prefetch of np = ceil(P/B) DRAM rows, which lands np + 1 cycles after the previous one; a row
// whose data lands late is served late, and that is a stall.
import { EinsimError } from '../../../errors.js';
import { ACTIVE_FRACTION, READ_LATENCY_CYCLES, USER_LINES_PER_BUFFER } from './constants.js';
import type { DramBurst, ReadBufferOutcome } from './outcome.js';
import type { PrefetchMatrix } from '../dataflow/model.js';
import { forEachPrefetched, prefetchElements } from '../prefetch-order.js';

export class UserReadBuffer {
  readonly lines: number;
  readonly activeLines: number;
  readonly prefetchLines: number;
  /** DRAM rows of the first fill and of every later prefetch. */
  readonly fillRows: number;
  readonly prefetchRows: number;
  readonly bandwidthWords: number;
  /** CSR: the lines holding operand index e are lineOf[lineStart[e] … lineStart[e+1]). */
  private readonly lineStart: Int32Array;
  private readonly lineOf: Int32Array;
  private windowStart = 0;
  private lastPrefetchCycle = 0;
  private prefetches = 0;
  private started = false;
  private startCycle = 0;
  /**
   * Cycle at which each later prefetch was issued, kept only for traces (the bursts): a small
   * buffer on a large layer issues hundreds of millions of prefetches, more than an array holds.
   */
  private readonly prefetchIssueCycles: number[] | null;

  constructor(prefetch: PrefetchMatrix, operandSize: number, bufferWords: number, bandwidthWords: number, keepBursts: boolean) {
    this.prefetchIssueCycles = keepBursts ? [] : null;
    const eps = Math.ceil(bufferWords / USER_LINES_PER_BUFFER);
    const active = Math.ceil(bufferWords * ACTIVE_FRACTION);
    const prefetchWords = bufferWords - active;
    this.bandwidthWords = bandwidthWords;

    // Lines: consecutive runs of eps valid entries in fetch order; the last, possibly empty, is kept.
    const counts = new Int32Array(operandSize + 1);
    let valid = 0;
    forEachPrefetched(prefetch, (e) => {
      counts[e + 1]++;
      valid++;
    });
    for (let e = 0; e < operandSize; e++) counts[e + 1] += counts[e];
    // counts[e] is now where e's lines start; fill them using counts[e] itself as the cursor (no
    // second operand-sized array: a large layer's operand has hundreds of millions of elements),
    // which leaves counts[e] at the start of e + 1; shifting by one restores the starts.
    this.lineOf = new Int32Array(valid);
    let line = 0;
    let inLine = 0;
    forEachPrefetched(prefetch, (e) => {
      this.lineOf[counts[e]++] = line; // the v-th valid entry is in line floor(v / eps)
      if (++inLine === eps) {
        line++;
        inLine = 0;
      }
    });
    counts.copyWithin(1, 0, operandSize);
    counts[0] = 0;
    this.lineStart = counts;
    this.lines = Math.floor(valid / eps) + 1;
    this.activeLines = Math.min(this.lines, Math.ceil(active / eps));
    this.prefetchLines = Math.min(this.lines - this.activeLines, Math.ceil(prefetchWords / eps));
    const fetchRows = Math.ceil(prefetchElements(prefetch) / bandwidthWords);
    this.fillRows = Math.min(Math.ceil(active / bandwidthWords), fetchRows);
    this.prefetchRows = Math.ceil(prefetchWords / bandwidthWords);
  }

  /**
   * Widen [range[0], range[1]] to every line holding any of entries[0 … count): a fold's tile is
   * then tested against the window once (holdsLines) instead of request by request.
   */
  widenLineRange(entries: Int32Array, count: number, range: Float64Array): void {
    for (let i = 0; i < count; i++) {
      const e = entries[i];
      if (this.lineStart[e] === this.lineStart[e + 1]) {
        // Never fetched: no window holds it, and readRow must see it (it reports the error).
        range[0] = -Infinity;
        range[1] = Infinity;
        return;
      }
      for (let k = this.lineStart[e]; k < this.lineStart[e + 1]; k++) {
        const line = this.lineOf[k];
        if (line < range[0]) range[0] = line;
        if (line > range[1]) range[1] = line;
      }
    }
  }

  /**
   * Whether every line of [lo, hi] is in the active window (an empty range: trivially). Then every
   * request for an element whose lines all lie there hits, and a hit changes nothing: readRow
   * would return cycle + READ_LATENCY_CYCLES for each such row. False before the first row
   * (readRow starts the buffer's clock).
   */
  holdsLines(lo: number, hi: number): boolean {
    if (!this.started) return false;
    if (lo > hi) return true;
    let rel = lo - this.windowStart;
    if (rel < 0) rel += this.lines;
    return rel + (hi - lo) < this.activeLines;
  }

  private hit(e: number): boolean {
    const end = this.lineStart[e + 1];
    for (let i = this.lineStart[e]; i < end; i++) {
      let rel = this.lineOf[i] - this.windowStart;
      if (rel < 0) rel += this.lines;
      if (rel < this.activeLines) return true;
    }
    return false;
  }

  /** Serves one demand row; returns its out-cycle (cycle + 1 on a hit, later when it waited for DRAM). */
  readRow(entries: Int32Array, count: number, cycle: number): number {
    if (!this.started) {
      // prefetch_active_buffer: the first fill ends the cycle before the first row.
      this.started = true;
      this.startCycle = cycle;
      this.lastPrefetchCycle = cycle - 1;
    }
    let offset = READ_LATENCY_CYCLES;
    for (let i = 0; i < count; i++) {
      const e = entries[i];
      let guard = 0;
      while (!this.hit(e)) {
        if (++guard > this.lines + 1) {
          throw new EinsimError({ file: '<systolic>', path: 'user-read-buffer', code: 'unsupported', expected: `address ${e} in the prefetch order`, received: 'an address the buffer never fetches' });
        }
        this.windowStart = (this.windowStart + this.prefetchLines) % this.lines;
        this.prefetchIssueCycles?.push(this.lastPrefetchCycle + 1);
        this.lastPrefetchCycle += this.prefetchRows + 1;
        this.prefetches++;
        const late = this.lastPrefetchCycle - (cycle + offset);
        if (late > 0) offset += late;
      }
    }
    return cycle + offset;
  }

  finish(): ReadBufferOutcome {
    const b = this.bandwidthWords;
    const span = {
      dramReads: (this.fillRows + this.prefetches * this.prefetchRows) * b,
      startCycle: this.startCycle - this.fillRows,
      stopCycle: this.lastPrefetchCycle,
    };
    if (!this.prefetchIssueCycles) return span;
    const bursts: DramBurst[] = [
      { firstCycle: this.startCycle - this.fillRows, cycles: this.fillRows, words: this.fillRows * b, widthWords: b, fromFetch: 0 },
    ];
    for (const issued of this.prefetchIssueCycles) {
      bursts.push({ firstCycle: issued + READ_LATENCY_CYCLES, cycles: this.prefetchRows, words: this.prefetchRows * b, widthWords: b, fromFetch: -1 });
    }
    return { ...span, bursts };
  }
}
