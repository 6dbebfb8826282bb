// Aligned text columns that stay aligned when cells carry ANSI colour codes.
import chalk from 'chalk';

export interface Column {
  header: string;
  align?: 'left' | 'right';
}

// eslint-disable-next-line no-control-regex
const ANSI = /\u001b\[[0-9;]*m/g;

export function visibleWidth(s: string): number {
  return [...s.replace(ANSI, '')].length;
}

/** Rows of cells → aligned lines; `boldRows` (row indices) are printed bold. */
export function renderTable(columns: Column[], rows: string[][], indent = '  ', options: { boldRows?: Set<number> } = {}): string[] {
  const widths = columns.map((c, i) => Math.max(visibleWidth(c.header), ...rows.map((r) => visibleWidth(r[i] ?? ''))));
  const pad = (s: string, i: number): string => {
    const gap = ' '.repeat(widths[i] - visibleWidth(s));
    return columns[i].align === 'right' ? gap + s : s + gap;
  };
  const line = (cells: string[]): string => indent + cells.map((c, i) => pad(c, i)).join('  ').trimEnd();
  return [line(columns.map((c) => c.header)), ...rows.map((r, i) => (options.boldRows?.has(i) ? chalk.bold(line(r)) : line(r)))];
}
