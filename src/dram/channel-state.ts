// The timing engine of one channel: bank states and, per bank and command, the earliest cycle
// the command may issue there. Issuing a command raises those earliest cycles along the
// compiled table (standard.ts) with the result of DRAMsim3's ChannelState::UpdateTiming
// (umd-memsys/DRAMsim3@2981759 src/channel_state.cc), stored differently for speed: the same
// bank (and, for rank-wide rows, the whole rank) is raised bank by bank, while the three
// "everyone but the producer" scopes — the other banks of its group, the other bank groups of
// its rank, the other ranks — keep per key the largest time and the largest set by any other
// producer ("top two"), so "every bank of the group but this one" is one lookup and a RD costs
// ~10 updates instead of ~130 on a 2-rank DDR4 channel. Commands that every row and window
// treats alike as the *following* command (RD and RDA, WR and WRA in the JEDEC table) share
// one timing class, stored and raised once. Each command's raises are compiled into one flat
// program. Activation windows (tFAW) keep the last N activation times per rank in a ring.
// Everything is typed arrays, and nothing allocates per command. The controller and a PIM
// layer both drive a channel through `readyAt` / `issue`, so every command, whoever sends it,
// obeys the same table.
import { NO_ROW, type CommandSpec } from './commands.js';
import type { DramOrganisation } from './config.js';
import { SCOPE_INDEX, SCOPE_COUNT, type CompiledStandard } from './standard.js';

const S_SAME_BANK = SCOPE_INDEX.sameBank;
const S_OTHER_BANKS_SAME_BG = SCOPE_INDEX.otherBanksSameBankgroup;
const S_OTHER_BGS_SAME_RANK = SCOPE_INDEX.otherBankgroupsSameRank;
const S_OTHER_RANKS = SCOPE_INDEX.otherRanks;
const S_SAME_RANK = SCOPE_INDEX.sameRank;

/** Bank-state effects as small integers (switch on numbers, not strings, in the hot path). */
const EFFECT_CODE: Readonly<Record<CommandSpec['effect'], number>> = { open: 0, access: 1, close: 2, 'access-close': 2, none: 3 };

/**
 * Raise key k of a top-two table to t on behalf of `producer`: top[2k] is the largest time any
 * producer set, who[k] the producer that set it, top[2k + 1] the largest set by any other
 * producer. "Largest over producers other than x" is then `who[k] === x ? top[2k + 1] : top[2k]`.
 */
