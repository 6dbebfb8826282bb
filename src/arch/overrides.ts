// `--set structure.rows=64` and sweep axes: change one field of an architecture file's value
// before it is validated, so every override goes through the same schema and pricing as the
// file itself (a misspelt path is caught there as an unknown field).
import { parse as parseYamlScalar } from 'yaml';
import { EinsimError } from '../errors.js';

export type Assignment = { path: string; value: unknown };

/** Parse `a.b.c=value`; the value is read as a YAML scalar (64 → number, true → boolean, os → string). */
export function parseAssignment(text: string, flag = '--set'): Assignment {
  const eq = text.indexOf('=');
  const path = text.slice(0, eq).trim();
  if (eq <= 0 || !/^[A-Za-z_][\w]*(\.[A-Za-z_][\w]*)*$/.test(path)) {
    throw new EinsimError({ file: '<cli>', path: flag, code: 'invalid_value', expected: 'field.path=value, e.g. structure.rows=64', received: JSON.stringify(text) });
  }
  const raw = text.slice(eq + 1).trim();
  let value: unknown;
  try {
    value = parseYamlScalar(raw);
  } catch {
    value = raw;
  }
  return { path, value: value ?? raw };
}

/** A deep copy of `root` with each assignment applied; intermediate objects are created as needed. */
export function applyAssignments(root: unknown, assignments: readonly Assignment[]): unknown {
  const copy: unknown = structuredClone(root ?? {});
  for (const { path, value } of assignments) {
    const keys = path.split('.');
    let node = copy as Record<string, unknown>;
    for (const k of keys.slice(0, -1)) {
      const next = node[k];
      if (next === undefined) node[k] = {};
      else if (typeof next !== 'object' || next === null || Array.isArray(next)) {
        throw new EinsimError({ file: '<cli>', path, code: 'invalid_value', expected: `a path through objects; "${k}" is a ${Array.isArray(next) ? 'list' : typeof next}` });
      }
      node = node[k] as Record<string, unknown>;
    }
    node[keys[keys.length - 1]] = value;
  }
  return copy;
}
