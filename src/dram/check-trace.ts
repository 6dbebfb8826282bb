// Command-trace checker: replays an issued command trace against every timing rule of the
// compiled table and the bank state machine, and returns each violation. It is written apart
// from the timing engine on purpose (channel-state.ts keeps running maxima per bank; this
// keeps the last issue time of every command at every bank and rank and re-derives each
// constraint from the table at check time), so a bug in one is not silently shared by the
// other. Rules checked:
// - every (preceding, scope, following) latency of the table, incl. a preset's extra rows;
// - activation windows (at most 4 ACT per rank in tFAW; 32 in t32AW for GDDR);
// - bank state: ACT only to a precharged bank, RD/WR only to the open row, PRE only to an open
//   bank, REF only when every bank of the rank is precharged, REFb only to a precharged bank;
// - one command per channel per cycle (HBM: one row and one column command);
// - refresh spacing: no rank goes longer than 9 × tREFI without a REF (JEDEC lets a
//   controller postpone at most 8 refreshes).
import { NO_ROW } from './commands.js';
import type { CommandRecord } from './command-log.js';
import type { DramConfig } from './config.js';
import { compileFor, ruleKey, SCOPE_COUNT, SCOPE_INDEX, type CompiledStandard, type DramStandard } from './standard.js';

export interface TraceViolation {
  /** Position of the offending command in the trace. */
  index: number;
  cycle: number;
  channel: number;
  command: string;
  rule: string;
  expected: string;
  received: string;
}

export interface CheckOptions {
  /** Stop after this many violations (default 100). */
  maxViolations?: number;
  /** Cycle the trace ends at, for the refresh-spacing check (default: the last command). */
  endCycle?: number;
  /** The standard the trace was issued under, if not the configuration's (a PIM layer's). */
  standard?: DramStandard;
  extraTiming?: Record<string, number>;
}

/** Check a command trace of `config`; an empty result means it obeys every rule. */
export function checkCommandTrace(config: DramConfig, records: Iterable<CommandRecord>, options: CheckOptions = {}): TraceViolation[] {
  const compiled = compileFor(config, options.standard, options.extraTiming);
  const max = options.maxViolations ?? 100;
  const violations: TraceViolation[] = [];
  const channels = Array.from({ length: config.org.channels }, () => new ChannelReplay(config, compiled));
  let index = 0;
  let lastCycle = 0;
  for (const r of records) {
    // One violation per rule and command, even when a rank-wide command breaks it at every bank.
    const seen = new Set<string>();
    const report = (rule: string, expected: string, received: string) => {
      if (seen.has(rule)) return;
      seen.add(rule);
      if (violations.length < max) violations.push({ index, cycle: r.cycle, channel: r.channel, command: r.command, rule, expected, received });
    };
    if (!(r.channel >= 0 && r.channel < channels.length)) report('channel exists', `a channel in 0..${channels.length - 1}`, String(r.channel));
    else channels[r.channel].replay(r, report);
    if (r.cycle > lastCycle) lastCycle = r.cycle;
    index++;
  }
  const end = options.endCycle ?? lastCycle;
  channels.forEach((ch, c) => ch.finish(end, (rule, expected, received) => {
    if (violations.length < max) violations.push({ index, cycle: end, channel: c, command: 'REF', rule, expected, received });
  }));
  return violations;
}

type Report = (rule: string, expected: string, received: string) => void;

class ChannelReplay {
  private readonly nCmd: number;
  private readonly banksPerRank: number;
  private readonly banks: number;
  /** lastBank[bank · nCmd + cmd], lastRank[rank · nCmd + cmd]: last issue cycle, -Infinity if never. */
  private readonly lastBank: Float64Array;
  private readonly lastRank: Float64Array;
  private readonly openRow: Int32Array;
  /** Per window and rank: issue times of the commands it counts. */
  private readonly windowTimes: number[][][];
  private readonly lastRef: Float64Array;
  private lastCycle = -1;
  private rowCmdsInCycle = 0;
  private colCmdsInCycle = 0;

