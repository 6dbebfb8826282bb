// Where the shipped arch/ and workloads/ folders are, so `npx einsim run` finds its defaults
// from any working directory. Paths given by the user are taken relative to the cwd first.
import { existsSync } from 'node:fs';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The package root: this file is src/cli/paths.ts or dist/cli/paths.js. */
export const PACKAGE_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** A user path as given if it exists; otherwise the shipped file of that name, if there is one. */
export function resolveInput(path: string): string {
  if (isAbsolute(path) || existsSync(path)) return path;
  const shipped = join(PACKAGE_ROOT, path);
  return existsSync(shipped) ? shipped : path;
}
