// The `tensors:` section. Short form `W: [n, c, r, t]` (ranks only) or long form
// `{ ranks, shape?, precision?, padding?, init?, view? }`. Shapes come from `shape:` or from the
// rank extents (the `ranks:` section, else the upper-cased param). Views are resolved after every
// tensor is known (`resolveViews`), since a view names its base tensor.
import type { Node } from 'yaml';
import { toAffine, indexRange, AffineProblem } from './affine.js';
import { isName, parseAccessText, EinsumSyntaxError } from './einsum-syntax.js';
import {
  defaultExtent,
  evalInteger,
  evalNumber,
  key,
  readPrecision,
  readString,
  whyNoExtent,
  extentParamPhrase,
  type ParseContext,
} from './parse-context.js';
import type { Access, Precision, TensorDecl, TensorInit } from './types.js';
import { describe, shapeOf } from './yaml-source.js';

const TENSOR_KEYS = ['ranks', 'shape', 'precision', 'padding', 'init', 'view'];

/** A declared tensor plus what is needed to resolve its view later. */
export interface TensorDraft {
  decl: TensorDecl;
  view: { text: string; node: Node | null } | null;
}

export function readTensors(ctx: ParseContext, node: Node | null, defaultPrecision: Precision): Map<string, TensorDraft> {
  const out = new Map<string, TensorDraft>();
  const shape = shapeOf(ctx.src, node);
  if (shape.kind !== 'map') {
    ctx.issues.error('tensors', ctx.src.lineOf(node), 'invalid_type', 'a map of tensor name to [ranks] or { ranks, shape, ... }', describe(shape));
    return out;
  }
  for (const entry of shape.entries) {
    const path = key('tensors', entry.key);
    if (!isName(entry.key)) {
      ctx.issues.error(path, entry.line, 'invalid_value', 'a tensor name (letters, digits, _)', JSON.stringify(entry.key));
      continue;
    }
    const draft = readTensor(ctx, entry.key, entry.value, entry.line, path, defaultPrecision);
    if (draft) out.set(entry.key, draft);
  }
  return out;
}

function readTensor(ctx: ParseContext, name: string, node: Node | null, line: number | undefined, path: string, defaultPrecision: Precision): TensorDraft | null {
  const shape = shapeOf(ctx.src, node);
  const fields = new Map<string, { node: Node | null; line: number | undefined }>();
  if (shape.kind === 'seq') {
    fields.set('ranks', { node, line });
  } else if (shape.kind === 'map') {
    for (const e of shape.entries) {
      if (!TENSOR_KEYS.includes(e.key)) ctx.issues.error(key(path, e.key), e.line, 'unknown_key', `one of ${TENSOR_KEYS.join(', ')}`, JSON.stringify(e.key));
      else fields.set(e.key, { node: e.value, line: e.line });
    }
  } else {
    ctx.issues.error(path, line, 'invalid_type', 'a list of ranks or a map { ranks, shape, precision, padding, init, view }', describe(shape));
    return null;
  }
  const ranksField = fields.get('ranks');
  if (!ranksField) {
    ctx.issues.error(path, line, 'missing', 'a `ranks:` list');
    return null;
  }
  const ranks = readRankList(ctx, ranksField.node, shape.kind === 'seq' ? path : `${path}.ranks`);
  if (!ranks) return null;

  const precisionField = fields.get('precision');
  const precision = precisionField ? (readPrecision(ctx, precisionField.node, `${path}.precision`) ?? defaultPrecision) : defaultPrecision;
  const tensorShape = readShape(ctx, ranks, fields.get('shape')?.node, path, line);
  const padding = fields.has('padding') ? readPadding(ctx, ranks, fields.get('padding')?.node ?? null, `${path}.padding`) : {};
  const init = fields.has('init') ? readInit(ctx, ranks, fields.get('init')?.node ?? null, `${path}.init`) : null;
  let view: TensorDraft['view'] = null;
  const viewField = fields.get('view');
  if (viewField) {
    const text = readString(ctx, viewField.node, `${path}.view`);
    if (text !== undefined) view = { text, node: viewField.node };
    if (fields.has('init') || fields.has('padding')) {
      ctx.issues.error(`${path}.view`, viewField.line, 'unsupported', 'a view without init or padding (they belong to the base tensor)');
    }
  }
  if (!tensorShape) return null;
  return {
    decl: { name, ranks, shape: tensorShape, precision, role: 'input', init, viewOf: null, padding, loc: { file: ctx.issues.file, line, path } },
    view,
  };
}