  constructor(
    private readonly config: DramConfig,
    private readonly c: CompiledStandard,
  ) {
    const o = config.org;
    this.nCmd = c.commands.length;
    this.banksPerRank = o.bankgroups * o.banksPerGroup;
    this.banks = o.ranks * this.banksPerRank;
    this.lastBank = new Float64Array(this.banks * this.nCmd).fill(-Infinity);
    this.lastRank = new Float64Array(o.ranks * this.nCmd).fill(-Infinity);
    this.openRow = new Int32Array(this.banks).fill(NO_ROW);
    this.windowTimes = c.windows.map(() => Array.from({ length: o.ranks }, () => []));
    this.lastRef = new Float64Array(o.ranks).fill(0);
  }

  private latency(p: number, scope: number, f: number): number {
    const list = this.c.rules[p * SCOPE_COUNT + scope];
    for (let i = 0; i < list.length; i += 2) if (list[i] === f) return list[i + 1];
    return 0;
  }

  replay(r: CommandRecord, report: Report): void {
    const o = this.config.org;
    const cmd = this.c.index.get(r.command);
    if (cmd === undefined) return report('known command', `one of ${[...this.c.index.keys()].join(', ')}`, r.command);
    const spec = this.c.commands[cmd];
    const rankLevel = spec.target === 'rank';
    if (!(r.rank >= 0 && r.rank < o.ranks) || (!rankLevel && !(r.bankgroup >= 0 && r.bankgroup < o.bankgroups && r.bank >= 0 && r.bank < o.banksPerGroup))) {
      return report('address exists', `rank < ${o.ranks}, bank group < ${o.bankgroups}, bank < ${o.banksPerGroup}`, `${r.rank}/${r.bankgroup}/${r.bank}`);
    }
    this.checkCommandBus(r, spec.data !== undefined, report);
    const targets = rankLevel ? range(r.rank * this.banksPerRank, (r.rank + 1) * this.banksPerRank) : [(r.rank * o.bankgroups + r.bankgroup) * o.banksPerGroup + r.bank];
    // Timing: every earlier command, at every bank, through the table.
    for (const b of targets) this.checkTiming(cmd, b, r.cycle, report);
    this.checkWindows(cmd, r.rank, r.cycle, report);
    // Bank state, then its update.
    for (const b of targets) this.checkState(spec.requires, b, r.row, report);
    for (const b of targets) {
      if (spec.effect === 'open') this.openRow[b] = r.row;
      else if (spec.effect === 'close' || spec.effect === 'access-close') this.openRow[b] = NO_ROW;
    }
    if (rankLevel) this.lastRank[r.rank * this.nCmd + cmd] = r.cycle;
    else this.lastBank[targets[0] * this.nCmd + cmd] = r.cycle;
    if (r.command === 'REF') {
      this.checkRefreshGap(r.rank, r.cycle, report);
      this.lastRef[r.rank] = r.cycle;
    }
  }

  private checkCommandBus(r: CommandRecord, column: boolean, report: Report): void {
    if (r.cycle < this.lastCycle) report('commands in time order', `cycle ≥ ${this.lastCycle}`, String(r.cycle));
    if (r.cycle !== this.lastCycle) {
      this.lastCycle = r.cycle;
      this.rowCmdsInCycle = 0;
      this.colCmdsInCycle = 0;
    }
    if (column) this.colCmdsInCycle++;
    else this.rowCmdsInCycle++;
    const dual = this.config.controller.dualCommandIssue;
    const ok = dual ? this.rowCmdsInCycle <= 1 && this.colCmdsInCycle <= 1 : this.rowCmdsInCycle + this.colCmdsInCycle <= 1;
    if (!ok) report('one command per cycle on the command bus', dual ? 'at most one row and one column command per cycle' : 'at most one command per cycle', `${this.rowCmdsInCycle + this.colCmdsInCycle} at cycle ${r.cycle}`);
  }

