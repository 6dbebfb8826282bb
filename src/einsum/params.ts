// The `params:` section: numbers or expressions over params defined EARLIER in the file, evaluated
// in order. A `--param K=V` override replaces K's value before the params after it are evaluated,
// so `P: (H + 2*pad - R) / stride + 1` follows an overridden H.
import type { Node } from 'yaml';
import { isName } from './einsum-syntax.js';
import { evalNumber, key, type ParseContext } from './parse-context.js';
import { describe, shapeOf } from './yaml-source.js';

/** Names that cannot be params: `inf` is the infinity constant in Einsum expressions. */
const RESERVED = new Set(['inf']);
/** The `file` of issues about command-line flags (see src/errors.ts). */
const CLI = '<cli>';

export function readParams(ctx: ParseContext, node: Node | null, overrides: Record<string, number>): Record<string, number> {
  const params: Record<string, number> = {};
  const shape = shapeOf(ctx.src, node);
  const entries = shape.kind === 'map' ? shape.entries : [];
  if (node !== null && shape.kind !== 'map') {
    ctx.issues.error('params', ctx.src.lineOf(node), 'invalid_type', 'a map of param name to number or expression', describe(shape));
  }
  for (const e of entries) {
    const path = key('params', e.key);
    if (!isName(e.key) || RESERVED.has(e.key)) {
      ctx.issues.error(path, e.line, 'invalid_value', 'a param name (letters, digits, _; not inf)', JSON.stringify(e.key));
      continue;
    }
    if (Object.hasOwn(overrides, e.key)) {
      params[e.key] = overrides[e.key];
      continue;
    }
    const value = evalNumber(ctx, e.value, path, params);
    if (value !== undefined) params[e.key] = value;
  }
  for (const [name, value] of Object.entries(overrides)) {
    if (!entries.some((e) => e.key === name)) {
      const known = entries.map((e) => e.key).join(', ') || 'none';
      ctx.issues.errors.push({ file: CLI, path: `--param ${name}`, code: 'unknown_name', expected: `a param of ${ctx.issues.file} (${known})`, received: JSON.stringify(name) });
    } else if (!Number.isFinite(value)) {
      ctx.issues.errors.push({ file: CLI, path: `--param ${name}`, code: 'invalid_value', expected: 'a finite number', received: String(value) });
    }
  }
  return params;
}
