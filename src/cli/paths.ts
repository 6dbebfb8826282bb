// Where the shipped arch/ and workloads/ folders are, so `npx einsim run` finds its defaults
// from any working directory. Paths given by the user are taken relative to the cwd first.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, isAbsolute, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The package root: the nearest folder above this module whose package.json is einsim's. This
 * module runs from src/cli/ (tests), dist/cli/ (library) or the bundled dist/einsim-cli.mjs, so
 * the root is found by looking, not by a fixed number of `..`.
 */
export const PACKAGE_ROOT = findPackageRoot(dirname(fileURLToPath(import.meta.url)));

function findPackageRoot(start: string): string {
  for (let dir = start; ; dir = dirname(dir)) {
    const pkg = join(dir, 'package.json');
    if (existsSync(pkg)) {
      try {
        if ((JSON.parse(readFileSync(pkg, 'utf8')) as { name?: string }).name === 'einsim') return dir;
      } catch {
        // not a readable package.json: keep looking
      }
    }
    if (dirname(dir) === dir) return start;
  }
}

/** A user path as given if it exists; otherwise the shipped file of that name, if there is one. */
export function resolveInput(path: string): string {
  if (isAbsolute(path) || existsSync(path)) return path;
  const shipped = join(PACKAGE_ROOT, path);
  return existsSync(shipped) ? shipped : path;
}
