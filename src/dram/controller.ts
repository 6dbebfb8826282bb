// The memory controller of one channel, after DRAMsim3's Controller
// (umd-memsys/DRAMsim3@2981759 src/controller.cc). Per cycle, in this order:
//   1. queue a refresh when its interval elapses (refresh.ts);
//   2. issue one command: the pending refresh's PRE/REF if ready, else the scheduler's pick
//      (command-queue.ts); HBM may add a second command if one is a row and one a column command;
//   3. move one transaction from the read queue (or, while draining, the write buffer) into
//      the command queue of its bank, if that queue has room.
// Reads to an address already pending share its RD; a read of a buffered write returns at
// once; a write is acknowledged the cycle after it is accepted, as in DRAMsim3. The controller
// counts commands, row hits, read latency and the cycles each rank has a row open (for
// background energy); it never prices anything.
import { NO_ROW } from './commands.js';
import { ChannelState } from './channel-state.js';
import { CommandQueues, type CommandIds, type Pick } from './command-queue.js';
import type { CommandLog } from './command-log.js';
import type { DramConfig } from './config.js';
import { derivedTiming } from './config.js';
import { RefreshScheduler } from './refresh.js';
import type { CompiledStandard } from './standard.js';
import type { TransactionStore } from './transactions.js';

export interface ChannelCounters {
  reads: number;
  writes: number;
  readRowHits: number;
  writeRowHits: number;
  readLatencySum: number;
  readsDone: number;
  /** Issued commands by command index of the compiled standard. */
  commands: Float64Array;
  /** Per rank: cycles with at least one row open / with every bank precharged. */
  rankActiveCycles: Float64Array;
  rankIdleCycles: Float64Array;
  lastReadDone: number;
  lastWriteDone: number;
}

export class Controller {
  readonly state: ChannelState;
  readonly queues: CommandQueues;
  readonly refresh: RefreshScheduler;
  readonly counters: ChannelCounters;
  private readonly readQueue: Int32Array;
  private readonly writeBuffer: Int32Array;
  private readLength = 0;
  private writeLength = 0;
  private readonly unified: boolean;
  private readonly capacity: number;
  private writeDraining = 0;
  /** Set once no more transactions will arrive: buffered writes are then drained (einsim). */
  flushWrites = false;
  private inRefresh = false;
  private readonly pendingReads = new Map<number, number>();
  private readonly pendingWrites = new Map<number, number>();
  private readonly readDelay: number;
  private readonly writeDelay: number;
  private readonly pick1: Pick = { cmd: -1, id: -1, bank: -1, queue: -1, slot: -1 };
  private readonly pick2: Pick = { cmd: -1, id: -1, bank: -1, queue: -1, slot: -1 };
  /** Per rank: cycle from which its current active/idle status counts. */
  private readonly rankSince: Float64Array;

  constructor(
    readonly channel: number,
    readonly config: DramConfig,
    readonly compiled: CompiledStandard,
    private readonly ids: CommandIds,
    private readonly tx: TransactionStore,
    private readonly log: CommandLog | undefined,
  ) {
    const c = config.controller;
    this.state = new ChannelState(config.org, compiled);
    this.queues = new CommandQueues(this.state, tx, ids, c.queueStructure, c.cmdQueueSize, c.rowBufferPolicy === 'CLOSE_PAGE');
    this.refresh = new RefreshScheduler(c.refreshPolicy, config.org.ranks, config.org.bankgroups, config.org.banksPerGroup, config.timing.tREFI, config.timing.tREFIb);
    this.unified = c.unifiedQueue;
    this.capacity = c.transQueueSize;
    this.readQueue = new Int32Array(this.capacity);
    this.writeBuffer = new Int32Array(this.unified ? 0 : this.capacity);
    const d = derivedTiming(config.timing);
    this.readDelay = d.readDelay;
    this.writeDelay = d.writeDelay;
    const ranks = config.org.ranks;
    this.rankSince = new Float64Array(ranks);
    this.counters = {
      reads: 0,
      writes: 0,
      readRowHits: 0,
      writeRowHits: 0,
      readLatencySum: 0,
      readsDone: 0,
      commands: new Float64Array(compiled.commands.length),
      rankActiveCycles: new Float64Array(ranks),
      rankIdleCycles: new Float64Array(ranks),
      lastReadDone: -1,
      lastWriteDone: -1,
    };
  }

