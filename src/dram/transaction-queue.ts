// The controller's transaction queue (DRAMsim3's read_queue_ / write_buffer_): transactions in
// arrival order, from which ScheduleTransaction takes the oldest one whose command queue has
// room. Kept as one FIFO per command queue plus a bitmask of the non-empty FIFOs, so "the
// oldest movable" is the oldest head among the FIFOs whose command queue has room: a few
// comparisons instead of a scan past every transaction stuck behind a full bank queue.
import type { TransactionStore } from './transactions.js';

export class TransactionQueue {
  length = 0;
  private readonly head: Int32Array;
  private readonly tail: Int32Array;
  /** Bit q of word q >> 5: FIFO q is not empty. */
  readonly nonEmpty: Int32Array;
  private nextSeq = 0;

  constructor(
    private readonly tx: TransactionStore,
    queues: number,
  ) {
    this.head = new Int32Array(queues).fill(-1);
    this.tail = new Int32Array(queues).fill(-1);
    this.nonEmpty = new Int32Array((queues + 31) >> 5);
  }

  /** Append transaction `id` (tx.queue[id] says which FIFO). */
  push(id: number): void {
    const q = this.tx.queue[id];
    const tx = this.tx;
    tx.seq[id] = this.nextSeq++;
    tx.link[id] = -1;
    if (this.tail[q] === -1) {
      this.head[q] = id;
      this.nonEmpty[q >> 5] |= 1 << (q & 31);
    } else {
      tx.link[this.tail[q]] = id;
    }
    this.tail[q] = id;
    this.length++;
  }

  /** The oldest transaction whose command queue has room (bit set in `room`), or -1. */
  oldestMovable(room: Int32Array): number {
    let best = -1;
    let bestSeq = Infinity;
    const tx = this.tx;
    for (let w = 0; w < this.nonEmpty.length; w++) {
      let bits = this.nonEmpty[w] & room[w];
      while (bits !== 0) {
        const low = bits & -bits;
        bits ^= low;
        const id = this.head[(w << 5) + 31 - Math.clz32(low)];
        if (tx.seq[id] < bestSeq) {
          bestSeq = tx.seq[id];
          best = id;
        }
      }
    }
    return best;
  }

  /** Remove `id`, which must be the head of its FIFO (as oldestMovable returns). */
  removeHead(id: number): void {
    const q = this.tx.queue[id];
    const next = this.tx.link[id];
    this.head[q] = next;
    if (next === -1) {
      this.tail[q] = -1;
      this.nonEmpty[q >> 5] &= ~(1 << (q & 31));
    }
    this.length--;
  }
}
