// When a PIM channel refreshes. Every tREFI one all-bank REF is owed. DDR4 and GDDR6 let a
// controller postpone up to 8 of them and pull up to 8 in (JEDEC JESD79-4 §4.9.1 "flexibility in
// refresh scheduling"; JESD250 GDDR6 gives the same allowance — not checked against the standard
// text here), so a PIM controller can move refresh out of MAC streams into the gaps where the
// banks idle while the host computes:
//   'postpone-to-idle'  refresh at a row switch only when the postponement limit is near (8 owed,
//                       or 8 × tREFI since the last REF); in an idle gap, issue owed ones, then
//                       pull in up to `maxPulledIn`, as far as each REF (with its PRE) fits
//                       before the next phase starts
//   'at-row-boundary'   refresh at the first row switch after each tREFI (no postponement beyond
//                       the current row), and owed ones in idle gaps (DRAMsim3-like)
// Either way a long idle gap gets a REF whenever one falls due in it.
//   'off'               no refresh (what-if studies only)
import type { DramTiming } from '../../dram/config.js';

export interface RefreshPolicy {
  mode: 'postpone-to-idle' | 'at-row-boundary' | 'off';
  maxPostponed: number;
  maxPulledIn: number;
}

export class RefreshBudget {
  /** REF commands issued so far. */
  issued = 0;
  /** Cycle of the last REF (0 before the first: the device starts refreshed). */
  lastAt = 0;

  constructor(
    readonly policy: RefreshPolicy,
    private readonly timing: Pick<DramTiming, 'tREFI'>,
  ) {}

  /** Refreshes owed at cycle `t` (negative when pulled in ahead). */
  owed(t: number): number {
    return Math.floor(t / this.timing.tREFI) - this.issued;
  }

  /** A REF issued at cycle `t`. */
  record(t: number): void {
    this.issued++;
    this.lastAt = t;
  }

  /**
   * The last cycle the next REF may issue: no more than `maxPostponed` owed, and never more than
   * (maxPostponed + 1) × tREFI after the last REF (JESD79-4 §4.9.1: "the resulting maximum
   * interval between two surrounding Refresh commands is limited to 9 × tREFI").
   */
  dueBy(): number {
    const { tREFI } = this.timing;
    const n = this.policy.maxPostponed + 1;
    return Math.min((this.issued + n) * tREFI - 1, this.lastAt + n * tREFI);
  }

  /**
   * At a row switch at cycle `t`: must a REF go now? Rows take far less than tREFI, so a REF
   * deferred to the next switch is still in time if the deadline is more than tREFI away.
   */
  mustRefresh(t: number): boolean {
    switch (this.policy.mode) {
      case 'off':
        return false;
      case 'at-row-boundary':
        return this.owed(t) > 0 || this.dueBy() - this.timing.tREFI <= t;
      case 'postpone-to-idle':
        return this.dueBy() - this.timing.tREFI <= t;
    }
  }

  /**
   * In an idle gap that ends at `end`, with a REF able to start at `t` and taking `tRFC`: the
   * cycle to issue the next one at, or null for none. A REF goes at `t` when it is due (or, when
   * postponing, when it is owed or may be pulled in, and fits); a REF that falls due later in the
   * gap goes when it falls due (long gaps get one every tREFI, not a burst at their start).
   */
  nextIdleRefresh(t: number, end: number, tRFC: number): number | null {
    if (this.policy.mode === 'off') return null;
    const due = this.dueBy() - this.timing.tREFI;
    if (due <= t) return t;
    const owed = this.owed(t);
    if (this.policy.mode === 'at-row-boundary' ? owed > 0 : owed > -this.policy.maxPulledIn && t + tRFC <= end) return t;
    return due + tRFC <= end ? due : null;
  }
}