function readRankList(ctx: ParseContext, node: Node | null, path: string): string[] | null {
  const shape = shapeOf(ctx.src, node);
  if (shape.kind !== 'seq') {
    ctx.issues.error(path, ctx.src.lineOf(node), 'invalid_type', 'a list of rank names', describe(shape));
    return null;
  }
  const ranks: string[] = [];
  let ok = true;
  shape.items.forEach((item, i) => {
    const s = shapeOf(ctx.src, item);
    if (s.kind !== 'scalar' || typeof s.value !== 'string' || !isName(s.value)) {
      ctx.issues.error(`${path}[${i}]`, ctx.src.lineOf(item), 'invalid_value', 'a rank name (letters, digits, _)', describe(s));
      ok = false;
    } else if (ranks.includes(s.value)) {
      ctx.issues.error(`${path}[${i}]`, ctx.src.lineOf(item), 'duplicate', 'each rank once per tensor', s.value);
      ok = false;
    } else {
      ranks.push(s.value);
    }
  });
  return ok ? ranks : null;
}

function readShape(ctx: ParseContext, ranks: string[], node: Node | null | undefined, path: string, line: number | undefined): number[] | null {
  if (node === undefined) {
    // No `shape:`: each rank's default extent.
    const extents = ranks.map((r) => defaultExtent(ctx, r));
    const missing = ranks.filter((_, i) => extents[i] === undefined);
    if (missing.length > 0) {
      const why = whyNoExtent(ctx, missing);
      ctx.issues.error(path, line, why ? 'shape' : 'missing', `an extent for rank ${missing.join(', ')} (a \`shape:\`, a \`ranks:\` entry or ${extentParamPhrase(ctx, missing)})`, why);
      return null;
    }
    return extents as number[];
  }
  const shape = shapeOf(ctx.src, node);
  if (shape.kind !== 'seq') {
    ctx.issues.error(`${path}.shape`, ctx.src.lineOf(node), 'invalid_type', 'a list of extents', describe(shape));
    return null;
  }
  if (shape.items.length !== ranks.length) {
    ctx.issues.error(`${path}.shape`, ctx.src.lineOf(node), 'shape', `${ranks.length} extents (one per rank ${ranks.join(', ')})`, `${shape.items.length}`);
    return null;
  }
  const extents = shape.items.map((item, i) => evalInteger(ctx, item, `${path}.shape[${i}]`, 1));
  return extents.every((e) => e !== undefined) ? (extents as number[]) : null;
}

function readPadding(ctx: ParseContext, ranks: string[], node: Node | null, path: string): Record<string, [number, number]> {
  const padding: Record<string, [number, number]> = {};
  const shape = shapeOf(ctx.src, node);
  if (shape.kind !== 'map') {
    ctx.issues.error(path, ctx.src.lineOf(node), 'invalid_type', 'a map of rank to [before, after] (or one number for both)', describe(shape));
    return padding;
  }
  for (const e of shape.entries) {
    const p = key(path, e.key);
    if (!ranks.includes(e.key)) {
      ctx.issues.error(p, e.line, 'unknown_name', `one of the tensor's ranks ${ranks.join(', ')}`, JSON.stringify(e.key));
      continue;
    }
    const v = shapeOf(ctx.src, e.value);
    if (v.kind === 'seq') {
      if (v.items.length !== 2) {
        ctx.issues.error(p, e.line, 'shape', '[before, after]', `${v.items.length} values`);
        continue;
      }
      const lo = evalInteger(ctx, v.items[0], `${p}[0]`, 0);
      const hi = evalInteger(ctx, v.items[1], `${p}[1]`, 0);
      if (lo !== undefined && hi !== undefined) padding[e.key] = [lo, hi];
    } else {
      const both = evalInteger(ctx, e.value, p, 0);
      if (both !== undefined) padding[e.key] = [both, both];
    }
  }
  return padding;
}

