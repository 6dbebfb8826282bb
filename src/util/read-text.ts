// Reading an input file as text, with an `io` EinsimError naming the file and why it failed.
import { readFileSync } from 'node:fs';
import { EinsimError } from '../errors.js';

export function readText(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (e) {
    const why = (e as NodeJS.ErrnoException).code ?? (e instanceof Error ? e.message : String(e));
    throw new EinsimError({ file: path, path: '', code: 'io', expected: 'a readable file', received: why });
  }
}
