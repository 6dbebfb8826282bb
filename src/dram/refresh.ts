// Refresh requests (DRAMsim3 Refresh, umd-memsys/DRAMsim3@2981759 src/refresh.cc): every
// `interval` cycles a refresh is queued for the next rank (staggered: tREFI / ranks apart),
// for every rank (simultaneous: every tREFI), or for the next bank (per-bank: every tREFIb,
// bank group fastest, then bank, then rank). The controller serves the oldest request first,
// closing open banks of that rank with PRE, then issuing REF. einsim deviation:
// RANK_LEVEL_SIMULTANEOUS queues every rank; DRAMsim3 queues only the first (a `break` in
// InsertRefresh), which leaves the other ranks unrefreshed.
import type { RefreshPolicy } from './config.js';

export class RefreshScheduler {
  readonly interval: number;
  /** Pending requests: rank, and bank index for per-bank refresh (-1 for all-bank). */
  private readonly rank: Int32Array;
  private readonly bank: Int32Array;
  private head = 0;
  private count = 0;
  private nextRank = 0;
  private nextBankgroup = 0;
  private nextBankInGroup = 0;

  constructor(
    readonly policy: RefreshPolicy,
    private readonly ranks: number,
    private readonly bankgroups: number,
    private readonly banksPerGroup: number,
    tREFI: number,
    tREFIb: number,
  ) {
    this.interval =
      policy === 'RANK_LEVEL_SIMULTANEOUS' ? tREFI : policy === 'BANK_LEVEL_STAGGERED' ? tREFIb : Math.floor(tREFI / ranks);
    if (!(this.interval >= 1)) this.interval = Infinity;
    // More than this many outstanding refreshes would mean the controller starves them forever.
    const cap = Math.max(64, ranks * bankgroups * banksPerGroup * 4);
    this.rank = new Int32Array(cap);
    this.bank = new Int32Array(cap);
  }

  /** First cycle > clk at which a refresh is queued. */
  nextInsertAfter(clk: number): number {
    if (this.interval === Infinity) return Infinity;
    return (Math.floor(clk / this.interval) + 1) * this.interval;
  }

  /** DRAMsim3 Refresh::ClockTick at `clk`: true when requests were queued. */
  tick(clk: number): boolean {
    if (clk === 0 || clk % this.interval !== 0) return false;
    if (this.policy === 'RANK_LEVEL_SIMULTANEOUS') {
      for (let r = 0; r < this.ranks; r++) this.push(r, -1);
    } else if (this.policy === 'RANK_LEVEL_STAGGERED') {
      this.push(this.nextRank, -1);
      this.nextRank = (this.nextRank + 1) % this.ranks;
    } else {
      const bank = (this.nextRank * this.bankgroups + this.nextBankgroup) * this.banksPerGroup + this.nextBankInGroup;
      this.push(this.nextRank, bank);
      this.nextBankgroup = (this.nextBankgroup + 1) % this.bankgroups;
      if (this.nextBankgroup === 0) {
        this.nextBankInGroup = (this.nextBankInGroup + 1) % this.banksPerGroup;
        if (this.nextBankInGroup === 0) this.nextRank = (this.nextRank + 1) % this.ranks;
      }
    }
    return true;
  }

  waiting(): boolean {
    return this.count > 0;
  }

  frontRank(): number {
    return this.rank[this.head];
  }

  /** Bank index of the front request, -1 for an all-bank refresh. */
  frontBank(): number {
    return this.bank[this.head];
  }

  /** The front request was served. */
  pop(): void {
    this.head = (this.head + 1) % this.rank.length;
    this.count--;
  }

  private push(rank: number, bank: number): void {
    if (this.count === this.rank.length) throw new Error('refresh requests overflow: refresh is being starved');
    const slot = (this.head + this.count) % this.rank.length;
    this.rank[slot] = rank;
    this.bank[slot] = bank;
    this.count++;
  }
}
