// Flag values shared by several commands, parsed into typed values with EinsimErrors that name
// the flag (file '<cli>').
import { EinsimError } from '../errors.js';
import { parseAssignment, type Assignment } from '../arch/overrides.js';

/** `--param M=8192 --param E=64` → { M: 8192, E: 64 } (values are numbers). */
export function parseParamFlags(values: readonly (string | number)[] | undefined): Record<string, number> {
  const out: Record<string, number> = {};
  for (const raw of values ?? []) {
    const text = String(raw);
    const eq = text.indexOf('=');
    const name = text.slice(0, eq).trim();
    const value = Number(text.slice(eq + 1).trim());
    if (eq <= 0 || !/^[A-Za-z_]\w*$/.test(name) || text.slice(eq + 1).trim() === '' || !Number.isFinite(value)) {
      throw new EinsimError({ file: '<cli>', path: '--param', code: 'invalid_value', expected: 'NAME=number, e.g. --param M=8192', received: JSON.stringify(text) });
    }
    out[name] = value;
  }
  return out;
}

export function parseSetFlags(values: readonly (string | number)[] | undefined): Assignment[] {
  return (values ?? []).map((v) => parseAssignment(String(v)));
}

/** yargs gives a single value or an array for repeatable flags; normalise to an array. */
export function asArray<T>(v: T | T[] | undefined): T[] {
  return v === undefined ? [] : Array.isArray(v) ? v : [v];
}
