// The timing engine of one channel: bank states and, per bank and command, the earliest cycle
// the command may issue there. Issuing a command raises those earliest cycles along the
// compiled table (standard.ts) with the result of DRAMsim3's ChannelState::UpdateTiming
// (umd-memsys/DRAMsim3@2981759 src/channel_state.cc): the same bank, the other banks of its
// group and (for rank-wide rows) the whole rank are raised bank by bank; the two wide scopes
// (other bank groups of the rank, other ranks) keep one maximum per producer group / rank
// instead, with the two largest from distinct producers, so "every group but mine" is one
// lookup and a RD costs ~25 updates instead of ~130 on a 2-rank DDR4 channel. Activation
// windows (tFAW) keep the last N activation times per rank in a ring. Everything is typed
// arrays, and nothing allocates per command. The controller and a PIM layer both drive a channel through
// `readyAt` / `issue`, so every command, whoever sends it, obeys the same table.
import { NO_ROW, type CommandSpec } from './commands.js';
import type { DramOrganisation } from './config.js';
import { SCOPE_COUNT, SCOPE_INDEX, type CompiledStandard } from './standard.js';

const S_SAME_BANK = SCOPE_INDEX.sameBank;
const S_OTHER_BANKS_SAME_BG = SCOPE_INDEX.otherBanksSameBankgroup;
const S_OTHER_BGS_SAME_RANK = SCOPE_INDEX.otherBankgroupsSameRank;
const S_OTHER_RANKS = SCOPE_INDEX.otherRanks;
const S_SAME_RANK = SCOPE_INDEX.sameRank;

/**
 * Per key: the largest time any producer set, which producer set it, and the largest time
 * set by any other producer. "Largest over producers other than x" is then
 * `who === x ? second : first`.
 */
class TopTwo {
  readonly first: Float64Array;
  readonly second: Float64Array;
  readonly who: Int32Array;

  constructor(size: number) {
    this.first = new Float64Array(size);
    this.second = new Float64Array(size);
    this.who = new Int32Array(size).fill(-1);
  }

  raise(k: number, t: number, producer: number): void {
    if (this.who[k] === producer) {
      if (t > this.first[k]) this.first[k] = t;
    } else if (t > this.first[k]) {
      this.second[k] = this.first[k];
      this.first[k] = t;
      this.who[k] = producer;
    } else if (t > this.second[k]) {
      this.second[k] = t;
    }
  }

