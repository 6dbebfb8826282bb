// Issues a channel program through the DRAM model's timing engine. Every command goes to
// ChannelState (src/dram/channel-state.ts) and issues at the earliest cycle its table allows,
// in program order (the host issues PIM commands in order, like PIM-GPT's ASIC), one command per
// cycle on the command bus. All-bank commands reach every rank of the channel at once. Refresh
// is all-bank REF, one owed per tREFI (refresh-policy.ts decides when): at a row switch when too
// many are owed, and in the gaps where the channel idles while the host computes.
//
// One PimChannel stands for a set of physical channels with identical histories: they received
// the same programs from the start, so their states are the same. When a GEMV gives them
// different programs the set is split and the state cloned (see channel-groups.ts).
import { ChannelState } from '../../dram/channel-state.js';
import { commandIndices } from '../../dram/command-index.js';
import { CommandLog } from '../../dram/command-log.js';
import { NO_ROW } from '../../dram/commands.js';
import type { DramConfig } from '../../dram/config.js';
import { derivedTiming } from '../../dram/config.js';
import type { CompiledStandard } from '../../dram/standard.js';
import type { PimCommandSink } from './program.js';
import { readoutBurstsPerRank } from './readout.js';
import { RefreshBudget, type RefreshPolicy } from './refresh-policy.js';

/** The commands the PIM engine issues: JEDEC ones for refresh and host reads, and the PIM layer's. */
const PIM_COMMANDS = ['ACT', 'PRE', 'RD', 'REF', 'ACTAB', 'PREAB', 'MACAB', 'WRGB', 'RDMAC'] as const;

/** Command indices in the compiled PIM standard. */
export type PimCommandIds = Record<(typeof PIM_COMMANDS)[number], number>;

export function commandIds(compiled: CompiledStandard): PimCommandIds {
  return commandIndices(compiled, PIM_COMMANDS);
}

/** Per-channel counts of one channel history. */
export interface ChannelCounts {
  /** Issued commands by command index (a broadcast to R ranks counts once). */
  commands: Float64Array;
  /** Rank-cycles with a row open / with every bank precharged (background energy). */
  activeRankCycles: number;
  idleRankCycles: number;
  gbWriteBytes: number;
  hostReadBytes: number;
}

/** What the engine fixes for every channel of a run. */
export interface PimChannelOptions {
  refresh: RefreshPolicy;
  /** DRAM cycles between all-bank MACs (the compiled nCCDAB). */
  nCCDAB: number;
  /** Bytes per accumulator value read out. */
  readoutBytesPerValue: number;
}

export class PimChannel implements PimCommandSink {
  /** Next cycle the command bus is free. */
  clk = 0;
  /** No command of the current phase may issue before this cycle (its inputs are not ready). */
  private floor = 0;
  private rowOpen = false;
  private nextRowId = 0;
  private readonly refresh: RefreshBudget;
  /** Cycle the last data (read-out or host read) arrives at the host. */
  lastDataDone = 0;
  /** Whether any bank is open, and since which cycle (background energy: IDD3N vs IDD2N). */
  private anyOpen = false;
  private since = 0;
  readonly counts: ChannelCounts;
  private readonly readDelay: number;
  private readonly banksPerRank: number;

  private readonly nCCDAB: number;
  private readonly readoutBytesPerValue: number;

  constructor(
    readonly state: ChannelState,
    readonly config: DramConfig,
    private readonly ids: PimCommandIds,
    private readonly options: PimChannelOptions,
    /** Physical channels this history stands for. */
    public channels: number[],
    readonly log: CommandLog | undefined,
  ) {
    this.refresh = new RefreshBudget(options.refresh, config.timing);
    this.nCCDAB = options.nCCDAB;
    this.readoutBytesPerValue = options.readoutBytesPerValue;
    this.readDelay = derivedTiming(config.timing).readDelay;
    this.banksPerRank = state.banksPerRank;
    this.counts = { commands: new Float64Array(state.nCmd), activeRankCycles: 0, idleRankCycles: 0, gbWriteBytes: 0, hostReadBytes: 0 };
  }

  /**
   * The channel's timing state is kept for ONE bank per rank: under all-bank commands every bank
   * of a rank is in the same state at the same times (lock-step), so one bank stands for all and
   * each command costs one bank's rule updates instead of sixteen. The host's parameter reads use
   * that bank only (serialising what a controller could interleave over banks: a little slow,
   * never illegal). The trace replays against the full device (test/engines/pim/run.ts).
   */
  static create(config: DramConfig, compiled: CompiledStandard, ids: PimCommandIds, options: PimChannelOptions, channels: number[], trace: boolean): PimChannel {
    const log = trace ? new CommandLog(compiled.commands.map((c) => c.name)) : undefined;
    const lockStep = { ...config.org, bankgroups: 1, banksPerGroup: 1 };
    return new PimChannel(new ChannelState(lockStep, compiled), config, ids, options, channels, log);
  }

