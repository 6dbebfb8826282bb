// Standalone SVG plots a person would rather look at than read: utilization per Einsum,
// energy by component, and a sweep's points with its Pareto front. No dependencies: plain SVG
// text, readable in any browser and embeddable in docs.

export interface Bar {
  label: string;
  value: number;
  /** Optional text drawn after the bar (defaults to the value). */
  text?: string;
}

const FONT = 'font-family="system-ui, sans-serif" font-size="12"';
const PALETTE = ['#3b82f6', '#f59e0b', '#10b981', '#ef4444', '#8b5cf6', '#14b8a6', '#f97316', '#64748b'];

function esc(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** Horizontal bars, one row per item; `max` fixes the scale (1 for utilization). */
export function barChartSvg(title: string, bars: readonly Bar[], opts: { max?: number; width?: number } = {}): string {
  const width = opts.width ?? 720;
  const labelW = Math.min(220, 12 + 7 * Math.max(4, ...bars.map((b) => b.label.length)));
  const rowH = 20;
  const top = 34;
  const height = top + rowH * bars.length + 12;
  const max = opts.max ?? Math.max(1e-300, ...bars.map((b) => b.value));
  const plotW = width - labelW - 110;
  const rows = bars.map((b, i) => {
    const y = top + i * rowH;
    const w = Math.max(0, Math.min(1, b.value / max)) * plotW;
    return [
      `<text x="${labelW - 6}" y="${y + 14}" text-anchor="end">${esc(b.label)}</text>`,
      `<rect x="${labelW}" y="${y + 3}" width="${w.toFixed(2)}" height="${rowH - 6}" fill="${PALETTE[i % PALETTE.length]}"/>`,
      `<text x="${(labelW + w + 6).toFixed(2)}" y="${y + 14}">${esc(b.text ?? String(b.value))}</text>`,
    ].join('');
  });
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" ${FONT}>`,
    `<rect width="100%" height="100%" fill="white"/>`,
    `<text x="12" y="20" font-size="14" font-weight="bold">${esc(title)}</text>`,
    ...rows,
    `</svg>`,
  ].join('\n');
}

export interface ScatterPoint {
  x: number;
  y: number;
  label?: string;
  highlight?: boolean;
}

/** A log-log scatter (sweeps span decades); highlighted points (the Pareto front) are joined by a line. */
export function scatterSvg(title: string, xLabel: string, yLabel: string, points: readonly ScatterPoint[], opts: { width?: number; height?: number } = {}): string {
  const width = opts.width ?? 640;
  const height = opts.height ?? 420;
  const m = { l: 70, r: 20, t: 34, b: 50 };
  const pos = points.filter((p) => p.x > 0 && p.y > 0);
  const lx = pos.map((p) => Math.log10(p.x));
  const ly = pos.map((p) => Math.log10(p.y));
  const [x0, x1] = span(lx);
  const [y0, y1] = span(ly);
  const sx = (v: number): number => m.l + ((Math.log10(v) - x0) / (x1 - x0)) * (width - m.l - m.r);
  const sy = (v: number): number => height - m.b - ((Math.log10(v) - y0) / (y1 - y0)) * (height - m.t - m.b);
  const front = pos.filter((p) => p.highlight).sort((a, b) => a.x - b.x);
  const dots = pos.map((p) => `<circle cx="${sx(p.x).toFixed(2)}" cy="${sy(p.y).toFixed(2)}" r="${p.highlight ? 4 : 3}" fill="${p.highlight ? '#ef4444' : '#94a3b8'}"><title>${esc(p.label ?? `${p.x}, ${p.y}`)}</title></circle>`);
  const line = front.length > 1 ? `<polyline fill="none" stroke="#ef4444" stroke-width="1.5" points="${front.map((p) => `${sx(p.x).toFixed(2)},${sy(p.y).toFixed(2)}`).join(' ')}"/>` : '';
  const ticks: string[] = [];
  for (let d = Math.ceil(x0); d <= Math.floor(x1); d++) ticks.push(`<text x="${sx(10 ** d).toFixed(2)}" y="${height - m.b + 16}" text-anchor="middle">1e${d}</text>`);
  for (let d = Math.ceil(y0); d <= Math.floor(y1); d++) ticks.push(`<text x="${m.l - 6}" y="${(sy(10 ** d) + 4).toFixed(2)}" text-anchor="end">1e${d}</text>`);
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" ${FONT}>`,
    `<rect width="100%" height="100%" fill="white"/>`,
    `<text x="12" y="20" font-size="14" font-weight="bold">${esc(title)}</text>`,
    `<rect x="${m.l}" y="${m.t}" width="${width - m.l - m.r}" height="${height - m.t - m.b}" fill="none" stroke="#cbd5e1"/>`,
    ...ticks,
    `<text x="${(m.l + width - m.r) / 2}" y="${height - 12}" text-anchor="middle">${esc(xLabel)}</text>`,
    `<text x="16" y="${(m.t + height - m.b) / 2}" text-anchor="middle" transform="rotate(-90 16 ${(m.t + height - m.b) / 2})">${esc(yLabel)}</text>`,
    line,
    ...dots,
    `</svg>`,
  ].join('\n');
}

function span(v: number[]): [number, number] {
  if (v.length === 0) return [0, 1];
  const lo = Math.min(...v);
  const hi = Math.max(...v);
  const pad = hi > lo ? (hi - lo) * 0.05 : 0.5;
  return [lo - pad, hi + pad];
}
