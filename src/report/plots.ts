// The plots of one run: utilization of each compute unit per Einsum, and energy by component,
// stacked into one SVG document.
import { barChartSvg } from './plot-svg.js';
import type { Report } from './report.js';
import { formatEnergyPj, formatPercent } from './units.js';

export function reportPlotsSvg(r: Report): string {
  const charts: string[] = [];
  for (const unit of Object.keys(r.units)) {
    const bars = r.einsums.filter((e) => e.status === 'ok').map((e) => ({ label: e.einsum, value: e.utilization[unit] ?? 0, text: formatPercent(e.utilization[unit] ?? 0) }));
    if (bars.length > 0) charts.push(barChartSvg(`${r.workload.name} on ${r.arch.name}: utilization of ${unit} per Einsum`, bars, { max: 1 }));
  }
  const energy = Object.entries(r.energy.byComponent)
    .sort((a, b) => b[1] - a[1])
    .map(([c, pj]) => ({ label: c, value: pj, text: `${formatEnergyPj(pj)} (${formatPercent(pj / r.totals.energyPj)})` }));
  if (energy.length > 0) charts.push(barChartSvg(`energy by component (total ${formatEnergyPj(r.totals.energyPj)})`, energy));
  // Stack the charts vertically in one outer SVG.
  let y = 0;
  const parts: string[] = [];
  let width = 0;
  for (const svg of charts) {
    const h = Number(/height="(\d+(?:\.\d+)?)"/.exec(svg)?.[1] ?? 0);
    const w = Number(/width="(\d+(?:\.\d+)?)"/.exec(svg)?.[1] ?? 0);
    parts.push(svg.replace('<svg ', `<svg y="${y}" `));
    y += h + 10;
    width = Math.max(width, w);
  }
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${y}" viewBox="0 0 ${width} ${y}">\n${parts.join('\n')}\n</svg>\n`;
}
