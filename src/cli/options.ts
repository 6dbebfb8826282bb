// Flag values shared by several commands, parsed into typed values with EinsimErrors that name
// the flag (file '<cli>'). Every malformed flag is reported, not just the first.
import { EinsimError, type Issue } from '../errors.js';
import { parseAssignment, type Assignment } from '../arch/overrides.js';

/** `--param M=8192 --param E=64` → { M: 8192, E: 64 } (values are numbers). */
export function parseParamFlags(values: readonly (string | number)[] | undefined): Record<string, number> {
  const out: Record<string, number> = {};
  const issues: Issue[] = [];
  for (const flag of values ?? []) {
    const m = /^\s*([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(.+)$/.exec(String(flag));
    const value = m ? Number(m[2]) : NaN;
    if (!m || !Number.isFinite(value)) {
      issues.push({ file: '<cli>', path: '--param', code: 'invalid_value', expected: 'NAME=NUMBER, e.g. --param M=1024', received: JSON.stringify(String(flag)) });
    } else out[m[1]] = value;
  }
  if (issues.length > 0) throw new EinsimError(issues);
  return out;
}

export function parseSetFlags(values: readonly (string | number)[] | undefined): Assignment[] {
  return (values ?? []).map((v) => parseAssignment(String(v)));
}

/** yargs gives a single value or an array for repeatable flags; normalise to an array. */
export function asArray<T>(v: T | T[] | undefined): T[] {
  return v === undefined ? [] : Array.isArray(v) ? v : [v];
}
