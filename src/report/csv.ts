// One CSV row per Einsum plus a TOTAL row, raw numbers (no units in cells; units in headers),
// for spreadsheets and scripts.
import type { Report } from './report.js';

/**
 * One CSV cell: text quoted when it holds a comma, quote or newline (RFC 4180); a number with 15
 * significant digits at most, so binary noise (129979.50000000001) does not reach the file while
 * every integer count below 10^15 stays exact.
 */
export function csvCell(v: string | number): string {
  const s = typeof v === 'number' ? String(Number.isFinite(v) ? Number(v.toPrecision(15)) : v) : v;
  return /[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function renderReportCsv(r: Report): string {
  const units = Object.keys(r.units);
  const header = ['workload', 'arch', 'engine', 'einsum', 'status', 'unit', 'cycles', 'stall_cycles', 'seconds', 'macs', ...units.map((u) => `util_${u}`), 'energy_pj', 'note'];
  const rows = r.einsums.map((e) => [r.workload.name, r.arch.name, r.arch.engine, e.einsum, e.status, e.unit, e.cycles, e.stallCycles, e.seconds, e.macs, ...units.map((u) => e.utilization[u] ?? 0), e.energyPj, e.note]);
  rows.push([r.workload.name, r.arch.name, r.arch.engine, 'TOTAL', 'ok', '', r.totals.cycles, r.totals.stallCycles, r.totals.seconds, r.totals.macs, ...units.map((u) => r.totals.utilization[u] ?? 0), r.totals.energyPj, `area_um2=${r.totals.areaUm2}`]);
  return [header, ...rows].map((row) => row.map(csvCell).join(',')).join('\n') + '\n';
}
