// Demand row → cycle. Row i is issued at cycle i + (stalls accumulated before row i)
// (double_buffered_scratchpad_mem.service_memory_requests). Stalls are rare, so the profile keeps
// only the rows after which the running total changed.

export class StallProfile {
  private rows: number[] = [];
  private totals: number[] = [];
  total = 0;

  /** Row `row` added `stall` cycles (seen by the rows after it). */
  add(row: number, stall: number): void {
    if (stall <= 0) return;
    this.total += stall;
    this.rows.push(row);
    this.totals.push(this.total);
  }

  /** Stalls accumulated before row `row`. */
  before(row: number): number {
    const rows = this.rows;
    let lo = 0;
    let hi = rows.length; // first index with rows[idx] >= row
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (rows[mid] < row) lo = mid + 1;
      else hi = mid;
    }
    return lo === 0 ? 0 : this.totals[lo - 1];
  }

  cycleOf(row: number): number {
    return row + this.before(row);
  }
}
