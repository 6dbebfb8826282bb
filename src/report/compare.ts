// One workload on several architectures, side by side (`einsim compare`): time, energy and area
// of each, and the speedup and energy ratio against a baseline (the first architecture that
// ran). Architectures run at different clocks, so the speedup compares seconds, not cycles.
// Engines do not all run every Einsum (a systolic array skips softmax, say): a row says how many
// of the cascade's Einsums it ran, and the table warns when the rows do not cover the same work,
// since time and energy then leave different parts out.
import chalk from 'chalk';
import { csvCell } from './csv.js';
import type { Report } from './report.js';
import { renderTable } from './text-table.js';
import { formatAreaUm2, formatCount, formatEnergyPj, formatHz, formatSeconds, formatUtilization } from './units.js';

export type CompareInput = { arch: string; ok: true; report: Report } | { arch: string; ok: false; reason: string };

export interface CompareRow {
  /** The architecture file as given. */
  arch: string;
  status: 'ok' | 'refused';
  /** Why the architecture cannot run the workload (refused rows only). */
  reason?: string;
  name?: string;
  engine?: string;
  clockHz?: number;
  cycles?: number;
  seconds?: number;
  macs?: number;
  energyPj?: number;
  areaUm2?: number;
  /** Energy × delay, in pJ·s. */
  edpPjS?: number;
  utilization?: Record<string, number>;
  einsumsRun?: number;
  einsums?: number;
  /** Baseline seconds ÷ these seconds (> 1: faster than the baseline). */
  speedup?: number;
  /** This energy ÷ the baseline's (< 1: less energy). */
  energyRatio?: number;
}

export interface Comparison {
  workload: { name: string; file: string } | null;
  /** The baseline's arch as given: the first row that ran (null when none did). */
  baseline: string | null;
  rows: CompareRow[];
  /** True when the rows that ran did not all run the same Einsums (their totals leave out different work). */
  partial: boolean;
}

export function compareReports(inputs: readonly CompareInput[]): Comparison {
  const ran = inputs.filter((i): i is Extract<CompareInput, { ok: true }> => i.ok);
  const base = ran[0]?.report;
  const rows = inputs.map((i): CompareRow => {
    if (!i.ok) return { arch: i.arch, status: 'refused', reason: i.reason };
    const r = i.report;
    const t = r.totals;
    return {
      arch: i.arch,
      status: 'ok',
      name: r.arch.name,
      engine: r.arch.engine,
      clockHz: r.clockHz,
      cycles: t.cycles,
      seconds: t.seconds,
      macs: t.macs,
      energyPj: t.energyPj,
      areaUm2: t.areaUm2,
      edpPjS: t.energyPj * t.seconds,
      utilization: t.utilization,
      einsumsRun: r.einsums.filter((e) => e.status === 'ok').length,
      einsums: r.einsums.length,
      speedup: base && t.seconds > 0 ? base.totals.seconds / t.seconds : undefined,
      energyRatio: base && base.totals.energyPj > 0 ? t.energyPj / base.totals.energyPj : undefined,
    };
  });
  const ranSets = ran.map((i) => i.report.einsums.filter((e) => e.status === 'ok').map((e) => e.einsum).join('\u0000'));
  return {
    workload: base ? base.workload : null,
    baseline: ran[0]?.arch ?? null,
    rows,
    partial: new Set(ranSets).size > 1,
  };
}

const ratio = (v: number | undefined): string => (v === undefined ? '-' : `${v >= 100 ? v.toFixed(0) : v.toPrecision(3)}×`);

export function renderComparisonTable(c: Comparison): string {
  const out: string[] = [];
  out.push(chalk.bold(c.workload?.name ?? 'compare') + chalk.dim(` on ${c.rows.length} architecture(s); baseline ${c.baseline ?? 'none (nothing ran)'}`));
  const ok = c.rows.filter((r) => r.status === 'ok');
  const rows = ok.map((r) => [
    r.name ?? r.arch,
    r.engine ?? '',
    formatHz(r.clockHz ?? 0),
    `${r.einsumsRun}/${r.einsums}`,
    formatCount(r.cycles ?? 0),
    formatSeconds(r.seconds ?? 0),
    ratio(r.speedup),
    formatEnergyPj(r.energyPj ?? 0),
    ratio(r.energyRatio),
    (r.areaUm2 ?? 0) > 0 ? formatAreaUm2(r.areaUm2 ?? 0) : 'not priced',
    formatUtilization(r.utilization ?? {}),
  ]);
  out.push(
    ...renderTable(
      [
        { header: 'arch' },
        { header: 'engine' },
        { header: 'clock', align: 'right' },
        { header: 'einsums', align: 'right' },
        { header: 'cycles', align: 'right' },
        { header: 'time', align: 'right' },
        { header: 'speedup', align: 'right' },
        { header: 'energy', align: 'right' },
        { header: '× energy', align: 'right' },
        { header: 'area', align: 'right' },
        { header: 'utilization' },
      ],
      rows,
      '  ',
      { boldRows: new Set(ok.length > 0 ? [0] : []) },
    ).map((l, i) => (i === 0 ? chalk.dim(l) : l)),
  );
  for (const r of c.rows.filter((x) => x.status === 'refused')) out.push(chalk.yellow(`  ${r.arch}: refused: ${r.reason}`));
  if (c.partial) {
    out.push(
      chalk.yellow(
        '  Not the same work: the architectures ran different sets of Einsums (column "einsums"); an Einsum an engine does not run adds neither time nor energy to its row. `einsim run` on each lists what it skipped.',
      ),
    );
  }
  return out.join('\n');
}

const CSV_HEADER = ['arch', 'status', 'name', 'engine', 'clock_hz', 'einsums_run', 'einsums', 'cycles', 'seconds', 'speedup', 'macs', 'energy_pj', 'energy_ratio', 'area_um2', 'edp_pj_s', 'reason'] as const;

export function renderComparisonCsv(c: Comparison): string {
  const cell = (v: number | string | undefined): string => (v === undefined ? '' : csvCell(v));
  const lines = c.rows.map((r) =>
    [r.arch, r.status, r.name, r.engine, r.clockHz, r.einsumsRun, r.einsums, r.cycles, r.seconds, r.speedup, r.macs, r.energyPj, r.energyRatio, r.areaUm2, r.edpPjS, r.reason].map(cell).join(','),
  );
  return `${[CSV_HEADER.join(','), ...lines].join('\n')}\n`;
}