  private checkTiming(f: number, b: number, t: number, report: Report): void {
    const bpg = this.config.org.banksPerGroup;
    const rank = Math.floor(b / this.banksPerRank);
    for (let p = 0; p < this.nCmd; p++) {
      // Rank-level commands at this rank (same-bank and same-rank rows hold for all its banks) and at others.
      for (let r = 0; r < this.config.org.ranks; r++) {
        const last = this.lastRank[r * this.nCmd + p];
        if (last === -Infinity) continue;
        const scopes = r === rank ? [SCOPE_INDEX.sameBank, SCOPE_INDEX.sameRank] : [SCOPE_INDEX.otherRanks];
        for (const s of scopes) this.require(p, s, f, last, t, report);
      }
      for (let o = 0; o < this.banks; o++) {
        const last = this.lastBank[o * this.nCmd + p];
        if (last === -Infinity) continue;
        const oRank = Math.floor(o / this.banksPerRank);
        let scope: number;
        if (oRank !== rank) scope = SCOPE_INDEX.otherRanks;
        else if (o === b) scope = SCOPE_INDEX.sameBank;
        else if (Math.floor(o / bpg) === Math.floor(b / bpg)) scope = SCOPE_INDEX.otherBanksSameBankgroup;
        else scope = SCOPE_INDEX.otherBankgroupsSameRank;
        this.require(p, scope, f, last, t, report);
        if (oRank === rank) this.require(p, SCOPE_INDEX.sameRank, f, last, t, report);
      }
    }
  }

  private require(p: number, scope: number, f: number, last: number, t: number, report: Report): void {
    const lat = this.latency(p, scope, f);
    if (lat > 0 && t < last + lat) {
      const rule = this.c.ruleNames.get(ruleKey(p, scope, f)) ?? `${this.c.commands[p].name}→${this.c.commands[f].name}`;
      report(rule, `cycle ≥ ${last + lat} (${this.c.commands[p].name} at ${last} + ${lat})`, String(t));
    }
  }

  private checkWindows(cmd: number, rank: number, t: number, report: Report): void {
    this.c.windows.forEach((w, i) => {
      if (!w.counts[cmd]) return;
      const times = this.windowTimes[i][rank];
      if (times.length >= w.count) {
        const oldest = times[times.length - w.count];
        if (t < oldest + w.windowCycles) report(w.rule, `cycle ≥ ${oldest + w.windowCycles}`, String(t));
      }
      times.push(t);
      if (times.length > w.count) times.shift();
    });
  }

  private checkState(requires: string, b: number, row: number, report: Report): void {
    const open = this.openRow[b];
    if (requires === 'closed' && open !== NO_ROW) report('bank precharged before ACT/REF', `bank ${b} closed`, `row ${open} open`);
    if (requires === 'open' && open === NO_ROW) report('PRE only to an open bank', `bank ${b} open`, 'closed');
    if (requires === 'row-open' && open !== row) report('RD/WR only to the open row', `row ${row} open in bank ${b}`, open === NO_ROW ? 'bank closed' : `row ${open} open`);
  }

  private checkRefreshGap(rank: number, t: number, report: Report): void {
    const limit = 9 * this.config.timing.tREFI;
    if (this.config.timing.tREFI > 0 && t - this.lastRef[rank] > limit) report('refresh at least every 9 × tREFI', `REF of rank ${rank} by cycle ${this.lastRef[rank] + limit}`, String(t));
  }

  finish(end: number, report: Report): void {
    if (this.config.controller.refreshPolicy === 'BANK_LEVEL_STAGGERED') return; // REFb spacing not checked
    for (let r = 0; r < this.lastRef.length; r++) this.checkRefreshGap(r, end, report);
  }
}

function range(from: number, to: number): number[] {
  return Array.from({ length: to - from }, (_, i) => from + i);
}
