// The command scheduler of one channel: per-bank (or per-rank) command queues served
// first-ready first-come-first-served, as DRAMsim3's CommandQueue does
// (umd-memsys/DRAMsim3@2981759 src/command_queue.cc):
// - queues are visited round-robin, starting after the queue that issued last;
// - inside a queue the first command (in arrival order) whose next step is ready wins: the
//   column command itself on a row hit, else ACT (closed bank) or PRE (row conflict);
// - a PRE is allowed only for the oldest command to its bank, and only when no queued command
//   still hits the open row, unless the row has already served 4 hits (starvation guard);
// - a write waits while an older read to the same row and column sits before it.
// Finding whether a queue has anything ready is O(1) per candidate: each queue caches the
// (command, bank) pairs its entries could issue, rebuilt only when the queue or one of its
// banks changes. Which entry issues is then found by the ordered scan above.
import { NO_ROW } from './commands.js';
import type { ChannelState } from './channel-state.js';
import type { QueueStructure } from './config.js';
import type { TransactionStore } from './transactions.js';

/** Indices of the JEDEC commands in the compiled standard. */
export interface CommandIds {
  ACT: number;
  PRE: number;
  RD: number;
  RDA: number;
  WR: number;
  WRA: number;
  REF: number;
  REFb: number;
}

/** The command a scheduler decision issues, and for which queued transaction. */
export interface Pick {
  cmd: number;
  /** Transaction whose command this is (the PRE/ACT is issued on its behalf). */
  id: number;
  bank: number;
  /** Position in its queue, for erasing a column command once issued. */
  queue: number;
  slot: number;
}

export class CommandQueues {
  readonly numQueues: number;
  readonly capacity: number;
  readonly entries: Int32Array;
  readonly length: Int32Array;
  /** Queues DRAMsim3 skips while a refresh of their rank is being prepared. */
  readonly skip: Uint8Array;
  private total = 0;
  private queueIdx = 0;
  private readonly dirty: Uint8Array;
  private readonly candCmd: Int32Array;
  private readonly candBank: Int32Array;
  private readonly candLen: Int32Array;
  /**
   * Per queue, a lower bound on the cycle its first command can issue. Earliest times only
   * ever grow (timing rows take a max, activation windows slide forward), so a bound computed
   * earlier stays a bound until the queue's candidates change (dirty). `pick` re-evaluates a
   * queue only once the bound has been reached.
   */
  private readonly readyBound: Float64Array;
  /** Bit q of word q >> 5: queue q is non-empty (pick visits only those, in round-robin order). */
  private readonly nonEmpty: Int32Array;
  /** Bit q of word q >> 5: queue q has room for another command. */
  readonly room: Int32Array;
  /** Writes queued per queue: without any, a rebuild stops at the first read hit. */
  private readonly writes: Int32Array;
  private readonly perRank: boolean;
  private readonly closePage: boolean;

  constructor(
    private readonly state: ChannelState,
    private readonly tx: TransactionStore,
    private readonly ids: CommandIds,
    structure: QueueStructure,
    capacity: number,
    closePage: boolean,
  ) {
    this.perRank = structure === 'PER_RANK';
    this.numQueues = this.perRank ? state.ranks : state.banks;
    this.capacity = capacity;
    this.closePage = closePage;
    this.entries = new Int32Array(this.numQueues * capacity);
    this.length = new Int32Array(this.numQueues);
    this.skip = new Uint8Array(this.numQueues);
    this.dirty = new Uint8Array(this.numQueues);
    this.candCmd = new Int32Array(this.numQueues * capacity);
    this.candBank = new Int32Array(this.numQueues * capacity);
    this.candLen = new Int32Array(this.numQueues);
    this.readyBound = new Float64Array(this.numQueues);
    this.nonEmpty = new Int32Array((this.numQueues + 31) >> 5);
    this.room = new Int32Array((this.numQueues + 31) >> 5);
    this.writes = new Int32Array(this.numQueues);
    for (let q = 0; q < this.numQueues; q++) this.room[q >> 5] |= 1 << (q & 31);
  }

  queueOf(bank: number): number {
    return this.perRank ? this.state.rankOf(bank) : bank;
  }

  /** Queues holding commands of `rank`. */
  queuesOfRank(rank: number): [first: number, end: number] {
    if (this.perRank) return [rank, rank + 1];
    const n = this.state.banksPerRank;
    return [rank * n, rank * n + n];
  }

  isEmpty(): boolean {
    return this.total === 0;
  }

  /** Room for transaction `id` in its command queue (tx.queue, set when it was accepted). */
  hasRoom(id: number): boolean {
    return this.length[this.tx.queue[id]] < this.capacity;
  }