  /** A copy with its own state (for a subset of this history's channels). */
  clone(channels: number[]): PimChannel {
    const c = new PimChannel(this.state.clone(), this.config, this.ids, this.options, channels, this.log ? cloneLog(this.log) : undefined);
    c.clk = this.clk;
    c.floor = this.floor;
    c.rowOpen = this.rowOpen;
    c.nextRowId = this.nextRowId;
    c.lastDataDone = this.lastDataDone;
    c.anyOpen = this.anyOpen;
    c.since = this.since;
    c.refresh.issued = this.refresh.issued;
    c.refresh.lastAt = this.refresh.lastAt;
    c.counts.commands.set(this.counts.commands);
    Object.assign(c.counts, { ...this.counts, commands: c.counts.commands });
    return c;
  }

  /**
   * Start a phase whose inputs are ready at `t0`. The channel has idled since its last command:
   * refreshes go into that gap (refresh-policy.ts decides which and when), and the open row is
   * closed there (every phase opens rows of its own, so the row is never hit again).
   */
  begin(t0: number): void {
    const tRFC = this.config.timing.tRFC;
    for (;;) {
      const start = Math.max(this.clk, this.floor, this.rowOpen ? this.state.readyAtRank(this.ids.PREAB, 0) + this.config.timing.tRP : this.state.readyAtRank(this.ids.REF, 0));
      const at = this.refresh.nextIdleRefresh(start, t0, tRFC);
      if (at === null) break;
      this.refreshNow(at);
    }
    if (this.rowOpen) this.closeRow();
    this.floor = Math.max(this.floor, t0);
  }

  /** Cycle by which everything issued so far is done (the last command's cycle + 1, or the last data). */
  finish(): number {
    return Math.max(this.clk, this.lastDataDone, this.floor);
  }

  /** Cycle from which the command bus is free (the last command's cycle + 1): the next phase may issue from here while data is still on its way. */
  commandsDone(): number {
    return Math.max(this.clk, this.floor);
  }

  // --- PimCommandSink -------------------------------------------------------------------

  writeGlobalBuffer(bytes: number): void {
    const bursts = Math.ceil(bytes / this.config.requestBytes);
    for (let i = 0; i < bursts; i++) this.issueRank(this.ids.WRGB, 0, -1);
    this.counts.gbWriteBytes += bytes;
  }

  openRow(): void {
    while (this.refresh.mustRefresh(Math.max(this.clk, this.floor))) this.refreshNow();
    if (this.rowOpen) this.closeRow();
    const row = this.nextRowId;
    this.nextRowId = (this.nextRowId + 1) % this.config.org.rows;
    const t = this.broadcast(this.ids.ACTAB, row, 0);
    this.rowOpen = true;
    this.background(true, t);
  }

  /**
   * A run of MACABs. Only the first is checked against the table: nothing issues between them,
   * so each later one waits exactly nCCDAB after its predecessor (every other constraint on a
   * MACAB comes from a command before the run and is already met by the first), and the state
   * after the run is the state after its last MAC, because every rule a MACAB raises is measured
   * from its own cycle. The last MAC is therefore issued directly at first + (count − 1)·nCCDAB:
   * the same timing as issuing each one, at the cost of two.
   */
  mac(count: number): void {
    if (count <= 0) return;
    // The open row (every bank has the same one), so the trace names the row each MAC reads.
    const row = this.state.openRow[0];
    const first = this.broadcast(this.ids.MACAB, row, 0);
    if (count === 1) return;
    const last = first + (count - 1) * this.nCCDAB;
    if (this.log) for (let k = 1; k < count - 1; k++) this.logBroadcast(this.ids.MACAB, row, first + k * this.nCCDAB);
    const s = this.state;
    for (let r = 0; r < s.ranks; r++) s.issue(this.ids.MACAB, r * this.banksPerRank, row, last);
    // The skipped MACs are row hits too (ChannelState counts one per access).
    if (count > 2) for (let b = 0; b < s.banks; b++) s.rowHits[b] += count - 2;
    this.logBroadcast(this.ids.MACAB, row, last);
    this.clk = last + 1;
    this.counts.commands[this.ids.MACAB] += count - 1;
  }



  readout(values: number): void {
    if (values <= 0) return;
    const bursts = readoutBurstsPerRank(values, this.readoutBytesPerValue, this.config.org.ranks, this.config.requestBytes);
    for (let r = 0; r < this.config.org.ranks; r++) {
      for (let i = 0; i < bursts; i++) {
        const t = this.issueRank(this.ids.RDMAC, r, -1);
        this.lastDataDone = Math.max(this.lastDataDone, t + this.readDelay);
      }
    }
  }


