// The terminal view of a Report: a header with the totals, then one row per Einsum, then energy
// by component and area by component. Reads at a glance: units on every number, unsupported
// Einsums in yellow with their reason.
import chalk from 'chalk';
import type { Report } from './report.js';
import { renderTable } from './text-table.js';
import { formatAreaUm2, formatCount, formatEnergyPj, formatHz, formatPercent, formatSeconds, formatUtilization } from './units.js';

export function renderReportTable(r: Report): string {
  const out: string[] = [];
  const util = formatUtilization(r.totals.utilization);
  out.push(chalk.bold(`${r.workload.name}`) + chalk.dim(` on `) + chalk.bold(r.arch.name) + chalk.dim(` (${r.arch.engine}, ${r.arch.technology}, ${formatHz(r.clockHz)})`));
  out.push(
    `  ${chalk.cyan('cycles')} ${formatCount(r.totals.cycles)}  ${chalk.cyan('time')} ${formatSeconds(r.totals.seconds)}  ${chalk.cyan('stalls')} ${formatCount(r.totals.stallCycles)}  ${chalk.cyan('utilization')} ${util || 'n/a'}`,
  );
  // An FPGA's die is fixed and its files price no area: say so rather than print "area 0 µm²".
  const area = r.totals.areaUm2 > 0 ? formatAreaUm2(r.totals.areaUm2) : 'not priced (0 in the arch file)';
  out.push(`  ${chalk.cyan('MACs')} ${formatCount(r.totals.macs)}  ${chalk.cyan('energy')} ${formatEnergyPj(r.totals.energyPj)}  ${chalk.cyan('area')} ${area}`);
  const details = Object.entries(r.details);
  if (details.length > 0) {
    const show = (v: number | string): string => (typeof v === 'number' ? (Number.isInteger(v) ? formatCount(v) : v.toPrecision(4)) : v);
    out.push(`  ${chalk.dim(details.map(([k, v]) => `${k} ${show(v)}`).join(' · '))}`);
  }
  out.push('');

  const units = Object.keys(r.units);
  // Einsums this engine cannot run are summarised in one line (a network has dozens of them:
  // activations, pooling); the JSON and CSV keep every row with its reason.
  const skipped = r.einsums.filter((e) => e.status !== 'ok');
  const rows = r.einsums.filter((e) => e.status === 'ok').map((e) => {
    const cells = [
      e.einsum,
      e.unit,
      formatCount(e.cycles),
      formatSeconds(e.seconds),
      formatCount(e.stallCycles),
      formatCount(e.macs),
      ...units.map((u) => (e.status === 'ok' ? formatPercent(e.utilization[u] ?? 0) : '-')),
      formatEnergyPj(e.energyPj),
      e.note,
    ];
    return cells;
  });
  out.push(
    ...renderTable(
      [
        { header: 'einsum' },
        { header: 'unit' },
        { header: 'cycles', align: 'right' },
        { header: 'time', align: 'right' },
        { header: 'stalls', align: 'right' },
        { header: 'MACs', align: 'right' },
        ...units.map((u) => ({ header: `util ${u}`, align: 'right' as const })),
        { header: 'energy', align: 'right' },
        { header: 'note' },
      ],
      rows,
    ).map((l, i) => (i === 0 ? chalk.dim(l) : l)),
  );
  if (skipped.length > 0) {
    const names = skipped.slice(0, 8).map((e) => e.einsum).join(', ') + (skipped.length > 8 ? ', …' : '');
    const reasons = [...new Set(skipped.map((e) => e.note.split(':')[0]))].join('; ');
    out.push(chalk.yellow(`  not run on this engine (${skipped.length}): ${names} — ${reasons}; see --json or einsim explain`));
  }
  out.push('');

  const energyRows = Object.entries(r.energy.byComponent)
    .sort((a, b) => b[1] - a[1])
    .map(([c, pj]) => [c, formatEnergyPj(pj), formatPercent(r.totals.energyPj > 0 ? pj / r.totals.energyPj : 0)]);
  out.push(chalk.bold('  energy by component'));
  out.push(...renderTable([{ header: 'component' }, { header: 'energy', align: 'right' }, { header: 'share', align: 'right' }], energyRows, '    ').map((l, i) => (i === 0 ? chalk.dim(l) : l)));
  out.push('');
  const areaRows = r.area.lines.map((a) => [a.component, formatCount(a.instances), formatAreaUm2(a.areaUm2)]);
  out.push(chalk.bold('  area by component'));
  out.push(...renderTable([{ header: 'component' }, { header: 'instances', align: 'right' }, { header: 'area', align: 'right' }], areaRows, '    ').map((l, i) => (i === 0 ? chalk.dim(l) : l)));
  return out.join('\n');
}