  add(id: number): void {
    const q = this.tx.queue[id];
    if (this.length[q] === 0) this.nonEmpty[q >> 5] |= 1 << (q & 31);
    this.entries[q * this.capacity + this.length[q]++] = id;
    if (this.length[q] === this.capacity) this.room[q >> 5] &= ~(1 << (q & 31));
    this.writes[q] += this.tx.isWrite[id];
    this.total++;
    this.dirty[q] = 1;
  }

  /** The bank state of `bank` changed (a command issued there): its queue's candidates are stale. */
  touchBank(bank: number): void {
    this.dirty[this.queueOf(bank)] = 1;
  }

  touchRank(rank: number): void {
    const [first, end] = this.queuesOfRank(rank);
    for (let q = first; q < end; q++) this.dirty[q] = 1;
  }

  /** The column command a queued transaction turns into (DRAMsim3 TransToCommand). */
  columnCommand(id: number): number {
    const w = this.tx.isWrite[id] === 1;
    if (this.closePage) return w ? this.ids.WRA : this.ids.RDA;
    return w ? this.ids.WR : this.ids.RD;
  }

  /**
   * Earliest cycle a queue visited by the last unsuccessful `pick` could issue (Infinity when
   * none can): the controller's next wake-up, found by the scan it had to do anyway.
   */
  minReadyTime = Infinity;

  /**
   * DRAMsim3 GetCommandToIssue: round-robin over the queues from the one after the last
   * winner; the first queue with a ready command wins. Moves the round-robin position even
   * when the caller then decides not to issue (as DRAMsim3 does for its second HBM command).
   */
  pick(clk: number, out: Pick): boolean {
    // Visit the non-empty queues after queueIdx, then those up to and including it: the order
    // of DRAMsim3's loop, skipping the empty queues it would find nothing in.
    let min = Infinity;
    const words = this.nonEmpty.length;
    const start = this.queueIdx + 1 === this.numQueues ? 0 : this.queueIdx + 1;
    for (let pass = 0; pass <= words; pass++) {
      const w = ((start >> 5) + pass) % words;
      let bits = this.nonEmpty[w];
      if (pass === 0) bits &= ~((1 << (start & 31)) - 1); // from `start` on
      else if (pass === words) bits &= (1 << (start & 31)) - 1; // wrapped: below `start`
      while (bits !== 0) {
        const low = bits & -bits;
        bits ^= low;
        const q = (w << 5) + 31 - Math.clz32(low);
        if (this.skip[q] === 1) continue;
        let t = this.readyBound[q];
        if (t <= clk || this.dirty[q] === 1) {
          t = this.queueReadyTime(q);
          this.readyBound[q] = t;
        }
        if (t > clk) {
          if (t < min) min = t;
          continue;
        }
        if (this.firstReady(q, clk, out)) {
          this.queueIdx = q;
          return true;
        }
        min = clk; // not expected: candidates are exact; look again next cycle
      }
    }
    this.minReadyTime = min;
    return false;
  }

  /** Remove an issued column command's transaction from its queue. */
  erase(p: Pick): void {
    const base = p.queue * this.capacity;
    this.writes[p.queue] -= this.tx.isWrite[this.entries[base + p.slot]];
    const n = this.length[p.queue];
    for (let i = p.slot; i < n - 1; i++) this.entries[base + i] = this.entries[base + i + 1];
    this.length[p.queue] = n - 1;
    if (n === 1) this.nonEmpty[p.queue >> 5] &= ~(1 << (p.queue & 31));
    this.room[p.queue >> 5] |= 1 << (p.queue & 31);
    this.total--;
    this.dirty[p.queue] = 1;
  }

  /** Earliest cycle any command of queue `q` could issue (timing and windows only). */
  private queueReadyTime(q: number): number {
    if (this.dirty[q] === 1) this.rebuild(q);
    const base = q * this.capacity;
    let t = Infinity;
    for (let c = 0; c < this.candLen[q]; c++) {
      const r = this.state.readyAt(this.candCmd[base + c], this.candBank[base + c]);
      if (r < t) t = r;
    }
    return t;
  }

  /** DRAMsim3 GetFirstReadyInQueue. */
  private firstReady(q: number, clk: number, out: Pick): boolean {
    const base = q * this.capacity;
    const n = this.length[q];
    for (let i = 0; i < n; i++) {
      const id = this.entries[base + i];
      const cmd = this.nextStep(q, i, id);
      if (cmd < 0) continue;
      const bank = this.tx.bank[id];
      if (this.state.readyAt(cmd, bank) > clk) continue;
      out.cmd = cmd;
      out.id = id;
      out.bank = bank;
      out.queue = q;
      out.slot = i;
      return true;
    }
    return false;
  }

