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
import { AddressTable } from './address-table.js';
import { ChannelState } from './channel-state.js';
import { CommandQueues, type CommandIds, type Pick } from './command-queue.js';
import type { CommandLog } from './command-log.js';
import type { DramConfig } from './config.js';
import { derivedTiming } from './config.js';
import { RefreshScheduler } from './refresh.js';
import { TransactionQueue } from './transaction-queue.js';
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
  /** DRAMsim3 read_queue_ (or unified_queue_) and write_buffer_. */
  private readonly readQueue: TransactionQueue;
  private readonly writeBuffer: TransactionQueue;
  private readonly unified: boolean;
  private readonly capacity: number;
  private writeDraining = 0;
  /** Set once no more transactions will arrive: buffered writes are then drained (einsim). */
  private flush = false;
  /**
   * Bumped whenever a transaction could newly move to a command queue (a command left a
   * queue, a transaction arrived, the flush began). scheduleTransaction skips its scan while
   * nothing changed since it last found nothing to move.
   */
  private moveVersion = 0;
  private noMoveVersion = -1;
  private inRefresh = false;
  /** Address → first pending read (more reads of it chain through tx.nextSameAddress). */
  private readonly pendingReads: AddressTable;
  /** Address → the buffered write. */
  private readonly pendingWrites: AddressTable;
  private readonly readDelayCycles: number;
  private readonly writeDelayCycles: number;
  private readonly pick1: Pick = { cmd: -1, id: -1, bank: -1, queue: -1, slot: -1 };
  private readonly pick2: Pick = { cmd: -1, id: -1, bank: -1, queue: -1, slot: -1 };
  /** Per command: 0 no data, 1 read, 2 write. */
  private readonly dataKind: Int8Array;
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
    this.readQueue = new TransactionQueue(tx, this.queues.numQueues);
    // At most every queue slot holds a distinct pending address.
    const slots = this.capacity * 2 + c.cmdQueueSize * this.state.banks;
    this.pendingReads = new AddressTable(slots);
    this.pendingWrites = new AddressTable(slots);
    this.writeBuffer = new TransactionQueue(tx, this.queues.numQueues);
    const d = derivedTiming(config.timing);
    this.readDelayCycles = d.readDelay;
    this.writeDelayCycles = d.writeDelay;
    this.dataKind = Int8Array.from(compiled.commands, (c) => (c.data === 'read' ? 1 : c.data === 'write' ? 2 : 0));
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
    if (this.unified || !isWrite) return this.readQueue.length < this.capacity;
    return this.writeBuffer.length < this.capacity;
  }

  get flushWrites(): boolean {
    return this.flush;
  }

  set flushWrites(on: boolean) {
    this.flush = on;
    this.moveVersion++;
  }

  /**
   * DRAMsim3 AddTransaction, at cycle `clk` (before this cycle's tick). Returns true when the
   * new transaction may move to a command queue in this cycle (the channel must then tick even
   * if it was idle); a transaction served or merged at once gives its slot back.
   */
  add(id: number, clk: number): boolean {
    const tx = this.tx;
    tx.queue[id] = this.queues.queueOf(tx.bank[id]);
    const address = tx.address[id];
    tx.addedCycle[id] = clk;
    if (tx.isWrite[id] === 1) {
      // Posted write: acknowledged next cycle. A second write to a buffered address merges.
      if (this.pendingWrites.size > 0 && this.pendingWrites.has(address)) {
        tx.release(id);
        return false;
      }
      this.pendingWrites.set(address, id);
      if (this.unified) this.readQueue.push(id);
      else this.writeBuffer.push(id);
      this.moveVersion++; // may start a drain
      return true;
    }
    if (this.pendingWrites.size > 0 && this.pendingWrites.has(address)) {
      this.completeRead(id, clk + 1); // served from the write buffer
      tx.release(id);
      return false;
    }
    const first = this.pendingReads.get(address);
    if (first !== -1) {
      // Same address already pending: ride on its RD (DRAMsim3 pending_rd_q_ multimap).
      let last = first;
      while (tx.nextSameAddress[last] !== -1) last = tx.nextSameAddress[last];
      tx.nextSameAddress[last] = id;
      return false;
    }
    this.pendingReads.set(address, id);
    this.readQueue.push(id);
    // Only this transaction is new: if its command queue is full nothing else can move either.
    if (!this.queues.hasRoom(id)) return false;
    this.moveVersion++;
    return true;
  }

  /** One controller cycle at `clk`. */
  tick(clk: number): void {
    this.refresh.tick(clk);
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
    this.scheduleTransaction();
    this.queues.settle(clk);
  }

  /**
   * Earliest cycle after `clk` (the last tick) at which `tick` could do anything: a queued
   * command becoming ready (the scheduler knows when, settle having evaluated every queue
   * this cycle touched), the pending refresh able to proceed, the next refresh falling due,
   * or a transaction able to move. A transaction arriving from the host wakes the channel
   * separately. Waking early is harmless (the tick does nothing); the cycles skipped are ones
   * where ticking would change nothing, so the result is the same as ticking every cycle.
   */
  nextWake(clk: number): number {
    let t = this.refresh.nextInsertAfter(clk);
    const q = this.queues.nextReadyTime(clk);
    if (q < t) t = q;
    if (t > clk + 1 && this.refresh.waiting()) {
      const r = this.refreshReadyTime();
      if (r < t) t = r;
    }
    if (t > clk + 1 && this.transactionWork()) t = clk + 1;
    return t <= clk ? clk + 1 : t;
  }

  /** True when the controller holds no work (queued transactions or commands). */
  idle(): boolean {
    return this.readQueue.length === 0 && this.writeBuffer.length === 0 && this.queues.isEmpty();
  }

  /** True while an accepted read still waits for its RD. */
  readsPending(): boolean {
    return this.pendingReads.size > 0;
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
        this.queues.skipQueues(first, end);
      } else {
        const q = this.queues.queueOf(bank);
        this.queues.skipQueues(q, q + 1);
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
    this.queues.unskipAll();
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
    return this.dataKind[cmd] !== 0;
  }

  private issuePick(p: Pick, clk: number): void {
    const tx = this.tx;
    const column = this.isColumn(p.cmd);
    if (column) {
      this.queues.erase(p);
      this.moveVersion++;
    }
    this.issue(p.cmd, p.bank, p.cmd === this.ids.PRE ? NO_ROW : tx.row[p.id], column ? tx.column[p.id] : -1, clk, p.id);
  }

  /**
   * Issue a command that does not come from this controller's queues (a PIM layer's all-bank
   * ACT or MAC command, say) at cycle `clk`: it is counted, logged and applied to bank state
   * and timing exactly like a scheduled one, and the scheduler sees the new bank state. The
   * caller checks readiness first (state.readyAt / state.readyAtRank) and the bank state the
   * command requires; a rank-level command takes any bank of its rank as `bank`.
   */
  issueCommand(cmd: number, bank: number, row: number, column: number, clk: number): void {
    if (this.dataKind[cmd] !== 0) throw new Error('issueCommand is for commands without a transaction (RD/WR go through add)');
    this.issue(cmd, bank, row, column, clk);
  }

  /** DRAMsim3 IssueCommand: complete transactions, count, then update bank state and timing. */
  private issue(cmd: number, bank: number, row: number, column: number, clk: number, id = -1): void {
    const s = this.state;
    const c = this.counters;
    const rank = s.rankOf(bank);
    const data = this.dataKind[cmd];
    const rankLevel = s.rankLevel[cmd] === 1;
    if (data === 1) {
      c.reads++;
      if (s.rowHits[bank] !== 0) c.readRowHits++;
      const tx = this.tx;
      const address = tx.address[id];
      for (let r = this.pendingReads.get(address); r !== -1; ) {
        const next = tx.nextSameAddress[r];
        this.completeRead(r, clk + this.readDelayCycles);
        tx.release(r);
        r = next;
      }
      this.pendingReads.delete(address);
    } else if (data === 2) {
      c.writes++;
      if (s.rowHits[bank] !== 0) c.writeRowHits++;
      this.pendingWrites.delete(this.tx.address[id]);
      this.tx.release(id);
      const done = clk + this.writeDelayCycles;
      if (done > c.lastWriteDone) c.lastWriteDone = done;
    }
    c.commands[cmd]++;
    if (this.log) {
      const bg = s.groupInRank[bank];
      this.log.push(clk, this.channel, rank, rankLevel ? -1 : bg, rankLevel ? -1 : bank % s.banksPerGroup, row, column, cmd);
    }
    const wasOpen = s.openBanksInRank[rank] > 0;
    s.issue(cmd, bank, row, clk);
    if (wasOpen !== s.openBanksInRank[rank] > 0) this.accountRank(rank, clk, wasOpen);
    this.queues.afterIssue(cmd, bank, clk);
  }

  private completeRead(id: number, cycle: number): void {
    const c = this.counters;
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
    if (this.noMoveVersion === this.moveVersion) return false;
    const moved = this.tryMoveTransaction();
    if (!moved) this.noMoveVersion = this.moveVersion;
    return moved;
  }

  private tryMoveTransaction(): boolean {
    const draining = this.drainingNow(true);
    const queue = draining ? this.writeBuffer : this.readQueue;
    const id = queue.oldestMovable(this.queues.room);
    if (id < 0) return false;
    const tx = this.tx;
    if (!this.unified && tx.isWrite[id] === 1) {
      // A write waits for older reads of its address (read-after-write is handled on add).
      if (this.pendingReads.has(tx.address[id])) {
        this.writeDraining = 0;
        this.moveVersion++; // the read queue gets its turn next cycle
        return false;
      }
      this.writeDraining--;
    }
    queue.removeHead(id);
    this.queues.add(id);
    return true;
  }

  /**
   * Whether ScheduleTransaction serves the write buffer this cycle. DRAMsim3 starts a drain of
   * the whole buffer when it is full, or holds more than 8 writes while every command queue is
   * empty; einsim also drains what is left once the input has ended (flush).
   */
  private drainingNow(start: boolean): boolean {
    if (this.unified) return false;
    if (this.writeDraining > 0) return true;
    const w = this.writeBuffer.length;
    const begin = w >= this.capacity || (w > 8 && this.queues.isEmpty()) || (this.flush && w > 0 && this.readQueue.length === 0 && this.queues.isEmpty());
    if (begin && start) this.writeDraining = w;
    return begin;
  }

  /**
   * Whether scheduleTransaction would do anything next cycle if nothing else happened: move a
   * transaction, start a drain (it records the write count then, as DRAMsim3 does), or meet
   * a write held behind a pending read (which ends the drain). When it would find nothing to
   * move it records that, so the next scheduleTransaction skips its scan.
   */
  private transactionWork(): boolean {
    if (this.noMoveVersion === this.moveVersion) return false;
    const draining = this.drainingNow(false);
    if (draining && this.writeDraining === 0) return true;
    if ((draining ? this.writeBuffer : this.readQueue).oldestMovable(this.queues.room) >= 0) return true;
    this.noMoveVersion = this.moveVersion;
    return false;
  }
}
