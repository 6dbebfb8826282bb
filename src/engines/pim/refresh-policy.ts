// When a PIM channel refreshes. Every tREFI one all-bank REF is owed. DDR4 and GDDR6 let a
// controller postpone up to 8 of them and pull up to 8 in (JEDEC JESD79-4 §4.9.1 "flexibility in
// refresh scheduling"; JESD250 GDDR6 gives the same allowance — not checked against the standard
// text here), so a PIM controller can move refresh out of MAC streams into the gaps where the
// banks idle while the host computes:
//   'postpone-to-idle'  refresh at a row switch only when more than `maxPostponed` are owed;
//                       in an idle gap, issue owed ones, then pull in up to `maxPulledIn`, as
//                       far as each REF (with its PRE) fits before the next phase starts
//   'at-row-boundary'   refresh at the first row switch after each tREFI (no postponement beyond
//                       the current row), and owed ones in idle gaps (DRAMsim3-like)
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

  constructor(
    readonly policy: RefreshPolicy,
    private readonly timing: Pick<DramTiming, 'tREFI'>,
  ) {}

  clone(): RefreshBudget {
    const c = new RefreshBudget(this.policy, this.timing);
    c.issued = this.issued;
    return c;
  }

  /** Refreshes owed at cycle `t` (negative when pulled in ahead). */
  owed(t: number): number {
    return Math.floor(t / this.timing.tREFI) - this.issued;
  }

  /** At a row switch at cycle `t`: must a REF go now? */
  mustRefresh(t: number): boolean {
    switch (this.policy.mode) {
      case 'off':
        return false;
      case 'at-row-boundary':
        return this.owed(t) > 0;
      case 'postpone-to-idle':
        return this.owed(t) > this.policy.maxPostponed;
    }
  }

  /** In an idle gap, with a REF able to start at `t` (and `fits` if it ends before the gap does): issue one? */
  wantsIdleRefresh(t: number, fits: boolean): boolean {
    if (this.policy.mode === 'off') return false;
    const owed = this.owed(t);
    if (this.policy.mode === 'at-row-boundary') return owed > 0;
    // Owed ones beyond the postponement limit go regardless; the rest only where they fit.
    if (owed > this.policy.maxPostponed) return true;
    return fits && owed > -this.policy.maxPulledIn;
  }
}