  /** DRAMsim3 WillAcceptTransaction. */
  willAccept(isWrite: boolean): boolean {
    if (this.unified || !isWrite) return this.readLength < this.capacity;
    return this.writeLength < this.capacity;
  }

  /** DRAMsim3 AddTransaction, at cycle `clk` (before this cycle's tick). */
  add(id: number, clk: number): void {
    const tx = this.tx;
    const address = tx.address[id];
    tx.addedCycle[id] = clk;
    if (tx.isWrite[id] === 1) {
      if (!this.pendingWrites.has(address)) {
        this.pendingWrites.set(address, id);
        if (this.unified) this.readQueue[this.readLength++] = id;
        else this.writeBuffer[this.writeLength++] = id;
      }
      tx.completeCycle[id] = clk + 1; // posted write: acknowledged next cycle
      return;
    }
    if (this.pendingWrites.has(address)) {
      this.completeRead(id, clk + 1); // served from the write buffer
      return;
    }
    const first = this.pendingReads.get(address);
    if (first !== undefined) {
      // Same address already pending: ride on its RD (DRAMsim3 pending_rd_q_ multimap).
      let last = first;
      while (tx.nextSameAddress[last] !== -1) last = tx.nextSameAddress[last];
      tx.nextSameAddress[last] = id;
      return;
    }
    this.pendingReads.set(address, id);
    this.readQueue[this.readLength++] = id;
  }

  /** One controller cycle at `clk`. Returns true when it changed any state. */
  tick(clk: number): boolean {
    const queued = this.refresh.tick(clk);
    // The refresh in progress goes first; otherwise the scheduler's pick.
    let firstIsColumn = false;
    let issued = this.refresh.waiting() && this.serveRefresh(clk);
    if (!issued && this.queues.pick(clk, this.pick1)) {
      firstIsColumn = this.isColumn(this.pick1.cmd);
      this.issuePick(this.pick1, clk);
      issued = true;
    }
    // HBM: a second command in the same cycle if it uses the other command bus (row vs column).
    if (issued && this.config.controller.dualCommandIssue && this.queues.pick(clk, this.pick2)) {
      if (this.isColumn(this.pick2.cmd) !== firstIsColumn) this.issuePick(this.pick2, clk);
    }
    const moved = this.scheduleTransaction();
    return queued || issued || moved;
  }

  /**
   * Earliest cycle after `clk` at which `tick` could do anything: a command becoming ready, a
   * refresh falling due, or a transaction that can move. Early is harmless; late never happens.
   */
  nextWake(clk: number): number {
    if (this.canMoveTransaction()) return clk + 1;
    let t = this.refresh.nextInsertAfter(clk);
    const q = this.queues.nextReadyTime();
    if (q < t) t = q;
    if (this.refresh.waiting()) {
      const r = this.refreshReadyTime();
      if (r < t) t = r;
    }
    return t <= clk ? clk + 1 : t;
  }

  /** True when the controller holds no work (queued transactions or commands). */
  idle(): boolean {
    return this.readLength === 0 && this.writeLength === 0 && this.queues.isEmpty();
  }

  /** Close the background-energy books at the end of cycle `endCycle` (inclusive). */
  finish(endCycle: number): void {
    for (let r = 0; r < this.state.ranks; r++) this.accountRank(r, endCycle + 1);
  }

  // ---- refresh ---------------------------------------------------------------------------

