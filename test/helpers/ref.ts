// Reference data lives beside the project in ../shared/ref (never copied into the repo).
// Tests fail loudly when it is missing rather than skipping: a golden test that cannot fail is
// worse than none. EINSIM_REF points elsewhere if needed.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

export function refDir(): string {
  const dir = process.env.EINSIM_REF ?? join(REPO_ROOT, '..', 'shared', 'ref');
  if (!existsSync(dir)) {
    throw new Error(`reference data not found at ${dir}: check out ../shared beside the project or set EINSIM_REF`);
  }
  return dir;
}

export function refPath(...parts: string[]): string {
  return join(refDir(), ...parts);
}

export function readRef(...parts: string[]): string {
  return readFileSync(refPath(...parts), 'utf8');
}

/** Parse a simple CSV (no quoted commas) into objects keyed by the header. */
export function readRefCsv(...parts: string[]): Record<string, string>[] {
  const [header, ...rows] = readRef(...parts).split(/\r?\n/).filter((l) => l.trim() !== '');
  const keys = header.split(',').map((k) => k.trim());
  return rows.map((row) => {
    const cells = row.split(',');
    return Object.fromEntries(keys.map((k, i) => [k, (cells[i] ?? '').trim()]));
  });
}
