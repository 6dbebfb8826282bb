// One CSV row per Einsum plus a TOTAL row, raw numbers (no units in cells; units in headers),
// for spreadsheets and scripts.
import type { Report } from './report.js';

function cell(v: string | number): string {
  const s = String(v);
  return /[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function renderReportCsv(r: Report): string {
  const units = Object.keys(r.units);
  const header = ['workload', 'arch', 'engine', 'einsum', 'status', 'unit', 'cycles', 'stall_cycles', 'seconds', 'macs', ...units.map((u) => `util_${u}`), 'energy_pj', 'note'];
  const rows = r.einsums.map((e) => [r.workload.name, r.arch.name, r.arch.engine, e.einsum, e.status, e.unit, e.cycles, e.stallCycles, e.seconds, e.macs, ...units.map((u) => e.utilization[u] ?? 0), e.energyPj, e.note]);
  rows.push([r.workload.name, r.arch.name, r.arch.engine, 'TOTAL', 'ok', '', r.totals.cycles, r.totals.stallCycles, r.totals.seconds, r.totals.macs, ...units.map((u) => r.totals.utilization[u] ?? 0), r.totals.energyPj, `area_um2=${r.totals.areaUm2}`]);
  return [header, ...rows].map((row) => row.map(cell).join(',')).join('\n') + '\n';
}