  /** DRAMsim3 CommandQueue::FinishRefresh: PRE the open banks of the rank, then REF. */
  private serveRefresh(clk: number): boolean {
    const rank = this.refresh.frontRank();
    const bank = this.refresh.frontBank();
    if (!this.inRefresh) {
      this.inRefresh = true;
      if (bank < 0) {
        const [first, end] = this.queues.queuesOfRank(rank);
        this.queues.skip.fill(1, first, end);
      } else {
        this.queues.skip[this.queues.queueOf(bank)] = 1;
      }
    }
    const s = this.state;
    if (bank >= 0) {
      if (s.openRow[bank] !== NO_ROW) {
        if (s.readyAt(this.ids.PRE, bank) > clk) return false;
        this.issue(this.ids.PRE, bank, NO_ROW, -1, clk);
        return true;
      }
      if (s.readyAt(this.ids.REFb, bank) > clk) return false;
      this.issue(this.ids.REFb, bank, NO_ROW, -1, clk);
      this.endRefresh();
      return true;
    }
    const first = rank * s.banksPerRank;
    let anyOpen = false;
    for (let b = first; b < first + s.banksPerRank; b++) {
      if (s.openRow[b] === NO_ROW) continue;
      anyOpen = true;
      if (s.readyAt(this.ids.PRE, b) <= clk) {
        this.issue(this.ids.PRE, b, NO_ROW, -1, clk);
        return true;
      }
    }
    if (anyOpen || s.readyAtRank(this.ids.REF, rank) > clk) return false;
    this.issue(this.ids.REF, first, NO_ROW, -1, clk);
    this.endRefresh();
    return true;
  }

  private endRefresh(): void {
    this.refresh.pop();
    this.inRefresh = false;
    this.queues.skip.fill(0);
  }

  private refreshReadyTime(): number {
    const s = this.state;
    const bank = this.refresh.frontBank();
    if (bank >= 0) return s.openRow[bank] !== NO_ROW ? s.readyAt(this.ids.PRE, bank) : s.readyAt(this.ids.REFb, bank);
    const rank = this.refresh.frontRank();
    const first = rank * s.banksPerRank;
    let t = Infinity;
    let anyOpen = false;
    for (let b = first; b < first + s.banksPerRank; b++) {
      if (s.openRow[b] === NO_ROW) continue;
      anyOpen = true;
      const r = s.readyAt(this.ids.PRE, b);
      if (r < t) t = r;
    }
    return anyOpen ? t : s.readyAtRank(this.ids.REF, rank);
  }

  // ---- issuing ----------------------------------------------------------------------------

  private isColumn(cmd: number): boolean {
    return this.compiled.commands[cmd].data !== undefined;
  }

  private issuePick(p: Pick, clk: number): void {
    const tx = this.tx;
    const column = this.isColumn(p.cmd);
    if (column) this.queues.erase(p);
    this.issue(p.cmd, p.bank, p.cmd === this.ids.PRE ? NO_ROW : tx.row[p.id], column ? tx.column[p.id] : -1, clk, p.id);
  }

  /** DRAMsim3 IssueCommand: complete transactions, count, then update bank state and timing. */
  private issue(cmd: number, bank: number, row: number, column: number, clk: number, id = -1): void {
    const s = this.state;
    const c = this.counters;
    const rank = s.rankOf(bank);
    const spec = this.compiled.commands[cmd];
    if (spec.data === 'read') {
      c.reads++;
      if (s.rowHits[bank] !== 0) c.readRowHits++;
      const address = this.tx.address[id];
      for (let r = this.pendingReads.get(address)!; r !== -1; r = this.tx.nextSameAddress[r]) this.completeRead(r, clk + this.readDelay);
      this.pendingReads.delete(address);
    } else if (spec.data === 'write') {
      c.writes++;
      if (s.rowHits[bank] !== 0) c.writeRowHits++;
      this.pendingWrites.delete(this.tx.address[id]);
      const done = clk + this.writeDelay;
      if (done > c.lastWriteDone) c.lastWriteDone = done;
    }
    c.commands[cmd]++;
    if (this.log) {
      const bg = Math.floor((bank % s.banksPerRank) / s.banksPerGroup);
      const rankLevel = spec.target === 'rank';
      this.log.push(clk, this.channel, rank, rankLevel ? -1 : bg, rankLevel ? -1 : bank % s.banksPerGroup, row, column, cmd);
    }
    const wasOpen = s.openBanksInRank[rank] > 0;
    s.issue(cmd, bank, row, clk);
    if (wasOpen !== s.openBanksInRank[rank] > 0) this.accountRank(rank, clk, wasOpen);
    if (spec.target === 'rank') this.queues.touchRank(rank);
    else this.queues.touchBank(bank);
  }

