// Aligned text tables for the CLI. Widths are measured on the plain text and colour is applied
// after padding, so ANSI codes never skew the columns.
import chalk from 'chalk';

export interface Column {
  header: string;
  align?: 'left' | 'right';
}

/** Rows of plain cells → lines; the header is bold, a `dimRows` row is dimmed, `boldRows` bold. */
export function renderTable(columns: Column[], rows: string[][], options: { boldRows?: Set<number> } = {}): string[] {
  const widths = columns.map((c, i) => Math.max(c.header.length, ...rows.map((r) => (r[i] ?? '').length)));
  const pad = (text: string, i: number): string => (columns[i].align === 'right' ? text.padStart(widths[i]) : text.padEnd(widths[i]));
  const line = (cells: string[]): string => cells.map((c, i) => pad(c ?? '', i)).join('  ').trimEnd();
  const out = [chalk.bold(line(columns.map((c) => c.header)))];
  rows.forEach((r, i) => out.push(options.boldRows?.has(i) ? chalk.bold(line(r)) : line(r)));
  return out;
}

const SI = ['', 'k', 'M', 'G', 'T', 'P', 'E'];
const BINARY = ['B', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB'];

/** 1234567 → `1.23 M`; counts below 1000 stay exact. */
export function formatCount(n: number): string {
  if (Math.abs(n) < 1000) return String(Math.round(n * 100) / 100);
  let i = 0;
  while (Math.abs(n) >= 1000 && i < SI.length - 1) {
    n /= 1000;
    i++;
  }
  return `${n.toPrecision(3)} ${SI[i]}`;
}

/** 33554432 → `32.0 MiB`. */
export function formatBytes(n: number): string {
  let i = 0;
  while (Math.abs(n) >= 1024 && i < BINARY.length - 1) {
    n /= 1024;
    i++;
  }
  return i === 0 ? `${n} B` : `${n.toPrecision(3)} ${BINARY[i]}`;
}
