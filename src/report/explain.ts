// The engine-independent part of `einsim explain`: where the cycles went (ideal, mapping
// under-use, fill, drain, stalls), which Einsum dominates, and where the energy goes. Engines
// add their own reasoning (folds, passes, binding) through Engine.explain.
import type { Report } from './report.js';
import { formatCount, formatEnergyPj, formatPercent } from './units.js';

export function explainReport(r: Report): string[] {
  const lines: string[] = [];
  const b = r.breakdown;
  const total = r.totals.cycles;
  const share = (c: number): string => (total > 0 ? formatPercent(c / total) : '-');
  lines.push(`${r.workload.name} on ${r.arch.name}: ${formatCount(total)} cycles.`);
  lines.push('Where the cycles went:');
  const parts: [string, number, string][] = [
    ['ideal', b.idealCycles, 'every compute unit doing useful work every cycle'],
    ['under-utilization', b.underutilizationCycles, 'units idle because the mapping does not fill the array'],
    ['fill', b.fillCycles, 'pipeline filling before the first result'],
    ['drain', b.drainCycles, 'pipeline draining after the last input'],
    ['stall', b.stallCycles, 'waiting on memory'],
  ];
  for (const [name, cycles, why] of parts) lines.push(`  ${name.padEnd(18)} ${formatCount(cycles).padStart(12)}  ${share(cycles).padStart(7)}  ${why}`);
  const accounted = parts.reduce((s, p) => s + p[1], 0);
  if (accounted !== total && total > 0) lines.push(`  (overlap between Einsums: ${formatCount(accounted - total)} cycles counted in parts but hidden in the total)`);

  const ok = r.einsums.filter((e) => e.status === 'ok');
  const top = [...ok].sort((x, y) => y.cycles - x.cycles).slice(0, 3);
  if (top.length > 0) {
    lines.push('Longest Einsums:');
    for (const e of top) lines.push(`  ${e.einsum}: ${formatCount(e.cycles)} cycles (${share(e.cycles)}) on ${e.unit}${e.note ? ` — ${e.note}` : ''}`);
  }
  const skipped = r.einsums.filter((e) => e.status === 'unsupported');
  if (skipped.length > 0) {
    lines.push(`Not run on this engine (${skipped.length}):`);
    for (const e of skipped.slice(0, 10)) lines.push(`  ${e.einsum}: ${e.note}`);
    if (skipped.length > 10) lines.push(`  … and ${skipped.length - 10} more`);
  }
  const energy = Object.entries(r.energy.byComponent).sort((x, y) => y[1] - x[1]);
  if (energy.length > 0) {
    lines.push(`Energy ${formatEnergyPj(r.totals.energyPj)}, by component and action (count × energy per action):`);
    for (const [c, pj] of energy) {
      lines.push(`  ${c.padEnd(18)} ${formatEnergyPj(pj).padStart(12)}  ${formatPercent(pj / r.totals.energyPj)}`);
      for (const a of actionsOf(r, c)) {
        lines.push(`    ${a.action.padEnd(24)} ${formatCount(a.count).padStart(12)} × ${formatEnergyPj(a.energyPerActionPj).padStart(9)} = ${formatEnergyPj(a.energyPj).padStart(10)}`);
      }
    }
  }
  return lines;
}

/** The priced actions of one component, summed over Einsums, largest energy first. */
function actionsOf(r: Report, component: string): { action: string; count: number; energyPerActionPj: number; energyPj: number }[] {
  const byAction = new Map<string, { action: string; count: number; energyPerActionPj: number; energyPj: number }>();
  for (const l of r.energy.lines) {
    if (l.component !== component) continue;
    const a = byAction.get(l.action) ?? byAction.set(l.action, { action: l.action, count: 0, energyPerActionPj: l.energyPerActionPj, energyPj: 0 }).get(l.action)!;
    a.count += l.count;
    a.energyPj += l.energyPj;
  }
  return [...byAction.values()].sort((x, y) => y.energyPj - x.energyPj);
}
