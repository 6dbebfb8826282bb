// Reading a workload from disk. The one place that decides, by file extension, which reader a
// path goes to, so a new input format (a SCALE-Sim topology .csv) is one more branch here.
import { readFileSync } from 'node:fs';
import { extname } from 'node:path';
import { EinsimError } from '../errors.js';
import { parseWorkload } from './parse.js';
import type { Cascade } from './types.js';

const YAML_EXTENSIONS = new Set(['.yaml', '.yml']);

/** Reads and parses a workload file. Throws EinsimError (`io` when the file cannot be read). */
export function loadWorkload(path: string, overrides: Record<string, number> = {}): Cascade {
  const ext = extname(path).toLowerCase();
  if (!YAML_EXTENSIONS.has(ext)) {
    throw new EinsimError({ file: path, path: '', code: 'unsupported', expected: 'a workload .yaml file', received: ext ? `a ${ext} file` : 'a file without extension' });
  }
  return parseWorkload(readText(path), path, overrides);
}

/** The file's text, or an `io` EinsimError naming why it could not be read. */
export function readText(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (e) {
    const why = (e as NodeJS.ErrnoException).code ?? (e instanceof Error ? e.message : String(e));
    throw new EinsimError({ file: path, path: '', code: 'io', expected: 'a readable file', received: why });
  }
}