function raiseTop(top: Float64Array, who: Int32Array, k: number, t: number, producer: number): void {
  const i = k << 1;
  if (who[k] === producer) {
    if (t > top[i]) top[i] = t;
  } else if (t > top[i]) {
    top[i + 1] = top[i];
    top[i] = t;
    who[k] = producer;
  } else if (t > top[i + 1]) {
    top[i + 1] = t;
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
  /**
   * Commands issued so far. Earliest cycles change only when a command issues, so a readiness
   * computed at the same count is still exact (the scheduler uses this to skip re-evaluation).
   */
  issueCount = 0;
  /** Timing class of each command (see classifyFollowing); the tables below are per class. */
  readonly timingClass: Int32Array;
  /** Rank, bank group within the rank, and bank group of the channel, of each bank index. */
  readonly rankOfBank: Int32Array;
  readonly groupInRank: Int32Array;
  readonly groupOfBank: Int32Array;
  private readonly groups: number;
  /** earliest[class · banks + bank]: the same-bank and whole-rank rows (class-major, so a
   * whole-rank raise walks contiguous memory). */
  private readonly earliest: Float64Array;
  /** Other banks of the group: key class · groups + group, producer = bank index. */
  private readonly groupTop: Float64Array;
  private readonly groupWho: Int32Array;
  /** Other bank groups of the rank: key class · ranks + rank, producer = bank group in the rank. */
  private readonly rankTop: Float64Array;
  private readonly rankWho: Int32Array;
  /** Other ranks: key class, producer = rank. */
  private readonly channelTop: Float64Array;
  private readonly channelWho: Int32Array;
  private readonly hasGroupScope: boolean;
  private readonly hasOtherGroups: boolean;
  private readonly hasOtherRanks: boolean;
  /**
   * Per command, its raises as one flat list: for each scope in the order same bank, other
   * banks of the group, other groups, whole rank, other ranks, a count n then n (class,
   * cycles) pairs. Rank-level commands apply their same-bank and whole-rank rows to every bank
   * of the rank and their other-rank rows to the other ranks.
   */
  private readonly program: Int32Array[];
  /** Number of timing classes. */
  readonly nClass: number;
  /**
   * scopeLatency[(cmd · SCOPE_COUNT + scope) · nClass + class]: the cycles a row of `scope`
   * makes `class` wait after `cmd` (0: no row). Issuing cmd at clk leaves every bank of that
   * scope with earliest ≥ clk + this, which the scheduler uses as a cheap lower bound.
   */
  readonly scopeLatency: Int32Array;
  readonly rankLevel: Uint8Array;
  private readonly effect: Uint8Array;
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
    const classes = classifyFollowing(compiled);
    this.timingClass = classes.classOf;
    const nClass = classes.count;
    this.nClass = nClass;
    this.scopeLatency = new Int32Array(this.nCmd * SCOPE_COUNT * nClass);
    classes.rules.forEach((l, i) => {
      for (let j = 0; j < l.length; j += 2) this.scopeLatency[i * nClass + l[j]] = l[j + 1];
    });
    this.groups = this.ranks * this.bankgroups;
    this.earliest = new Float64Array(this.banks * nClass);
    this.rankOfBank = Int32Array.from({ length: this.banks }, (_, b) => Math.floor(b / this.banksPerRank));
    this.groupInRank = Int32Array.from({ length: this.banks }, (_, b) => Math.floor((b % this.banksPerRank) / this.banksPerGroup));
    this.groupOfBank = Int32Array.from({ length: this.banks }, (_, b) => Math.floor(b / this.banksPerGroup));
    this.groupTop = new Float64Array(2 * nClass * this.groups);
    this.groupWho = new Int32Array(nClass * this.groups).fill(-1);
    this.rankTop = new Float64Array(2 * nClass * this.ranks);
    this.rankWho = new Int32Array(nClass * this.ranks).fill(-1);
    this.channelTop = new Float64Array(2 * nClass);
    this.channelWho = new Int32Array(nClass).fill(-1);
    this.hasGroupScope = this.banksPerGroup > 1;
    this.hasOtherGroups = this.bankgroups > 1;
    this.hasOtherRanks = this.ranks > 1;
    this.rankLevel = Uint8Array.from(this.commands, (c) => (c.target === 'rank' ? 1 : 0));
    this.effect = Uint8Array.from(this.commands, (c) => EFFECT_CODE[c.effect]);
    this.program = this.commands.map((c, cmd) => {
      const list = (scope: number) => classes.rules[cmd * SCOPE_COUNT + scope];
      const scopes = c.target === 'rank' ? [mergeMax(list(S_SAME_BANK), list(S_SAME_RANK)), list(S_OTHER_RANKS)] : [S_SAME_BANK, S_OTHER_BANKS_SAME_BG, S_OTHER_BGS_SAME_RANK, S_SAME_RANK, S_OTHER_RANKS].map(list);
      const flat: number[] = [];
      for (const l of scopes) flat.push(l.length / 2, ...l);
      return Int32Array.from(flat);
    });
    const w = compiled.windows;
    this.windowSize = Int32Array.from(w.map((x) => x.count));
    this.windowCycles = Float64Array.from(w.map((x) => x.windowCycles));
    this.windowRing = w.map((x) => new Float64Array(x.count * this.ranks));
    this.windowFill = new Int32Array(w.length * this.ranks);
    this.windowHead = new Int32Array(w.length * this.ranks);
    this.windowMask = new Int32Array(this.nCmd);
    w.forEach((x, wi) => x.counts.forEach((on, c) => on && (this.windowMask[c] |= 1 << wi)));
  }

  /**
   * An independent copy, for a PIM channel history that splits (src/engines/pim/channel-groups.ts):
   * every array issuing a command writes is copied, by name; the compiled tables, which nothing
   * writes after the constructor, are shared. A state field added later that `issue` writes must
   * be copied here too (test/dram/channel-state-clone.test.ts catches one that is shared).
   */
  clone(): ChannelState {
    const copy = Object.assign(Object.create(ChannelState.prototype) as ChannelState, this);
    return Object.assign(copy, {
      openRow: this.openRow.slice(),
      rowHits: this.rowHits.slice(),
      openBanksInRank: this.openBanksInRank.slice(),
      earliest: this.earliest.slice(),
      groupTop: this.groupTop.slice(),
      groupWho: this.groupWho.slice(),
      rankTop: this.rankTop.slice(),
      rankWho: this.rankWho.slice(),
      channelTop: this.channelTop.slice(),
      channelWho: this.channelWho.slice(),
      windowRing: this.windowRing.map((ring) => ring.slice()),
      windowFill: this.windowFill.slice(),
      windowHead: this.windowHead.slice(),
    });
  }

  bankIndex(rank: number, bankgroup: number, bank: number): number {
    return (rank * this.bankgroups + bankgroup) * this.banksPerGroup + bank;
  }

  rankOf(bankIndex: number): number {
    return this.rankOfBank[bankIndex];
  }

  /** Timing alone (no windows): the first cycle `cmd` may issue at `bankIndex`. */
  earliestAt(cmd: number, bankIndex: number): number {
    const k = this.timingClass[cmd];
    let t = this.earliest[k * this.banks + bankIndex];
    if (this.hasGroupScope) {
      const key = k * this.groups + this.groupOfBank[bankIndex];
      const v = this.groupTop[this.groupWho[key] === bankIndex ? 2 * key + 1 : 2 * key];
      if (v > t) t = v;
    }
    if (this.hasOtherGroups) {
      const key = k * this.ranks + this.rankOfBank[bankIndex];
      const v = this.rankTop[this.rankWho[key] === this.groupInRank[bankIndex] ? 2 * key + 1 : 2 * key];
      if (v > t) t = v;
    }
    if (this.hasOtherRanks) {
      const v = this.channelTop[this.channelWho[k] === this.rankOfBank[bankIndex] ? 2 * k + 1 : 2 * k];
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

  /** The activation windows alone: the earliest cycle `cmd` may issue in `rank` (0 if not counted). */
  windowFloor(cmd: number, rank: number): number {
    const mask = this.windowMask[cmd];
    return mask === 0 ? 0 : this.windowReadyAt(mask, rank);
  }

  /** Whether some activation window counts both commands (issuing one delays the other). */
  sharesWindow(a: number, b: number): boolean {
    return (this.windowMask[a] & this.windowMask[b]) !== 0;
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
    this.issueCount++;
    const rank = this.rankOfBank[bankIndex];
    const effect = this.effect[cmd];
    if (this.rankLevel[cmd] === 1) {
      const first = rank * this.banksPerRank;
      for (let b = first; b < first + this.banksPerRank; b++) this.applyEffect(effect, b, rank, row);
      this.raiseRank(cmd, rank, clk);
    } else {
      this.applyEffect(effect, bankIndex, rank, row);
      this.raiseBank(cmd, bankIndex, rank, clk);
    }
    const mask = this.windowMask[cmd];
    if (mask !== 0) this.recordWindow(mask, rank, clk);
  }

  private applyEffect(effect: number, b: number, rank: number, row: number): void {
    if (effect === 1) {
      this.rowHits[b]++; // access
    } else if (effect === 0) {
      if (this.openRow[b] === NO_ROW) this.openBanksInRank[rank]++; // open
      this.openRow[b] = row;
    } else if (effect === 2) {
      if (this.openRow[b] !== NO_ROW) this.openBanksInRank[rank]--; // close, access-close
      this.openRow[b] = NO_ROW;
      this.rowHits[b] = 0;
    }
  }

  private raiseBank(cmd: number, b: number, rank: number, clk: number): void {
    const p = this.program[cmd];
    const e = this.earliest;
    const banks = this.banks;
    let i = 0;
    let n = p[i++];
    for (const end = i + 2 * n; i < end; i += 2) {
      const k = p[i] * banks + b;
      const t = clk + p[i + 1];
      if (t > e[k]) e[k] = t;
    }
    n = p[i++];
    if (n > 0 && this.hasGroupScope) {
      const g = this.groupOfBank[b];
      for (const end = i + 2 * n; i < end; i += 2) raiseTop(this.groupTop, this.groupWho, p[i] * this.groups + g, clk + p[i + 1], b);
    } else i += 2 * n;
    n = p[i++];
    if (n > 0 && this.hasOtherGroups) {
      const g = this.groupInRank[b];
      for (const end = i + 2 * n; i < end; i += 2) raiseTop(this.rankTop, this.rankWho, p[i] * this.ranks + rank, clk + p[i + 1], g);
    } else i += 2 * n;
    n = p[i++];
    if (n > 0) {
      this.raiseBanks(p, i, n, rank * this.banksPerRank, (rank + 1) * this.banksPerRank, clk);
      i += 2 * n;
    }
    n = p[i++];
    if (n > 0 && this.hasOtherRanks) {
      for (const end = i + 2 * n; i < end; i += 2) raiseTop(this.channelTop, this.channelWho, p[i], clk + p[i + 1], rank);
    }
  }

  /** Rank-level commands: same-bank and whole-rank rows hold for every bank of the rank. */
  private raiseRank(cmd: number, rank: number, clk: number): void {
    const p = this.program[cmd];
    let i = 0;
    let n = p[i++];
    this.raiseBanks(p, i, n, rank * this.banksPerRank, (rank + 1) * this.banksPerRank, clk);
    i += 2 * n;
    n = p[i++];
    if (this.hasOtherRanks) for (const end = i + 2 * n; i < end; i += 2) raiseTop(this.channelTop, this.channelWho, p[i], clk + p[i + 1], rank);
  }

  /** Raise, for the n (class, cycles) pairs of p from i on, the earliest time of banks [from, to). */
  private raiseBanks(p: Int32Array, i: number, n: number, from: number, to: number, clk: number): void {
    const e = this.earliest;
    for (const end = i + 2 * n; i < end; i += 2) {
      const t = clk + p[i + 1];
      const base = p[i] * this.banks;
      for (let k = base + from; k < base + to; k++) if (t > e[k]) e[k] = t;
    }
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

/** The (class, cycles) pairs of two lists, the larger cycles where a class is in both. */
function mergeMax(a: Int32Array, b: Int32Array): Int32Array {
  const out = Array.from(a);
  for (let j = 0; j < b.length; j += 2) {
    const at = out.findIndex((k, i) => i % 2 === 0 && k === b[j]);
    if (at < 0) out.push(b[j], b[j + 1]);
    else out[at + 1] = Math.max(out[at + 1], b[j + 1]);
  }
  return Int32Array.from(out);
}

/**
 * Group the commands into timing classes: two commands share a class when, as the following
 * command, every (preceding, scope) row gives them the same cycles and every activation window
 * counts both or neither. Their earliest cycles are then always equal, so one copy serves
 * both. Returns the class of each command and the rule lists rewritten to classes.
 */
export function classifyFollowing(compiled: CompiledStandard): { classOf: Int32Array; count: number; rules: Int32Array[] } {
  const nCmd = compiled.commands.length;
  const lists = compiled.rules;
  const signature = (f: number): string => {
    const parts: number[] = [];
    for (let i = 0; i < lists.length; i++) {
      let cycles = 0;
      const l = lists[i];
      for (let j = 0; j < l.length; j += 2) if (l[j] === f) cycles = l[j + 1];
      parts.push(cycles);
    }
    for (const w of compiled.windows) parts.push(w.counts[f]);
    return parts.join(',');
  };
  const classOf = new Int32Array(nCmd);
  const seen = new Map<string, number>();
  for (let f = 0; f < nCmd; f++) {
    const sig = signature(f);
    let k = seen.get(sig);
    if (k === undefined) {
      k = seen.size;
      seen.set(sig, k);
    }
    classOf[f] = k;
  }
  const rules = lists.map((l) => {
    const out: number[] = [];
    for (let j = 0; j < l.length; j += 2) {
      const k = classOf[l[j]];
      let dup = false;
      for (let i = 0; i < out.length; i += 2) if (out[i] === k) dup = true; // same class: same cycles
      if (!dup) out.push(k, l[j + 1]);
    }
    return Int32Array.from(out);
  });
  return { classOf, count: seen.size, rules };
}