/** `init: { m1: 0, value: -inf }`: one rank at one position, and the value written there. */
function readInit(ctx: ParseContext, ranks: string[], node: Node | null, path: string): TensorInit | null {
  const shape = shapeOf(ctx.src, node);
  if (shape.kind !== 'map') {
    ctx.issues.error(path, ctx.src.lineOf(node), 'invalid_type', 'a map { <rank>: <position>, value: <number> }', describe(shape));
    return null;
  }
  const rankEntries = shape.entries.filter((e) => e.key !== 'value');
  const valueEntry = shape.entries.find((e) => e.key === 'value');
  if (rankEntries.length !== 1 || !ranks.includes(rankEntries[0].key)) {
    const got = rankEntries.map((e) => e.key).join(', ') || 'none';
    ctx.issues.error(path, ctx.src.lineOf(node), 'invalid_value', `exactly one of the tensor's ranks (${ranks.join(', ')}) with its first position`, got);
    return null;
  }
  if (!valueEntry) {
    ctx.issues.error(path, ctx.src.lineOf(node), 'missing', '`value:` (a number, inf or -inf)');
    return null;
  }
  const at = evalInteger(ctx, rankEntries[0].value, key(path, rankEntries[0].key), 0);
  const value = readInitValue(ctx, valueEntry.value, `${path}.value`);
  if (at === undefined || value === undefined) return null;
  return { rank: rankEntries[0].key, at, value };
}

function readInitValue(ctx: ParseContext, node: Node | null, path: string): number | undefined {
  const v = shapeOf(ctx.src, node);
  if (v.kind === 'scalar' && typeof v.value === 'number' && !Number.isNaN(v.value)) return v.value; // YAML's .inf / -.inf
  if (v.kind === 'scalar' && typeof v.value === 'string') {
    const t = v.value.trim();
    if (t === 'inf' || t === '+inf') return Infinity;
    if (t === '-inf') return -Infinity;
  }
  return evalNumber(ctx, node, path);
}

/**
 * Resolves every `view:` into `viewOf`: the base must be a declared, non-view tensor with as many
 * ranks as indices, and the view's indices (over the view's own ranks) must stay inside the base.
 */
export function resolveViews(ctx: ParseContext, drafts: Map<string, TensorDraft>): void {
  for (const { decl, view } of drafts.values()) {
    if (!view) continue;
    const path = `${decl.loc.path}.view`;
    const line = ctx.src.lineOf(view.node);
    const access = parseViewAccess(ctx, view.text, decl, path, line);
    if (!access) continue;
    const base = drafts.get(access.tensor);
    if (!base) {
      ctx.issues.error(path, line, 'unknown_name', `a declared tensor (one of ${[...drafts.keys()].join(', ')})`, JSON.stringify(access.tensor));
      continue;
    }
    if (base.view) {
      ctx.issues.error(path, line, 'unsupported', 'a view of a tensor that is not itself a view', `${access.tensor} is a view`);
      continue;
    }
    if (access.indices.length !== base.decl.ranks.length) {
      ctx.issues.error(path, line, 'shape', `${base.decl.ranks.length} indices for ${access.tensor}[${base.decl.ranks.join(', ')}]`, `${access.indices.length}`);
      continue;
    }
    const extents = Object.fromEntries(decl.ranks.map((r, i) => [r, decl.shape[i]]));
    let inRange = true;
    access.indices.forEach((index, i) => {
      const { min, max } = indexRange(index, extents);
      const [lo, hi] = base.decl.padding[base.decl.ranks[i]] ?? [0, 0];
      if (min < -lo || max > base.decl.shape[i] - 1 + hi) {
        ctx.issues.error(path, line, 'range', `index ${index.text} of ${access.tensor} within 0..${base.decl.shape[i] - 1} over the view's shape [${decl.shape.join(', ')}]`, `${min}..${max}`);
        inRange = false;
      }
    });
    if (inRange) decl.viewOf = access;
  }
}

function parseViewAccess(ctx: ParseContext, text: string, decl: TensorDecl, path: string, line: number | undefined): Access | null {
  try {
    const syntax = parseAccessText(text);
    const indices = syntax.indices.map((ix) => toAffine(ix.node, ix.text, ctx.params));
    for (const index of indices) {
      for (const rank of Object.keys(index.terms)) {
        if (!decl.ranks.includes(rank)) {
          ctx.issues.error(path, line, 'unknown_name', `a rank of the view (${decl.ranks.join(', ')}) or a param`, JSON.stringify(rank));
          return null;
        }
      }
    }
    return { tensor: syntax.tensor, indices };
  } catch (e) {
    if (e instanceof EinsumSyntaxError || e instanceof AffineProblem) {
      ctx.issues.error(path, line, e instanceof AffineProblem ? 'invalid_value' : 'parse', `${e.expected} at column ${e.col} of ${JSON.stringify(text)}`, e.received);
      return null;
    }
    throw e;
  }
}