  /** The command entry `i` of queue `q` needs next, or -1 when the arbitration rules hold it back. */
  private nextStep(q: number, i: number, id: number): number {
    const bank = this.tx.bank[id];
    const open = this.state.openRow[bank];
    if (open === NO_ROW) return this.ids.ACT;
    if (open === this.tx.row[id]) {
      const cmd = this.columnCommand(id);
      if (this.tx.isWrite[id] === 1 && this.hasReadBefore(q, i, id)) return -1;
      return cmd;
    }
    return this.prechargeAllowed(q, i, bank, open) ? this.ids.PRE : -1;
  }

  /** DRAMsim3 HasRWDependency: an older read of the same row and column in this queue. */
  private hasReadBefore(q: number, i: number, id: number): boolean {
    const base = q * this.capacity;
    const tx = this.tx;
    for (let j = 0; j < i; j++) {
      const o = this.entries[base + j];
      if (tx.isWrite[o] === 0 && tx.bank[o] === tx.bank[id] && tx.row[o] === tx.row[id] && tx.column[o] === tx.column[id]) return true;
    }
    return false;
  }

  /** DRAMsim3 ArbitratePrecharge. */
  private prechargeAllowed(q: number, i: number, bank: number, openRow: number): boolean {
    const base = q * this.capacity;
    const tx = this.tx;
    for (let j = 0; j < i; j++) if (tx.bank[this.entries[base + j]] === bank) return false;
    if (this.state.rowHits[bank] >= 4) return true;
    const n = this.length[q];
    for (let j = i; j < n; j++) {
      const o = this.entries[base + j];
      if (tx.bank[o] === bank && tx.row[o] === openRow) return false;
    }
    return true;
  }

  private rebuild(q: number): void {
    if (this.perRank) this.rebuildGeneral(q);
    else this.rebuildBankQueue(q);
    this.dirty[q] = 0;
  }

  /**
   * Candidates of a per-bank queue, straight from the rules of nextStep: a closed bank needs
   * one ACT; an open one offers RD/WR for row hits (a write only without an older read of the
   * same column) and PRE when the oldest entry misses and no hit is queued or 4 hits are done.
   */
  private rebuildBankQueue(q: number): void {
    const base = q * this.capacity;
    const n = this.length[q];
    const tx = this.tx;
    const bank = q;
    const open = this.state.openRow[bank];
    let len = 0;
    if (n > 0 && open === NO_ROW) {
      this.candCmd[base] = this.ids.ACT;
      this.candBank[base] = bank;
      len = 1;
    } else if (n > 0) {
      let read = false;
      let write = false;
      const noWrites = this.writes[q] === 0;
      for (let i = 0; i < n && !(read && (write || noWrites)); i++) {
        const id = this.entries[base + i];
        if (tx.row[id] !== open) continue;
        if (tx.isWrite[id] === 0) read = true;
        else if (!write && !this.hasReadBefore(q, i, id)) write = true;
      }
      const headMisses = tx.row[this.entries[base]] !== open;
      const hits = read || write || (!headMisses ? true : this.anyHitFrom(q, 0, open));
      if (read) {
        this.candCmd[base + len] = this.closePage ? this.ids.RDA : this.ids.RD;
        this.candBank[base + len++] = bank;
      }
      if (write) {
        this.candCmd[base + len] = this.closePage ? this.ids.WRA : this.ids.WR;
        this.candBank[base + len++] = bank;
      }
      if (headMisses && (!hits || this.state.rowHits[bank] >= 4)) {
        this.candCmd[base + len] = this.ids.PRE;
        this.candBank[base + len++] = bank;
      }
    }
    this.candLen[q] = len;
  }

  private anyHitFrom(q: number, from: number, openRow: number): boolean {
    const base = q * this.capacity;
    for (let j = from; j < this.length[q]; j++) if (this.tx.row[this.entries[base + j]] === openRow) return true;
    return false;
  }

  /** Any queue structure: every entry through nextStep, deduplicated. */
  private rebuildGeneral(q: number): void {
    const base = q * this.capacity;
    const n = this.length[q];
    let len = 0;
    for (let i = 0; i < n; i++) {
      const id = this.entries[base + i];
      const cmd = this.nextStep(q, i, id);
      if (cmd < 0) continue;
      const bank = this.tx.bank[id];
      let seen = false;
      for (let c = 0; c < len; c++) {
        if (this.candCmd[base + c] === cmd && this.candBank[base + c] === bank) {
          seen = true;
          break;
        }
      }
      if (!seen) {
        this.candCmd[base + len] = cmd;
        this.candBank[base + len] = bank;
        len++;
      }
    }
    this.candLen[q] = len;
  }
}
