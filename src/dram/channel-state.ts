// The timing engine of one channel: bank states and, per bank and command, the earliest cycle
// the command may issue there. Issuing a command raises those earliest cycles along the
// compiled table (standard.ts), bank by bank, exactly as DRAMsim3's ChannelState::UpdateTiming
// does (umd-memsys/DRAMsim3@2981759 src/channel_state.cc); activation windows (tFAW) keep the
// last N activation times per rank in a ring. Everything is typed arrays, and nothing
// allocates per command. The controller and a PIM layer both drive a channel through
// `readyAt` / `issue`, so every command, whoever sends it, obeys the same table.
import { NO_ROW, type CommandSpec } from './commands.js';
import type { DramOrganisation } from './config.js';
import { SCOPE_COUNT, SCOPE_INDEX, type CompiledStandard } from './standard.js';

const S_SAME_BANK = SCOPE_INDEX.sameBank;
const S_OTHER_BANKS_SAME_BG = SCOPE_INDEX.otherBanksSameBankgroup;
const S_OTHER_BGS_SAME_RANK = SCOPE_INDEX.otherBankgroupsSameRank;
const S_OTHER_RANKS = SCOPE_INDEX.otherRanks;
const S_SAME_RANK = SCOPE_INDEX.sameRank;

export class ChannelState {
  readonly ranks: number;
  readonly bankgroups: number;
  readonly banksPerGroup: number;
  readonly banksPerRank: number;
  readonly banks: number;
  readonly nCmd: number;
  readonly commands: readonly CommandSpec[];
  /** Open row per bank (NO_ROW when precharged). Bank index: (rank·bankgroups + bg)·banksPerGroup + bank. */
  readonly openRow: Int32Array;
  /** Column accesses to the open row since its ACT (DRAMsim3 row_hit_count). */
  readonly rowHits: Int32Array;
  /** Open banks per rank, so "is the rank idle" costs nothing. */
  readonly openBanksInRank: Int32Array;
  /** earliest[bank · nCmd + cmd]: first cycle `cmd` may issue at `bank`. */
  readonly earliest: Float64Array;
  private readonly rules: Int32Array[];
  private readonly windowCounts: Uint8Array[];
  private readonly windowSize: Int32Array;
  private readonly windowCycles: Float64Array;
  /** Per window and rank: ring of the last `windowSize` issue times. */
  private readonly windowRing: Float64Array[];
  private readonly windowFill: Int32Array;
  private readonly windowHead: Int32Array;
  /** Per command: bit w set when window w counts it. */
  private readonly windowMask: Int32Array;

  constructor(org: DramOrganisation, readonly compiled: CompiledStandard) {
    this.ranks = org.ranks;
    this.bankgroups = org.bankgroups;
    this.banksPerGroup = org.banksPerGroup;
    this.banksPerRank = org.bankgroups * org.banksPerGroup;
    this.banks = this.ranks * this.banksPerRank;
    this.commands = compiled.commands;
    this.nCmd = compiled.commands.length;
    this.openRow = new Int32Array(this.banks).fill(NO_ROW);
    this.rowHits = new Int32Array(this.banks);
    this.openBanksInRank = new Int32Array(this.ranks);
    this.earliest = new Float64Array(this.banks * this.nCmd);
    this.rules = compiled.rules;
    const w = compiled.windows;
    this.windowCounts = w.map((x) => x.counts);
    this.windowSize = Int32Array.from(w.map((x) => x.count));
    this.windowCycles = Float64Array.from(w.map((x) => x.windowCycles));
    this.windowRing = w.map((x) => new Float64Array(x.count * this.ranks));
    this.windowFill = new Int32Array(w.length * this.ranks);
    this.windowHead = new Int32Array(w.length * this.ranks);
    this.windowMask = new Int32Array(this.nCmd);
    w.forEach((x, wi) => x.counts.forEach((on, c) => on && (this.windowMask[c] |= 1 << wi)));
  }

  bankIndex(rank: number, bankgroup: number, bank: number): number {
    return (rank * this.bankgroups + bankgroup) * this.banksPerGroup + bank;
  }

  rankOf(bankIndex: number): number {
    return Math.floor(bankIndex / this.banksPerRank);
  }

  /** Earliest cycle bank-level `cmd` may issue at `bankIndex` (timing and windows; not bank state). */
  readyAt(cmd: number, bankIndex: number): number {
    let t = this.earliest[bankIndex * this.nCmd + cmd];
    const mask = this.windowMask[cmd];
    if (mask !== 0) {
      const w = this.windowReadyAt(mask, Math.floor(bankIndex / this.banksPerRank));
      if (w > t) t = w;
    }
    return t;
  }

  /** Earliest cycle rank-level `cmd` may issue: every bank of the rank must allow it. */
  readyAtRank(cmd: number, rank: number): number {
    let t = 0;
    const first = rank * this.banksPerRank;
    for (let b = first; b < first + this.banksPerRank; b++) {
      const e = this.earliest[b * this.nCmd + cmd];
      if (e > t) t = e;
    }
    const mask = this.windowMask[cmd];
    if (mask !== 0) {
      const w = this.windowReadyAt(mask, rank);
      if (w > t) t = w;
    }
    return t;
  }

