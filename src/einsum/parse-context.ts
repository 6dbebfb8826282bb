// What every stage of the workload parser shares: the YAML source (for lines), the issue list, the
// evaluated params, and helpers that turn a YAML value into a checked number.
import type { Node } from 'yaml';
import { isName } from './einsum-syntax.js';
import { evaluateExpression, ExpressionProblem, snapInteger } from './expression.js';
import { describe, shapeOf, type IssueList, type YamlSource } from './yaml-source.js';
import { PRECISION_BYTES, type Precision } from './types.js';

export interface ParseContext {
  src: YamlSource;
  issues: IssueList;
  params: Record<string, number>;
  /** The `ranks:` section, evaluated. */
  rankExtents: Record<string, number>;
}

/** Why a rank has no default extent, for messages: the param exists but is not a positive integer. */
export function whyNoExtent(ctx: ParseContext, ranks: string[]): string | undefined {
  const bad = ranks.map((r) => r.toUpperCase()).filter((p) => Object.hasOwn(ctx.params, p));
  return bad.length > 0 ? bad.map((p) => `${p} = ${ctx.params[p]}`).join(', ') : undefined;
}

/** "a positive-integer param M, N" for ranks without an extent; "below 2^53" only when one is that large. */
export function extentParamPhrase(ctx: ParseContext, ranks: string[]): string {
  const params = ranks.map((r) => r.toUpperCase());
  const tooLarge = params.some((p) => Object.hasOwn(ctx.params, p) && Math.abs(ctx.params[p]) >= 2 ** 53);
  return `a positive-integer param ${params.join(', ')}${tooLarge ? ' below 2^53' : ''}`;
}

/**
 * The extent a rank has when no tensor gives it: the `ranks:` section, else the param named by
 * the rank upper-cased (m1 -> M1, the TeAAL convention). undefined when neither exists.
 */
export function defaultExtent(ctx: ParseContext, rank: string): number | undefined {
  if (Object.hasOwn(ctx.rankExtents, rank)) return ctx.rankExtents[rank];
  const param = rank.toUpperCase();
  if (!Object.hasOwn(ctx.params, param)) return undefined;
  const value = snapInteger(ctx.params[param]);
  return Number.isSafeInteger(value) && value > 0 ? value : undefined;
}


/** A number, or an expression string over the params; undefined (with an issue) otherwise. */
export function evalNumber(ctx: ParseContext, node: Node | null, path: string, scope = ctx.params): number | undefined {
  const shape = shapeOf(ctx.src, node);
  const line = ctx.src.lineOf(node);
  if (shape.kind === 'scalar' && typeof shape.value === 'number') {
    if (Number.isFinite(shape.value)) return shape.value;
    ctx.issues.error(path, line, 'invalid_value', 'a finite number', String(shape.value));
    return undefined;
  }
  if (shape.kind === 'scalar' && typeof shape.value === 'string') {
    try {
      return evaluateExpression(shape.value, scope);
    } catch (e) {
      if (!(e instanceof ExpressionProblem)) throw e;
      ctx.issues.error(path, line, e.unknownName !== undefined ? 'unknown_name' : 'invalid_value', e.expected, e.received);
      return undefined;
    }
  }
  ctx.issues.error(path, line, 'invalid_type', 'a number or an expression string', describe(shape));
  return undefined;
}

/**
 * An integer ≥ `min` (1 for extents, 0 for padding); undefined (with an issue) otherwise. Extents
 * are counted in doubles (points, bytes, cycles), so one past 2^53 − 1 would not even be exact.
 */
export function evalInteger(ctx: ParseContext, node: Node | null, path: string, min: 0 | 1): number | undefined {
  const raw = evalNumber(ctx, node, path);
  if (raw === undefined) return undefined;
  const value = snapInteger(raw);
  if (!Number.isSafeInteger(value) || value < min) {
    const tooLarge = Number.isInteger(value) && value >= min;
    const what = `${min === 1 ? 'a positive integer' : 'a non-negative integer'}${tooLarge ? ' below 2^53' : ''}`;
    ctx.issues.error(path, ctx.src.lineOf(node), 'shape', what, String(raw));
    return undefined;
  }
  return value;
}

export function isPrecision(value: unknown): value is Precision {
  return typeof value === 'string' && Object.hasOwn(PRECISION_BYTES, value);
}

export const PRECISION_LIST = Object.keys(PRECISION_BYTES).join(', ');

/** A precision field; undefined (with an issue) when it is not one of PRECISION_BYTES. */
export function readPrecision(ctx: ParseContext, node: Node | null, path: string): Precision | undefined {
  const shape = shapeOf(ctx.src, node);
  if (shape.kind === 'scalar' && isPrecision(shape.value)) return shape.value;
  ctx.issues.error(path, ctx.src.lineOf(node), 'invalid_value', `one of ${PRECISION_LIST}`, describe(shape));
  return undefined;
}

/** A string field; undefined (with an issue) otherwise. */
export function readString(ctx: ParseContext, node: Node | null, path: string): string | undefined {
  const shape = shapeOf(ctx.src, node);
  if (shape.kind === 'scalar' && typeof shape.value === 'string') return shape.value;
  ctx.issues.error(path, ctx.src.lineOf(node), 'invalid_type', 'a string', describe(shape));
  return undefined;
}

/** Quotes a key for a field path when it is not a plain identifier: `params["a b"]`. */
export function key(parent: string, name: string): string {
  return isName(name) ? `${parent}.${name}` : `${parent}[${JSON.stringify(name)}]`;
}
