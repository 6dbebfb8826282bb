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

  willAccept(bank: number): boolean {
    return this.length[this.queueOf(bank)] < this.capacity;
  }

  add(id: number): void {
    const q = this.queueOf(this.tx.bank[id]);
    this.entries[q * this.capacity + this.length[q]++] = id;
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
   * DRAMsim3 GetCommandToIssue: round-robin over the queues from the one after the last
   * winner; the first queue with a ready command wins. Moves the round-robin position even
   * when the caller then decides not to issue (as DRAMsim3 does for its second HBM command).
   */
  pick(clk: number, out: Pick): boolean {
    for (let i = 0; i < this.numQueues; i++) {
      this.queueIdx = this.queueIdx + 1 === this.numQueues ? 0 : this.queueIdx + 1;
      const q = this.queueIdx;
      if (this.length[q] === 0 || this.skip[q] === 1) continue;
      if (!this.anyCandidateReady(q, clk)) continue;
      if (this.firstReady(q, clk, out)) return true;
    }
    return false;
  }

  /** Remove an issued column command's transaction from its queue. */
  erase(p: Pick): void {
    const base = p.queue * this.capacity;
    const n = this.length[p.queue];
    for (let i = p.slot; i < n - 1; i++) this.entries[base + i] = this.entries[base + i + 1];
    this.length[p.queue] = n - 1;
    this.total--;
    this.dirty[p.queue] = 1;
  }

  /** Earliest cycle any queued command could issue, ignoring the one-command-per-cycle limit. */
  nextReadyTime(): number {
    let t = Infinity;
    for (let q = 0; q < this.numQueues; q++) {
      if (this.length[q] === 0) continue;
      if (this.dirty[q] === 1) this.rebuild(q);
      const base = q * this.capacity;
      for (let c = 0; c < this.candLen[q]; c++) {
        const r = this.state.readyAt(this.candCmd[base + c], this.candBank[base + c]);
        if (r < t) t = r;
      }
    }
    return t;
  }

  private anyCandidateReady(q: number, clk: number): boolean {
    if (this.dirty[q] === 1) this.rebuild(q);
    const base = q * this.capacity;
    for (let c = 0; c < this.candLen[q]; c++) {
      if (this.state.readyAt(this.candCmd[base + c], this.candBank[base + c]) <= clk) return true;
    }
    return false;
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
    this.dirty[q] = 0;
  }
}
