// Human-readable numbers with units, for the terminal table. JSON and CSV keep raw numbers.

const SI = [
  { f: 1e12, p: 'T' },
  { f: 1e9, p: 'G' },
  { f: 1e6, p: 'M' },
  { f: 1e3, p: 'k' },
];

export function formatCount(n: number): string {
  if (!Number.isFinite(n)) return String(n);
  if (Math.abs(n) < 1e6) return Math.round(n).toLocaleString('en-US');
  for (const { f, p } of SI) if (Math.abs(n) >= f) return `${(n / f).toPrecision(4)}${p}`;
  return String(n);
}

export function formatSeconds(s: number): string {
  if (s === 0) return '0 s';
  const a = Math.abs(s);
  if (a >= 1) return `${s.toPrecision(4)} s`;
  if (a >= 1e-3) return `${(s * 1e3).toPrecision(4)} ms`;
  if (a >= 1e-6) return `${(s * 1e6).toPrecision(4)} µs`;
  return `${(s * 1e9).toPrecision(4)} ns`;
}

export function formatEnergyPj(pj: number): string {
  const a = Math.abs(pj);
  if (a === 0) return '0 J';
  if (a >= 1e12) return `${(pj / 1e12).toPrecision(4)} J`;
  if (a >= 1e9) return `${(pj / 1e9).toPrecision(4)} mJ`;
  if (a >= 1e6) return `${(pj / 1e6).toPrecision(4)} µJ`;
  if (a >= 1e3) return `${(pj / 1e3).toPrecision(4)} nJ`;
  return `${pj.toPrecision(4)} pJ`;
}

export function formatAreaUm2(um2: number): string {
  if (um2 >= 1e4) return `${(um2 / 1e6).toPrecision(4)} mm²`;
  return `${Math.round(um2).toLocaleString('en-US')} µm²`;
}

export function formatBytes(b: number): string {
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let v = b;
  let i = 0;
  while (Math.abs(v) >= 1024 && i < units.length - 1) {
    v /= 1024;
    i++;
  }
  return i === 0 ? `${Math.round(v)} B` : `${v.toPrecision(4)} ${units[i]}`;
}

export function formatPercent(fraction: number): string {
  return `${(fraction * 100).toFixed(1)} %`;
}

/** Busy fraction per compute unit, as "pe 27.5 %, host 3.0 %". */
export function formatUtilization(byUnit: Record<string, number>): string {
  return Object.entries(byUnit)
    .map(([unit, f]) => `${unit} ${formatPercent(f)}`)
    .join(', ');
}

export function formatHz(hz: number): string {
  if (hz >= 1e9) return `${(hz / 1e9).toPrecision(4)} GHz`;
  if (hz >= 1e6) return `${(hz / 1e6).toPrecision(4)} MHz`;
  return `${hz} Hz`;
}