  excluding(k: number, producer: number): number {
    return this.who[k] === producer ? this.second[k] : this.first[k];
  }
}

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
  /** earliest[cmd · banks + bank]: the same-bank, same-group and whole-rank rows (command-major,
   * so raising one command over a range of banks walks contiguous memory). */
  private readonly earliest: Float64Array;
  /** Other-bank-group rows: key cmd · ranks + rank, producer = bank group within the rank. */
  private readonly otherGroups: TopTwo;
  /** Other-rank rows: key cmd, producer = rank. */
  private readonly otherRanks: TopTwo;
  private readonly hasOtherGroups: boolean;
  private readonly hasOtherRanks: boolean;
  /** Rank and bank group (within its rank) of each bank index. */
  readonly rankOfBank: Int32Array;
  readonly groupInRank: Int32Array;
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
    this.rankOfBank = Int32Array.from({ length: this.banks }, (_, b) => Math.floor(b / this.banksPerRank));
    this.groupInRank = Int32Array.from({ length: this.banks }, (_, b) => Math.floor((b % this.banksPerRank) / this.banksPerGroup));
    this.otherGroups = new TopTwo(this.nCmd * this.ranks);
    this.otherRanks = new TopTwo(this.nCmd);
    this.hasOtherGroups = this.bankgroups > 1;
    this.hasOtherRanks = this.ranks > 1;
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
    return this.rankOfBank[bankIndex];
  }

  /** Timing alone (no windows): the first cycle `cmd` may issue at `bankIndex`. */
  earliestAt(cmd: number, bankIndex: number): number {
    let t = this.earliest[cmd * this.banks + bankIndex];
    if (this.hasOtherGroups) {
      const v = this.otherGroups.excluding(cmd * this.ranks + this.rankOfBank[bankIndex], this.groupInRank[bankIndex]);
      if (v > t) t = v;
    }
    if (this.hasOtherRanks) {
      const v = this.otherRanks.excluding(cmd, this.rankOfBank[bankIndex]);
      if (v > t) t = v;
    }
    return t;
  }

  /** Earliest cycle bank-level `cmd` may issue at `bankIndex` (timing and windows; not bank state). */
  readyAt(cmd: number, bankIndex: number): number {
    const t = this.earliestAt(cmd, bankIndex);
    const mask = this.windowMask[cmd];
    if (mask === 0) return t;
    const w = this.windowReadyAt(mask, this.rankOfBank[bankIndex]);
    return w > t ? w : t;
  }

  /** Earliest cycle rank-level `cmd` may issue: every bank of the rank must allow it. */
  readyAtRank(cmd: number, rank: number): number {
    let t = 0;
    const first = rank * this.banksPerRank;
    for (let b = first; b < first + this.banksPerRank; b++) {
      const e = this.earliestAt(cmd, b);
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
    const rank = this.rankOfBank[bankIndex];
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
    const rank = this.rankOfBank[b];
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

  /** Raise, for each (following, cycles) of `list`, the earliest time of banks [from, to). */
  private raise(list: Int32Array, from: number, to: number, clk: number): void {
    if (from >= to) return;
    const e = this.earliest;
    const banks = this.banks;
    for (let i = 0; i < list.length; i += 2) {
      const t = clk + list[i + 1];
      const base = list[i] * banks;
      for (let k = base + from; k < base + to; k++) if (t > e[k]) e[k] = t;
    }
  }

  private raiseBank(cmd: number, b: number, rank: number, clk: number): void {
    const r = cmd * SCOPE_COUNT;
    const rules = this.rules;
    const rankFirst = rank * this.banksPerRank;
    const groupFirst = b - ((b - rankFirst) % this.banksPerGroup);
    const groupEnd = groupFirst + this.banksPerGroup;
    const same = rules[r + S_SAME_BANK];
    if (same.length) this.raise(same, b, b + 1, clk);
    const sameGroup = rules[r + S_OTHER_BANKS_SAME_BG];
    if (sameGroup.length) {
      this.raise(sameGroup, groupFirst, b, clk);
      this.raise(sameGroup, b + 1, groupEnd, clk);
    }
    const otherGroups = rules[r + S_OTHER_BGS_SAME_RANK];
    const g = this.groupInRank[b];
    for (let i = 0; i < otherGroups.length; i += 2) this.otherGroups.raise(otherGroups[i] * this.ranks + rank, clk + otherGroups[i + 1], g);
    const sameRank = rules[r + S_SAME_RANK];
    if (sameRank.length) this.raise(sameRank, rankFirst, rankFirst + this.banksPerRank, clk);
    const otherRanks = rules[r + S_OTHER_RANKS];
    for (let i = 0; i < otherRanks.length; i += 2) this.otherRanks.raise(otherRanks[i], clk + otherRanks[i + 1], rank);
  }

  /** Rank-level commands: same-bank and same-rank rows hold for every bank of the rank. */
  private raiseRank(cmd: number, rank: number, clk: number): void {
    const r = cmd * SCOPE_COUNT;
    const rankFirst = rank * this.banksPerRank;
    const rankEnd = rankFirst + this.banksPerRank;
    this.raise(this.rules[r + S_SAME_BANK], rankFirst, rankEnd, clk);
    this.raise(this.rules[r + S_SAME_RANK], rankFirst, rankEnd, clk);
    const otherRanks = this.rules[r + S_OTHER_RANKS];
    for (let i = 0; i < otherRanks.length; i += 2) this.otherRanks.raise(otherRanks[i], clk + otherRanks[i + 1], rank);
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