  // --- host reads of parameters (LayerNorm gains...) -----------------------------------

  /**
   * Stream `bytes` to the host with ordinary bank commands: rows of consecutive banks, the next
   * bank activated while the current one is read (the usual open-page stream of a controller).
   */
  readToHost(bytes: number): void {
    if (bytes <= 0) return;
    if (this.rowOpen) this.closeRow();
    const rowBytes = (this.config.org.columns * this.config.org.deviceWidthBits) / 8;
    const bursts = Math.ceil(bytes / this.config.requestBytes);
    const perRow = Math.max(1, Math.floor(rowBytes / this.config.requestBytes));
    const rows = Math.ceil(bursts / perRow);
    const banks = this.banksPerRank;
    const row = this.nextRowId;
    this.nextRowId = (this.nextRowId + 1) % this.config.org.rows;
    this.background(true, this.issueBank(this.ids.ACT, 0, row));
    for (let i = 0; i < rows; i++) {
      const bank = i % banks;
      const next = (i + 1) % banks;
      const more = i + 1 < rows;
      // With more than one bank, the next bank opens while this one is read.
      if (more && next !== bank) this.issueBank(this.ids.ACT, next, row);
      const n = Math.min(perRow, bursts - i * perRow);
      for (let k = 0; k < n; k++) {
        const t = this.issueBank(this.ids.RD, bank, row);
        this.lastDataDone = Math.max(this.lastDataDone, t + this.readDelay);
      }
      const t = this.issueBank(this.ids.PRE, bank, NO_ROW);
      if (more && next === bank) this.issueBank(this.ids.ACT, bank, row);
      else if (!more) this.background(false, t);
    }
    this.counts.hostReadBytes += bytes;
  }

  /** Close the books at `end` (background cycles up to then). */
  settle(end: number): void {
    this.background(this.anyOpen, end);
  }

  // --- issue ---------------------------------------------------------------------------

  private closeRow(): void {
    const t = this.broadcast(this.ids.PREAB, NO_ROW, 0);
    this.rowOpen = false;
    this.background(false, t);
  }

  private refreshNow(notBefore = 0): void {
    if (this.rowOpen) this.closeRow();
    this.refresh.record(this.broadcast(this.ids.REF, NO_ROW, notBefore));
  }

  /** An all-bank command to every rank in one cycle. */
  private broadcast(cmd: number, row: number, notBefore: number): number {
    const s = this.state;
    let t = Math.max(this.clk, this.floor, notBefore);
    for (let r = 0; r < s.ranks; r++) t = Math.max(t, s.readyAtRank(cmd, r));
    for (let r = 0; r < s.ranks; r++) s.issue(cmd, r * this.banksPerRank, row, t);
    this.logBroadcast(cmd, row, t);
    this.clk = t + 1;
    this.counts.commands[cmd]++;
    return t;
  }

  private logBroadcast(cmd: number, row: number, t: number): void {
    if (this.log) for (let r = 0; r < this.state.ranks; r++) this.log.push(t, this.channels[0], r, -1, -1, row, -1, cmd);
  }

  /** A rank-level command to one rank (data-bus commands: each rank's data is its own burst). */
  private issueRank(cmd: number, rank: number, row: number): number {
    const s = this.state;
    const t = Math.max(this.clk, this.floor, s.readyAtRank(cmd, rank));
    s.issue(cmd, rank * this.banksPerRank, row, t);
    this.log?.push(t, this.channels[0], rank, -1, -1, row, -1, cmd);
    this.clk = t + 1;
    this.counts.commands[cmd]++;
    return t;
  }

  /** A bank command to bank `bank` of rank 0. */
  private issueBank(cmd: number, bank: number, row: number): number {
    const s = this.state;
    const t = Math.max(this.clk, this.floor, s.readyAt(cmd, bank));
    s.issue(cmd, bank, row, t);
    this.log?.push(t, this.channels[0], 0, Math.floor(bank / s.banksPerGroup), bank % s.banksPerGroup, row, -1, cmd);
    this.clk = t + 1;
    this.counts.commands[cmd]++;
    return t;
  }

  /** Account the cycles since the last change to open or precharged, then record the new status. */
  private background(open: boolean, t: number): void {
    const cycles = Math.max(0, t - this.since) * this.config.org.ranks;
    if (this.anyOpen) this.counts.activeRankCycles += cycles;
    else this.counts.idleRankCycles += cycles;
    this.anyOpen = open;
    this.since = Math.max(this.since, t);
  }
}

function cloneLog(log: CommandLog): CommandLog {
  const copy = new CommandLog(log.commandNames);
  copy.length = log.length;
  copy.cycle = log.cycle.slice();
  copy.fields = log.fields.slice();
  return copy;
}