  private completeRead(id: number, cycle: number): void {
    const c = this.counters;
    this.tx.completeCycle[id] = cycle;
    c.readsDone++;
    c.readLatencySum += cycle - this.tx.addedCycle[id];
    if (cycle > c.lastReadDone) c.lastReadDone = cycle;
  }

  /**
   * DRAMsim3 counts, every cycle after the command, whether each rank has a bank open
   * (IDD3N) or all banks precharged (IDD2N). A status change at `clk` takes effect for `clk`.
   */
  private accountRank(rank: number, clk: number, wasOpen = this.state.openBanksInRank[rank] > 0): void {
    const span = clk - this.rankSince[rank];
    if (span > 0) {
      if (wasOpen) this.counters.rankActiveCycles[rank] += span;
      else this.counters.rankIdleCycles[rank] += span;
    }
    this.rankSince[rank] = clk;
  }

  // ---- transaction queue --------------------------------------------------------------------

  /** DRAMsim3 ScheduleTransaction: move at most one transaction into a command queue. */
  private scheduleTransaction(): boolean {
    if (!this.unified && this.writeDraining === 0) {
      const full = this.writeLength >= this.capacity;
      const idleDrain = this.writeLength > 8 && this.queues.isEmpty();
      const flush = this.flushWrites && this.writeLength > 0 && this.readLength === 0 && this.queues.isEmpty();
      if (full || idleDrain || flush) this.writeDraining = this.writeLength;
    }
    const draining = !this.unified && this.writeDraining > 0;
    const queue = draining ? this.writeBuffer : this.readQueue;
    const length = draining ? this.writeLength : this.readLength;
    const tx = this.tx;
    for (let i = 0; i < length; i++) {
      const id = queue[i];
      if (!this.queues.willAccept(tx.bank[id])) continue;
      if (!this.unified && tx.isWrite[id] === 1) {
        // A write waits for older reads of its address (read-after-write is handled on add).
        if (this.pendingReads.has(tx.address[id])) {
          this.writeDraining = 0;
          return false;
        }
        this.writeDraining--;
      }
      this.queues.add(id);
      queue.copyWithin(i, i + 1, length);
      if (draining) this.writeLength--;
      else this.readLength--;
      return true;
    }
    return false;
  }

  /** Whether scheduleTransaction would move a transaction now (same decisions, no changes). */
  private canMoveTransaction(): boolean {
    let draining = !this.unified && this.writeDraining > 0;
    if (!this.unified && !draining) {
      draining =
        this.writeLength >= this.capacity ||
        (this.writeLength > 8 && this.queues.isEmpty()) ||
        (this.flushWrites && this.writeLength > 0 && this.readLength === 0 && this.queues.isEmpty());
    }
    const queue = draining ? this.writeBuffer : this.readQueue;
    const length = draining ? this.writeLength : this.readLength;
    const tx = this.tx;
    for (let i = 0; i < length; i++) {
      const id = queue[i];
      if (!this.queues.willAccept(tx.bank[id])) continue;
      return this.unified || tx.isWrite[id] === 0 || !this.pendingReads.has(tx.address[id]);
    }
    return false;
  }
}
