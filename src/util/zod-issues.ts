// zod issues → einsim issues (file, line, path, expected, received). The wording stays with
// the CLI's formatter; here we only translate codes into "expected ..." phrases.
import type { z } from 'zod';
import type { Issue, IssueCode } from '../errors.js';
import { formatPath, type PathSegment } from './path.js';
import type { YamlSource } from './yaml-source.js';

export function zodToIssues(error: z.ZodError, source: YamlSource, prefix: readonly PathSegment[] = []): Issue[] {
  const issues: Issue[] = [];
  for (const zi of error.issues) {
    const rel = zi.path.filter((p): p is string | number => typeof p !== 'symbol');
    if (zi.code === 'unrecognized_keys') {
      for (const key of zi.keys) {
        const path = [...prefix, ...rel, key];
        issues.push({ file: source.file, line: source.lineOf(path), path: formatPath(path), code: 'unknown_key', expected: `no field "${key}" here (not part of the format)` });
      }
      continue;
    }
    const path = [...prefix, ...rel];
    const { code, expected, received } = describe(zi, valueAt(source.value, path));
    issues.push({ file: source.file, line: source.lineOf(path), path: formatPath(path), code, expected, received });
  }
  return issues;
}

function describe(zi: z.core.$ZodIssue, value: unknown): { code: IssueCode; expected: string; received?: string } {
  const received = value === undefined ? undefined : show(value);
  switch (zi.code) {
    case 'invalid_type':
      if (value === undefined) return { code: 'missing', expected: `${typeName(zi.expected)} (required field)` };
      return { code: 'invalid_type', expected: typeName(zi.expected), received };
    case 'too_small':
      return { code: 'invalid_value', expected: `a value ${zi.inclusive ? '≥' : '>'} ${String(zi.minimum)}`, received };
    case 'too_big':
      return { code: 'invalid_value', expected: `a value ${zi.inclusive ? '≤' : '<'} ${String(zi.maximum)}`, received };
    case 'invalid_value':
      return { code: 'invalid_value', expected: `one of ${zi.values.map((v) => String(v)).join(', ')}`, received };
    case 'not_multiple_of':
      return { code: 'invalid_value', expected: `a multiple of ${String(zi.divisor)}`, received };
    default:
      return { code: 'invalid_value', expected: zi.message.replace(/^Invalid input: expected /, ''), received };
  }
}

/** zod's type name with its article: `an integer` (zod says `int`), `an object`, `a number`. */
function typeName(expected: string): string {
  // zod names a missing z.unknown() field (an architecture's `structure:`) "nonoptional".
  const word = expected === 'int' ? 'integer' : expected === 'nonoptional' ? 'value' : expected;
  return `${/^[aeiou]/.test(word) ? 'an' : 'a'} ${word}`;
}

function valueAt(root: unknown, path: readonly PathSegment[]): unknown {
  let v: unknown = root;
  for (const seg of path) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<string | number, unknown>)[seg];
  }
  return v;
}

function show(v: unknown): string {
  const s = typeof v === 'string' ? JSON.stringify(v) : JSON.stringify(v) ?? String(v);
  return s.length > 60 ? `${s.slice(0, 57)}...` : s;
}
