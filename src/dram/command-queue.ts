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
// (command, bank) pairs its entries could issue, with the position of the first entry needing
// each, rebuilt only when the queue or one of its banks changes; the first ready entry is then
// the earliest-positioned ready candidate. A queue whose candidates cannot issue before a
// known cycle sleeps in a timer wheel (ready-wheel.ts) until then, so the round-robin scan
// visits only the queues that may be ready, in DRAMsim3's order.
import { NO_ROW } from './commands.js';
import { SCOPE_COUNT, SCOPE_INDEX } from './standard.js';
import type { ChannelState } from './channel-state.js';
import type { QueueStructure } from './config.js';
import { ReadyWheel } from './ready-wheel.js';
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
  private total = 0;
  private queueIdx = 0;
  private readonly words: number;
  private readonly dirty: Uint8Array;
  /** Per queue (capacity slots each): candidate command, bank, first entry position, ready cycle. */
  private readonly candCmd: Int32Array;
  private readonly candBank: Int32Array;
  private readonly candSlot: Int32Array;
  private readonly candTime: Float64Array;
  private readonly candLen: Int32Array;
  /**
   * Per queue, the earliest cycle its first command can issue, computed at `state.issueCount`
   * = stamp. Earliest times only ever grow (timing rows take a max, activation windows slide
   * forward), so the bound stays a lower bound while the queue's candidates are unchanged
   * (not dirty), and is exact while no command has issued since (same stamp).
   */
  private readonly bound: Float64Array;
  private readonly stamp: Float64Array;
  /** Bit q of word q >> 5: queue q is non-empty. */
  private readonly nonEmpty: Int32Array;
  /** Bit q: queue q may be ready (dirty, or its bound has been reached); others sleep in `wheel`. */
  private readonly due: Int32Array;
  /** Bit q: DRAMsim3 skips queue q while a refresh of its rank is being prepared. */
  private readonly skipped: Int32Array;
  private readonly wheel: ReadyWheel;
  /** Bit q of word q >> 5: queue q has room for another command. */
  readonly room: Int32Array;
  /** Writes queued per queue: without any, a rebuild stops at the first read hit. */
  private readonly writes: Int32Array;
  /** Per bank queue: 1 when its candidates include a column read / write (see keepsCandidates). */
  private readonly readCandidate: Uint8Array;
  private readonly writeCandidate: Uint8Array;
  private readonly perRank: boolean;
  private readonly closePage: boolean;
  /**
   * floor[((cmd · 4) + relation) · nClass + class]: cycles every bank in `relation` to the bank
   * a bank-level `cmd` issued at must then wait before a command of `class` (relations: the
   * same bank, another bank of its group, another group of its rank, another rank; for a
   * rank-level cmd the first three mean its rank). A lower bound straight from the table rows.
   */
  private readonly floor: Int32Array;
  /** Per command: 1 when some floor is positive or it counts in an activation window. */
  private readonly hasFloor: Uint8Array;

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
    this.words = (this.numQueues + 31) >> 5;
    this.entries = new Int32Array(this.numQueues * capacity);
    this.length = new Int32Array(this.numQueues);
    this.dirty = new Uint8Array(this.numQueues);
    this.candCmd = new Int32Array(this.numQueues * capacity);
    this.candBank = new Int32Array(this.numQueues * capacity);
    this.candSlot = new Int32Array(this.numQueues * capacity);
    this.candTime = new Float64Array(this.numQueues * capacity);
    this.candLen = new Int32Array(this.numQueues);
    this.bound = new Float64Array(this.numQueues);
    this.stamp = new Float64Array(this.numQueues).fill(-1);
    this.nonEmpty = new Int32Array(this.words);
    this.due = new Int32Array(this.words);
    this.skipped = new Int32Array(this.words);
    this.wheel = new ReadyWheel(this.numQueues);
    this.room = new Int32Array(this.words);
    this.writes = new Int32Array(this.numQueues);
    this.readCandidate = new Uint8Array(this.numQueues);
    this.writeCandidate = new Uint8Array(this.numQueues);
    for (let q = 0; q < this.numQueues; q++) this.room[q >> 5] |= 1 << (q & 31);
    const nClass = state.nClass;
    const lat = (cmd: number, scope: number, k: number) => state.scopeLatency[(cmd * SCOPE_COUNT + scope) * nClass + k];
    this.floor = new Int32Array(state.nCmd * 4 * nClass);
    this.hasFloor = new Uint8Array(state.nCmd);
    for (let cmd = 0; cmd < state.nCmd; cmd++) {
      const rank = state.rankLevel[cmd] === 1;
      for (let k = 0; k < nClass; k++) {
        const sameRank = lat(cmd, SCOPE_INDEX.sameRank, k);
        const inRank = [SCOPE_INDEX.sameBank, SCOPE_INDEX.otherBanksSameBankgroup, SCOPE_INDEX.otherBankgroupsSameRank].map((sc) => Math.max(sameRank, lat(cmd, rank ? SCOPE_INDEX.sameBank : sc, k)));
        const cycles = [...inRank, lat(cmd, SCOPE_INDEX.otherRanks, k)];
        cycles.forEach((c, rel) => (this.floor[(cmd * 4 + rel) * nClass + k] = c));
        if (cycles.some((c) => c > 0)) this.hasFloor[cmd] = 1;
      }
      for (let c = 0; c < state.nCmd; c++) if (state.sharesWindow(cmd, c)) this.hasFloor[cmd] = 1;
    }
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
    const n = this.length[q];
    if (n === 0) this.nonEmpty[q >> 5] |= 1 << (q & 31);
    this.entries[q * this.capacity + n] = id;
    this.length[q] = n + 1;
    if (n + 1 === this.capacity) this.room[q >> 5] &= ~(1 << (q & 31));
    this.writes[q] += this.tx.isWrite[id];
    this.total++;
    if (n === 0 || this.perRank || !this.keepsCandidates(q, id)) this.markDirty(q);
  }

  /**
   * Whether appending `id` to non-empty bank queue q leaves its candidates (and so its
   * readiness) as they are, by the rules of rebuildBankQueue: a closed bank still needs the
   * head's ACT; a row miss adds no hit and is not the head; a hit adds nothing when a
   * candidate of its kind (whose first entry comes earlier) already exists.
   */
  private keepsCandidates(q: number, id: number): boolean {
    if (this.dirty[q] === 1) return true; // rebuilt anyway
    const open = this.state.openRow[q];
    if (open === NO_ROW || this.tx.row[id] !== open) return true;
    return this.tx.isWrite[id] === 0 ? this.readCandidate[q] === 1 : this.writeCandidate[q] === 1;
  }

  /**
   * `cmd` was issued at `bank` (any bank of its rank for a rank-level command) at `clk`. The
   * queues of that bank (or rank) have stale candidates. Every other queue that may be ready
   * gets a cheap lower bound from the table instead of a full re-evaluation: what `cmd` makes
   * each of its candidates wait at least (the row for the bank's relation to `bank`, and the
   * activation window if `cmd` counts in it). On random traffic a command usually holds back
   * every queue waiting for the same resource (an ACT the others under tFAW), and this puts
   * them back to sleep at once.
   */
  afterIssue(cmd: number, bank: number, clk: number): void {
    const state = this.state;
    const rank = state.rankOfBank[bank];
    if (state.rankLevel[cmd] === 1) {
      const [first, end] = this.queuesOfRank(rank);
      for (let q = first; q < end; q++) this.markDirty(q);
    } else this.markDirty(this.queueOf(bank));
    if (this.hasFloor[cmd] === 0) return;
    for (let w = 0; w < this.words; w++) {
      let bits = this.due[w] & ~this.skipped[w];
      while (bits !== 0) {
        const low = bits & -bits;
        bits ^= low;
        const q = (w << 5) + 31 - Math.clz32(low);
        if (this.dirty[q] === 0) this.raiseBound(q, cmd, bank, rank, clk);
      }
    }
  }

  /** Raise queue q's bound to what `cmd` at `bank` (in `rank`) at `clk` implies; sleep if > clk. */
  private raiseBound(q: number, cmd: number, bank: number, rank: number, clk: number): void {
    const state = this.state;
    const nClass = state.nClass;
    const base = q * this.capacity;
    const rankLevel = state.rankLevel[cmd] === 1;
    let t = Infinity;
    for (let c = base; c < base + this.candLen[q]; c++) {
      const b = this.candBank[c];
      const cc = this.candCmd[c];
      const r = state.rankOfBank[b];
      const rel = r !== rank ? 3 : rankLevel || b === bank ? 0 : state.groupOfBank[b] === state.groupOfBank[bank] ? 1 : 2;
      let f = clk + this.floor[(cmd * 4 + rel) * nClass + state.timingClass[cc]];
      if (r === rank && state.sharesWindow(cmd, cc)) {
        const wf = state.windowFloor(cc, rank);
        if (wf > f) f = wf;
      }
      if (f < t) t = f;
    }
    if (t <= this.bound[q]) return;
    this.bound[q] = t;
    if (t <= clk) return;
    this.due[q >> 5] &= ~(1 << (q & 31));
    this.wheel.schedule(q, t);
  }

  /** Skip queues [first, end) until unskipAll (a refresh of their rank is being prepared). */
  skipQueues(first: number, end: number): void {
    for (let q = first; q < end; q++) this.skipped[q >> 5] |= 1 << (q & 31);
  }

  unskipAll(): void {
    this.skipped.fill(0);
  }

  private markDirty(q: number): void {
    this.dirty[q] = 1;
    if (this.length[q] > 0) this.due[q >> 5] |= 1 << (q & 31);
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
    this.wheel.advance(clk, this.bound, this.nonEmpty, this.due);
    // Visit the due queues after queueIdx, then those up to and including it: the order of
    // DRAMsim3's loop, skipping the queues it would find nothing ready in (empty, or asleep
    // until a later cycle).
    const words = this.words;
    const start = this.queueIdx + 1 === this.numQueues ? 0 : this.queueIdx + 1;
    for (let pass = 0; pass <= words; pass++) {
      const w = ((start >> 5) + pass) % words;
      let bits = this.due[w] & ~this.skipped[w];
      if (pass === 0) bits &= ~((1 << (start & 31)) - 1); // from `start` on
      else if (pass === words) bits &= (1 << (start & 31)) - 1; // wrapped: below `start`
      while (bits !== 0) {
        const low = bits & -bits;
        bits ^= low;
        const q = (w << 5) + 31 - Math.clz32(low);
        if (this.evaluate(q, clk) && this.firstReady(q, clk, out)) {
          this.queueIdx = q;
          return true;
        }
      }
    }
    return false;
  }

  /**
   * End of a cycle: evaluate every due queue against the state left by this cycle's commands,
   * so those that cannot issue at `clk + 1` go to sleep now; then `nextReadyTime` is exact
   * enough for the controller to skip the idle cycles in between.
   */
  settle(clk: number): void {
    this.wheel.advance(clk, this.bound, this.nonEmpty, this.due);
    for (let w = 0; w < this.words; w++) {
      let bits = this.due[w] & ~this.skipped[w];
      while (bits !== 0) {
        const low = bits & -bits;
        bits ^= low;
        this.evaluate((w << 5) + 31 - Math.clz32(low), clk + 1);
      }
    }
  }

  /** After settle(clk): the first cycle > clk at which a queue may have a ready command. */
  nextReadyTime(clk: number): number {
    for (let w = 0; w < this.words; w++) if ((this.due[w] & ~this.skipped[w]) !== 0) return clk + 1;
    return this.wheel.nextTime();
  }

  /** Remove an issued column command's transaction from its queue. */
  erase(p: Pick): void {
    const base = p.queue * this.capacity;
    this.writes[p.queue] -= this.tx.isWrite[this.entries[base + p.slot]];
    const n = this.length[p.queue];
    for (let i = p.slot; i < n - 1; i++) this.entries[base + i] = this.entries[base + i + 1];
    this.length[p.queue] = n - 1;
    if (n === 1) {
      this.nonEmpty[p.queue >> 5] &= ~(1 << (p.queue & 31));
      this.due[p.queue >> 5] &= ~(1 << (p.queue & 31));
    }
    this.room[p.queue >> 5] |= 1 << (p.queue & 31);
    this.total--;
    this.markDirty(p.queue);
  }

  /**
   * Bring queue q's readiness up to date (rebuild its candidates if they changed, their ready
   * cycles if a command issued since); true when it may issue at `clk`, otherwise it sleeps
   * until its bound (for good when no candidate exists: only a change can wake it).
   */
  private evaluate(q: number, clk: number): boolean {
    const issued = this.state.issueCount;
    if (this.dirty[q] === 1 || this.stamp[q] !== issued) {
      if (this.dirty[q] === 1) this.rebuild(q);
      const base = q * this.capacity;
      let t = Infinity;
      for (let c = base; c < base + this.candLen[q]; c++) {
        const r = this.state.readyAt(this.candCmd[c], this.candBank[c]);
        this.candTime[c] = r;
        if (r < t) t = r;
      }
      this.bound[q] = t;
      this.stamp[q] = issued;
    }
    const t = this.bound[q];
    if (t <= clk) return true;
    this.due[q >> 5] &= ~(1 << (q & 31));
    if (t !== Infinity) this.wheel.schedule(q, t);
    return false;
  }

  /**
   * DRAMsim3 GetFirstReadyInQueue, for a queue evaluated at `clk`: the first entry (arrival
   * order) whose next command is ready is the first entry of the earliest-positioned ready
   * candidate (entries needing the same command at the same bank are ready together).
   */
  private firstReady(q: number, clk: number, out: Pick): boolean {
    const base = q * this.capacity;
    let best = -1;
    for (let c = base; c < base + this.candLen[q]; c++) {
      if (this.candTime[c] <= clk && (best < 0 || this.candSlot[c] < this.candSlot[best])) best = c;
    }
    if (best < 0) return false;
    const slot = this.candSlot[best];
    out.cmd = this.candCmd[best];
    out.id = this.entries[base + slot];
    out.bank = this.candBank[best];
    out.queue = q;
    out.slot = slot;
    return true;
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
    let read = -1;
    let write = -1;
    if (n > 0 && open === NO_ROW) {
      this.setCandidate(base, this.ids.ACT, bank, 0);
      len = 1;
    } else if (n > 0) {
      const noWrites = this.writes[q] === 0;
      for (let i = 0; i < n && !(read >= 0 && (write >= 0 || noWrites)); i++) {
        const id = this.entries[base + i];
        if (tx.row[id] !== open) continue;
        if (tx.isWrite[id] === 0) {
          if (read < 0) read = i;
        } else if (write < 0 && !this.hasReadBefore(q, i, id)) write = i;
      }
      const headMisses = tx.row[this.entries[base]] !== open;
      // Every entry was scanned unless a hit was found, and a hitting write held back by an
      // older read means that read hits too: so no candidate means no hit in the queue.
      const hits = read >= 0 || write >= 0;
      if (read >= 0) this.setCandidate(base + len++, this.closePage ? this.ids.RDA : this.ids.RD, bank, read);
      if (write >= 0) this.setCandidate(base + len++, this.closePage ? this.ids.WRA : this.ids.WR, bank, write);
      if (headMisses && (!hits || this.state.rowHits[bank] >= 4)) this.setCandidate(base + len++, this.ids.PRE, bank, 0);
    }
    this.readCandidate[q] = read >= 0 ? 1 : 0;
    this.writeCandidate[q] = write >= 0 ? 1 : 0;
    this.candLen[q] = len;
  }

  private setCandidate(c: number, cmd: number, bank: number, slot: number): void {
    this.candCmd[c] = cmd;
    this.candBank[c] = bank;
    this.candSlot[c] = slot;
  }

  /** Any queue structure: every entry through nextStep, deduplicated (first entry kept). */
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
      if (!seen) this.setCandidate(base + len++, cmd, bank, i);
    }
    this.candLen[q] = len;
  }
}