  private windowReadyAt(mask: number, rank: number): number {
    let t = 0;
    for (let w = 0; mask !== 0; w++, mask >>= 1) {
      if ((mask & 1) === 0) continue;
      const slot = w * this.ranks + rank;
      const size = this.windowSize[w];
      if (this.windowFill[slot] < size) continue;
      // The oldest of the last `size` activations leaves the window at oldest + window.
      const oldest = this.windowRing[w][rank * size + this.windowHead[slot]];
      const free = oldest + this.windowCycles[w];
      if (free > t) t = free;
    }
    return t;
  }

  /**
   * Issue `cmd` at cycle `clk`: for a bank-level command at `bankIndex`, for a rank-level one
   * at every bank of rank `bankIndex`'s rank. `row` is the row an ACT opens. The caller has
   * checked readiness (the trace checker verifies that it did).
   */
  issue(cmd: number, bankIndex: number, row: number, clk: number): void {
    const spec = this.commands[cmd];
    const rank = Math.floor(bankIndex / this.banksPerRank);
    if (spec.target === 'rank') {
      const first = rank * this.banksPerRank;
      for (let b = first; b < first + this.banksPerRank; b++) this.applyEffect(spec.effect, b, row);
      this.raiseRank(cmd, rank, clk);
    } else {
      this.applyEffect(spec.effect, bankIndex, row);
      this.raiseBank(cmd, bankIndex, rank, clk);
    }
    const mask = this.windowMask[cmd];
    if (mask !== 0) this.recordWindow(mask, rank, clk);
  }

  private applyEffect(effect: CommandSpec['effect'], b: number, row: number): void {
    const rank = Math.floor(b / this.banksPerRank);
    switch (effect) {
      case 'open':
        if (this.openRow[b] === NO_ROW) this.openBanksInRank[rank]++;
        this.openRow[b] = row;
        break;
      case 'access':
        this.rowHits[b]++;
        break;
      case 'close':
      case 'access-close':
        if (this.openRow[b] !== NO_ROW) this.openBanksInRank[rank]--;
        this.openRow[b] = NO_ROW;
        this.rowHits[b] = 0;
        break;
      case 'none':
        break;
    }
  }

  private raise(list: Int32Array, bank: number, clk: number): void {
    const base = bank * this.nCmd;
    const e = this.earliest;
    for (let i = 0; i < list.length; i += 2) {
      const t = clk + list[i + 1];
      const k = base + list[i];
      if (t > e[k]) e[k] = t;
    }
  }

  private raiseBank(cmd: number, b: number, rank: number, clk: number): void {
    const r = cmd * SCOPE_COUNT;
    const same = this.rules[r + S_SAME_BANK];
    const sameGroup = this.rules[r + S_OTHER_BANKS_SAME_BG];
    const otherGroups = this.rules[r + S_OTHER_BGS_SAME_RANK];
    const otherRanks = this.rules[r + S_OTHER_RANKS];
    const sameRank = this.rules[r + S_SAME_RANK];
    if (same.length) this.raise(same, b, clk);
    const rankFirst = rank * this.banksPerRank;
    const groupFirst = b - ((b - rankFirst) % this.banksPerGroup);
    if (sameGroup.length) {
      for (let o = groupFirst; o < groupFirst + this.banksPerGroup; o++) if (o !== b) this.raise(sameGroup, o, clk);
    }
    if (otherGroups.length) {
      for (let o = rankFirst; o < rankFirst + this.banksPerRank; o++) {
        if (o < groupFirst || o >= groupFirst + this.banksPerGroup) this.raise(otherGroups, o, clk);
      }
    }
    if (sameRank.length) for (let o = rankFirst; o < rankFirst + this.banksPerRank; o++) this.raise(sameRank, o, clk);
    if (otherRanks.length) this.raiseOtherRanks(otherRanks, rank, clk);
  }

  /** Rank-level commands: same-bank and same-rank rows hit every bank of the rank. */
  private raiseRank(cmd: number, rank: number, clk: number): void {
    const r = cmd * SCOPE_COUNT;
    const same = this.rules[r + S_SAME_BANK];
    const sameRank = this.rules[r + S_SAME_RANK];
    const otherRanks = this.rules[r + S_OTHER_RANKS];
    const rankFirst = rank * this.banksPerRank;
    for (let o = rankFirst; o < rankFirst + this.banksPerRank; o++) {
      if (same.length) this.raise(same, o, clk);
      if (sameRank.length) this.raise(sameRank, o, clk);
    }
    if (otherRanks.length) this.raiseOtherRanks(otherRanks, rank, clk);
  }

  private raiseOtherRanks(list: Int32Array, rank: number, clk: number): void {
    for (let o = 0; o < this.banks; o++) if (Math.floor(o / this.banksPerRank) !== rank) this.raise(list, o, clk);
  }

  private recordWindow(mask: number, rank: number, clk: number): void {
    for (let w = 0; mask !== 0; w++, mask >>= 1) {
      if ((mask & 1) === 0) continue;
      const slot = w * this.ranks + rank;
      const size = this.windowSize[w];
      const ring = this.windowRing[w];
      if (this.windowFill[slot] < size) {
        ring[rank * size + ((this.windowHead[slot] + this.windowFill[slot]) % size)] = clk;
        this.windowFill[slot]++;
      } else {
        ring[rank * size + this.windowHead[slot]] = clk;
        this.windowHead[slot] = (this.windowHead[slot] + 1) % size;
      }
    }
  }
}
