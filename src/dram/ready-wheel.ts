// The command queues that wait for a known future cycle, as a timer wheel of queue bitmasks:
// the scheduler (command-queue.ts) files a queue under the cycle its first command can issue
// and gets it back, as a bit in its `due` mask, once that cycle is reached. So DRAMsim3's
// round-robin scan visits only queues that may be ready, instead of every non-empty queue
// every cycle (on random traffic nearly all of them are non-empty and most are waiting).
// Slot s holds the queues due at the one cycle t ≡ s (mod SLOTS) inside (now, now + SLOTS);
// a later cycle (a refresh's tRFC) waits in a `far` set with its minimum. An entry made stale
// by a re-evaluation of its queue is dropped when it fires (its queue's bound says when it is
// really due). Everything is fixed-size typed arrays: nothing allocates per cycle.

/** Slots of the wheel (a power of two): longer than typical waits (tRCD, tRP, tFAW, tRAS). */
const SLOTS = 128;
const SLOT_MASK = SLOTS - 1;

export class ReadyWheel {
  /** 32-bit words of one queue bitmask. */
  private readonly words: number;
  /** slots[s · words + w]: queues filed under slot s. */
  private readonly slots: Int32Array;
  /** Bit s of word s >> 5: slot s holds an entry. */
  private readonly occupied: Int32Array;
  /** Queues filed beyond the wheel, and a lower bound on their cycles. */
  private readonly far: Int32Array;
  private farMin = Infinity;
  /** Every entry for a cycle ≤ now has fired. */
  private now = -1;
  /** A lower bound on the earliest cycle filed in the slots (Infinity: none), so neither
   * `advance` nor `nextTime` has to search the slots until that cycle is reached. */
  private nextSlotTime = Infinity;

  constructor(numQueues: number) {
    this.words = (numQueues + 31) >> 5;
    this.slots = new Int32Array(SLOTS * this.words);
    this.occupied = new Int32Array(SLOTS >> 5);
    this.far = new Int32Array(this.words);
  }

  /** File queue `q` under cycle `t` (> the last cycle advanced to). */
  schedule(q: number, t: number): void {
    const w = q >> 5;
    const bit = 1 << (q & 31);
    this.far[w] &= ~bit; // a newer filing replaces a far one
    if (t - this.now < SLOTS) {
      const s = t & SLOT_MASK;
      this.slots[s * this.words + w] |= bit;
      this.occupied[s >> 5] |= 1 << (s & 31);
      if (t < this.nextSlotTime) this.nextSlotTime = t;
    } else {
      this.far[w] |= bit;
      if (t < this.farMin) this.farMin = t;
    }
  }

  /**
   * Fire every entry filed for a cycle ≤ clk: set the `due` bit of each such queue that is
   * still non-empty and whose bound (the scheduler's current one) is ≤ clk.
   */
  advance(clk: number, bound: Float64Array, nonEmpty: Int32Array, due: Int32Array): void {
    if (clk <= this.now) return;
    if (clk >= this.nextSlotTime) {
      const limit = Math.min(clk + 1, this.now + 1 + SLOTS);
      for (let t = this.nextOccupied(this.nextSlotTime, limit); t < limit; t = this.nextOccupied(t + 1, limit)) {
        const s = t & SLOT_MASK;
        this.occupied[s >> 5] &= ~(1 << (s & 31));
        const base = s * this.words;
        for (let w = 0; w < this.words; w++) {
          let bits = this.slots[base + w];
          if (bits === 0) continue;
          this.slots[base + w] = 0;
          bits &= nonEmpty[w];
          while (bits !== 0) {
            const low = bits & -bits;
            bits ^= low;
            if (bound[(w << 5) + 31 - Math.clz32(low)] <= clk) due[w] |= low;
          }
        }
      }
      this.nextSlotTime = this.nextOccupied(clk + 1, clk + 1 + SLOTS);
    }
    this.now = clk;
    if (this.farMin <= clk) this.advanceFar(clk, bound, nonEmpty, due);
  }

  /** Earliest cycle an entry is filed for (a lower bound: stale entries may fire early). */
  nextTime(): number {
    return this.nextSlotTime < this.farMin ? this.nextSlotTime : this.farMin;
  }

  private advanceFar(clk: number, bound: Float64Array, nonEmpty: Int32Array, due: Int32Array): void {
    let min = Infinity;
    for (let w = 0; w < this.words; w++) {
      let bits = this.far[w] & nonEmpty[w];
      this.far[w] = bits;
      while (bits !== 0) {
        const low = bits & -bits;
        bits ^= low;
        const b = bound[(w << 5) + 31 - Math.clz32(low)];
        if (b <= clk) {
          due[w] |= low;
          this.far[w] &= ~low;
        } else if (b < min) min = b;
      }
    }
    this.farMin = min;
  }

  /** First cycle t in [from, limit) whose slot is occupied, or Infinity (limit − from ≤ SLOTS). */
  private nextOccupied(from: number, limit: number): number {
    let t = from;
    while (t < limit) {
      const s = t & SLOT_MASK;
      const bits = this.occupied[s >> 5] & (-1 << (s & 31));
      if (bits !== 0) {
        const found = t + (31 - Math.clz32(bits & -bits)) - (s & 31);
        return found < limit ? found : Infinity;
      }
      t += 32 - (s & 31);
    }
    return Infinity;
  }
}
