// The ofmap write buffer (scalesim.md §4, write_buffer.py): a double buffer of E words drained to
// DRAM in lines of Bw words (Bw = C in CALC mode, the user bandwidth in USER mode). Writes fill the
// open line; when free space falls below the active half, the open line is closed (even if
// partial) and up to ceil(Dr/Bw) lines drain, one line per cycle. Writing into a full buffer while
// a drain is in flight stalls until the drain ends.
//
// Only counts matter for the numbers, so lines are kept as run-length segments of "valid words
// per line"; addresses are replayed from the demand stream when a trace is asked for.
import { ACTIVE_FRACTION } from './constants.js';

export interface DrainEvent {
  firstCycle: number;
  lines: number;
  /** Words SCALE-Sim counts for this drain (bug §6.4: only the last line's −1s are subtracted). */
  words: number;
  /** Index of the first drained line in the buffer's line sequence. */
  fromLine: number;
}

export class WriteBuffer {
  readonly lineWords: number;
  readonly totalWords: number;
  readonly activeWords: number;
  readonly drainLines: number;
  private free: number;
  private openLineWords = 0;
  /** Queue of closed, undrained lines: segments of `count` lines holding `valid` words each. */
  private segValid: number[] = [];
  private segCount: number[] = [];
  private segHead = 0;
  private linesClosed = 0;
  private linesDrained = 0;
  private drainEnd = 0;
  dramWrites = 0;
  /** Every drain, kept only when tracing (an untraced run keeps the first and the last). */
  readonly drains: DrainEvent[] | null;
  private firstDrain: DrainEvent | null = null;
  private lastDrain: DrainEvent | null = null;
  /** Valid words of every closed line, in order; kept only when tracing. */
  readonly lineSizes: number[] | null;

  constructor(bufferWords: number, lineWords: number, keepLines: boolean) {
    this.lineWords = lineWords;
    this.totalWords = bufferWords;
    this.activeWords = Math.ceil(bufferWords * ACTIVE_FRACTION);
    this.drainLines = Math.ceil((bufferWords - this.activeWords) / lineWords);
    this.free = bufferWords;
    this.lineSizes = keepLines ? [] : null;
    this.drains = keepLines ? [] : null;
  }

  private pushLines(valid: number, count: number): void {
    if (count <= 0) return;
    const last = this.segValid.length - 1;
    if (last >= this.segHead && this.segValid[last] === valid) this.segCount[last] += count;
    else {
      this.segValid.push(valid);
      this.segCount.push(count);
    }
    this.linesClosed += count;
    if (this.lineSizes) for (let i = 0; i < count; i++) this.lineSizes.push(valid);
  }

  private store(words: number): void {
    this.free -= words;
    const filled = this.openLineWords + words;
    const full = Math.floor(filled / this.lineWords);
    this.pushLines(this.lineWords, full);
    this.openLineWords = filled - full * this.lineWords;
  }

  private closeOpenLine(): void {
    if (this.openLineWords > 0) {
      this.pushLines(this.openLineWords, 1);
      this.openLineWords = 0;
    }
  }

  /** empty_drain_buf: drain up to drainLines lines starting at `cycle`; returns the last drain cycle. */
  private drain(cycle: number): number {
    let lines = 0;
    let lastValid = 0;
    while (lines < this.drainLines && this.segHead < this.segValid.length) {
      const take = Math.min(this.drainLines - lines, this.segCount[this.segHead]);
      lines += take;
      lastValid = this.segValid[this.segHead];
      this.segCount[this.segHead] -= take;
      if (this.segCount[this.segHead] === 0) this.segHead++;
    }
    if (this.segHead > 1024) {
      this.segValid = this.segValid.slice(this.segHead);
      this.segCount = this.segCount.slice(this.segHead);
      this.segHead = 0;
    }
    // SCALE-Sim counts whole lines and subtracts the −1 padding of the batch's last line only.
    const words = lines * this.lineWords - (this.lineWords - lastValid);
    const event = { firstCycle: cycle, lines, words, fromLine: this.linesDrained };
    this.firstDrain ??= event;
    this.lastDrain = event;
    this.drains?.push(event);
    this.linesDrained += lines;
    this.dramWrites += words;
    this.free += words;
    return cycle + lines - 1;
  }

  /**
   * A run of rows starting at `cycle` that writes `words` in total can be taken in one step when
   * nothing can happen in it: no drain in flight and free space stays at or above the active half.
   */
  absorbs(words: number, cycle: number): boolean {
    return cycle >= this.drainEnd && this.free - words >= this.activeWords;
  }

  /**
   * Of `rows` rows of `words` words each, the first at `cycle` and one per cycle after it, how many
   * in a row write without an event (no stall, no drain), as writeRow would serve them.
   */
  quietRows(words: number, cycle: number, rows: number): number {
    const whileDraining = Math.max(0, Math.min(rows, this.drainEnd - cycle));
    // While a drain is in flight a row only has to leave a free word …
    const fitting = Math.floor((this.free - 1) / words);
    if (fitting < whileDraining) return Math.max(0, fitting);
    // … after it, free space has to stay at or above the active half.
    return Math.min(rows, Math.max(whileDraining, Math.floor((this.free - this.activeWords) / words)));
  }

  /** Takes `words` that absorbs() or quietRows() cleared (each row's out-cycle is its own cycle). */
  absorb(words: number): void {
    this.store(words);
  }

  /** service_writes for one demand row of `count` valid words at `cycle`; returns its out-cycle. */
  writeRow(count: number, cycle: number): number {
    let cur = cycle;
    let left = count;
    while (left > 0) {
      if (cur < this.drainEnd) {
        // Words are accepted while free space stays positive; the next one waits for the drain.
        const pass = Math.min(left, Math.max(0, this.free - 1));
        this.store(pass);
        left -= pass;
        if (left === 0) break;
        this.store(1);
        left--;
        cur = this.drainEnd;
      } else {
        // Words are accepted while free space stays ≥ the active half; the next one starts a drain.
        const pass = Math.min(left, Math.max(0, this.free - this.activeWords));
        this.store(pass);
        left -= pass;
        if (left === 0) break;
        this.store(1);
        left--;
        this.closeOpenLine();
        this.drainEnd = this.drain(cur);
      }
    }
    return cur;
  }

  /** empty_all_buffers: after the last row, drain everything from `cycle` on, back to back. */
  finish(cycle: number): void {
    this.closeOpenLine();
    let c = cycle;
    while (this.linesDrained < this.linesClosed) {
      this.drainEnd = this.drain(c);
      c = this.drainEnd + 1;
    }
  }

  get startCycle(): number {
    return this.firstDrain ? this.firstDrain.firstCycle : 0;
  }

  get stopCycle(): number {
    const d = this.lastDrain;
    return d ? d.firstCycle + d.lines - 1 : 0;
  }
}
