// One Einsum from its text to the IR: names resolved (param, rank, tensor, function), the reduction
// worked out, every rank given an extent, and every index checked to stay inside its tensor.
// Rank extents are per Einsum (network layers reuse rank names): first the tensors where the rank
// is a bare index (output first, then inputs), else the `ranks:` section, else the upper-cased param.
// A tensor position written at a shifted index (or with `init`) does not give that rank's extent:
// its extent there is one more than the iteration's (RM has M1 + 1 positions along m1 for M1
// iterations).
import { AffineProblem, bareRank, indexRange, shiftedRank, toAffine } from './affine.js';
import { EinsumSyntaxError, parseEinsumText, type AccessSyntax, type EinsumSyntax, type ExprSyntax } from './einsum-syntax.js';
import { defaultExtent, extentParamPhrase, whyNoExtent, type ParseContext } from './parse-context.js';
import { arityText, MAP_ARITY, MAP_FUNCTIONS, takesArguments } from './map-arity.js';
import type { TensorDraft } from './tensors.js';
import type { Access, Einsum, Expr, MapOp, ReduceOp } from './types.js';

const BINARY_OPS: Record<'+' | '-' | '*' | '/', MapOp> = { '+': 'add', '-': 'sub', '*': 'mul', '/': 'div' };

/** Where the Einsum sits in the file, and its annotations (already read). */
export interface EinsumSite {
  text: string;
  path: string;
  line: number | undefined;
  annotations: Einsum['annotations'];
}

/** A problem inside one Einsum; the caller records it as an issue and moves on to the next Einsum. */
class EinsumProblem extends Error {
  constructor(
    readonly code: 'parse' | 'unknown_name' | 'shape' | 'range' | 'invalid_value' | 'unsupported',
    readonly expected: string,
    readonly received?: string,
  ) {
    super(expected);
  }
}

/** Parses an Einsum's text, or records the syntax error and returns null. */
export function parseSite(ctx: ParseContext, site: EinsumSite): EinsumSyntax | null {
  try {
    return parseEinsumText(site.text);
  } catch (e) {
    if (!(e instanceof EinsumSyntaxError)) throw e;
    ctx.issues.error(site.path, site.line, 'parse', `${e.expected} at column ${e.col} of the Einsum`, e.received);
    return null;
  }
}

/**
 * Tensor positions some Einsum writes at a shifted index (`RM[m1+1,p]` → `RM#0`), as
 * `tensor#position`. Such a position has one more element than its rank's iterations, so it never
 * gives a rank's extent — with or without `init` (a missing init is reported on its own).
 */
export function shiftedPositions(ctx: ParseContext, syntaxes: EinsumSyntax[]): Set<string> {
  const out = new Set<string>();
  for (const syntax of syntaxes) {
    syntax.output.indices.forEach((ix, i) => {
      try {
        if (toAffine(ix.node, ix.text, ctx.params).constant !== 0) out.add(`${syntax.output.tensor}#${i}`);
      } catch {
        // Not affine: resolveEinsum reports it.
      }
    });
  }
  return out;
}

/** Builds the Einsum or records issues and returns null. Range problems are all collected. */
export function resolveEinsum(ctx: ParseContext, tensors: Map<string, TensorDraft>, site: EinsumSite, syntax: EinsumSyntax, shifted: Set<string>): Einsum | null {
  try {
    return build(ctx, tensors, site, syntax, shifted);
  } catch (e) {
    if (e instanceof EinsumProblem) {
      ctx.issues.error(site.path, site.line, e.code, e.expected, e.received);
      return null;
    }
    if (e instanceof AffineProblem) {
      ctx.issues.error(site.path, site.line, 'invalid_value', `${e.expected} at column ${e.col} of the Einsum`, e.received);
      return null;
    }
    throw e;
  }
}

function build(ctx: ParseContext, tensors: Map<string, TensorDraft>, site: EinsumSite, syntax: EinsumSyntax, shifted: Set<string>): Einsum | null {
  const output = resolveAccess(ctx, tensors, syntax.output, 'output');
  const outputDraft = tensors.get(output.tensor) as TensorDraft;
  if (outputDraft.view) throw new EinsumProblem('invalid_value', `an output tensor that is not a view (${output.tensor} is a view of another tensor; views are read-only)`, output.tensor);

  const inputs: Access[] = [];
  const expr = resolveExpr(ctx, tensors, syntax.expr, inputs);

  // Output ranks, in order: each output index is a rank, or rank + constant (a recurrence's m1+1).
  const outputRanks: string[] = [];
  for (const index of output.indices) {
    const shiftedIndex = shiftedRank(index);
    if (!shiftedIndex) throw new EinsumProblem('unsupported', 'each output index to be a rank or rank + constant (like m1+1)', index.text);
    if (outputRanks.includes(shiftedIndex.rank)) throw new EinsumProblem('invalid_value', 'each rank at most once in the output', shiftedIndex.rank);
    outputRanks.push(shiftedIndex.rank);
  }
  const reduced: string[] = [];
  for (const access of inputs) {
    for (const index of access.indices) {
      for (const rank of Object.keys(index.terms)) {
        if (!outputRanks.includes(rank) && !reduced.includes(rank)) reduced.push(rank);
      }
    }
  }
  const reduce = resolveReduce(syntax.reduce, reduced);

  const extents = inferExtents(ctx, tensors, output, inputs, [...outputRanks, ...reduced], shifted);
  const ranks = [...outputRanks, ...reduced].map((name) => ({ name, extent: extents[name] }));

  let inRange = true;
  for (const access of [output, ...inputs]) {
    if (!checkRange(ctx, tensors.get(access.tensor) as TensorDraft, access, extents, site, access === output)) inRange = false;
  }
  if (!inRange) return null;

  return {
    id: output.tensor,
    text: site.text,
    output,
    expr,
    reduce,
    ranks,
    iterative: null,
    annotations: site.annotations,
    loc: { file: ctx.issues.file, line: site.line, path: site.path },
  };
}

function resolveAccess(ctx: ParseContext, tensors: Map<string, TensorDraft>, syntax: AccessSyntax, role: 'output' | 'input'): Access {
  const draft = tensors.get(syntax.tensor);
  if (!draft) {
    const known = [...tensors.keys()].join(', ') || 'none declared';
    throw new EinsumProblem('unknown_name', `a tensor declared under tensors: (${known})`, `${JSON.stringify(syntax.tensor)} as ${role} at column ${syntax.col}`);
  }
  const ranks = draft.decl.ranks;
  if (syntax.indices.length !== ranks.length) {
    throw new EinsumProblem('shape', `${ranks.length} indices for ${syntax.tensor}[${ranks.join(', ')}]`, `${syntax.indices.length} at column ${syntax.col}`);
  }
  return { tensor: syntax.tensor, indices: syntax.indices.map((ix) => toAffine(ix.node, ix.text, ctx.params)) };
}

function resolveExpr(ctx: ParseContext, tensors: Map<string, TensorDraft>, node: ExprSyntax, inputs: Access[]): Expr {
  switch (node.kind) {
    case 'num':
      return { kind: 'const', value: node.value };
    case 'name':
      if (node.name === 'inf') return { kind: 'const', value: Infinity };
      if (Object.hasOwn(ctx.params, node.name)) return { kind: 'const', value: ctx.params[node.name] };
      throw new EinsumProblem('unknown_name', `a param, inf, or a tensor access NAME[...] at column ${node.col}`, JSON.stringify(node.name));
    case 'access': {
      const access = resolveAccess(ctx, tensors, node.access, 'input');
      inputs.push(access);
      return { kind: 'access', access };
    }
    case 'neg': {
      const arg = resolveExpr(ctx, tensors, node.arg, inputs);
      // `-inf` and `-3` are constants, not a negation per point.
      if (arg.kind === 'const') return { kind: 'const', value: -arg.value };
      return { kind: 'call', op: 'neg', args: [arg] };
    }
    case 'bin':
      return { kind: 'call', op: BINARY_OPS[node.op], args: [resolveExpr(ctx, tensors, node.left, inputs), resolveExpr(ctx, tensors, node.right, inputs)] };
    case 'call': {
      const op = node.name as MapOp;
      if (!MAP_FUNCTIONS.includes(op)) {
        throw new EinsumProblem('unknown_name', `a function (one of ${MAP_FUNCTIONS.join(', ')}) at column ${node.col}`, JSON.stringify(node.name));
      }
      const n = node.args.length;
      if (!takesArguments(op, n)) {
        const hint = MAP_ARITY[op].max === Infinity ? ` (a reduction is written ${op}(m0) X[...])` : '';
        throw new EinsumProblem('invalid_value', `${arityText(op)}${hint} for ${op} at column ${node.col}`, `${n}`);
      }
      return { kind: 'call', op, args: node.args.map((a) => resolveExpr(ctx, tensors, a, inputs)) };
    }
  }
}

function resolveReduce(prefix: { op: string; ranks: string[]; col: number } | null, reduced: string[]): Einsum['reduce'] {
  if (!prefix) return reduced.length > 0 ? { op: 'sum', ranks: reduced } : null;
  const listed = [...prefix.ranks].sort().join(', ');
  const actual = [...reduced].sort().join(', ');
  if (listed !== actual || new Set(prefix.ranks).size !== prefix.ranks.length) {
    const what = reduced.length === 0 ? 'no reduction prefix (every rank on the right is in the output)' : `the reduced ranks (${actual}) in ${prefix.op}(...) at column ${prefix.col}`;
    throw new EinsumProblem('invalid_value', what, `${prefix.op}(${prefix.ranks.join(', ')})`);
  }
  return { op: prefix.op as ReduceOp, ranks: reduced };
}

function inferExtents(ctx: ParseContext, tensors: Map<string, TensorDraft>, output: Access, inputs: Access[], ranks: string[], shifted: Set<string>): Record<string, number> {
  const extents: Record<string, number> = {};
  const from: Record<string, string> = {};
  for (const access of [output, ...inputs]) {
    const decl = (tensors.get(access.tensor) as TensorDraft).decl;
    access.indices.forEach((index, i) => {
      const rank = bareRank(index);
      if (rank === null || decl.init?.rank === decl.ranks[i] || shifted.has(`${decl.name}#${i}`)) return;
      const extent = decl.shape[i];
      if (extents[rank] === undefined) {
        extents[rank] = extent;
        from[rank] = `${access.tensor}[${decl.ranks[i]}] = ${extent}`;
      } else if (extents[rank] !== extent) {
        throw new EinsumProblem('shape', `one extent for rank ${rank} (${from[rank]})`, `${access.tensor}[${decl.ranks[i]}] = ${extent}`);
      }
    });
  }
  for (const rank of ranks) {
    if (extents[rank] !== undefined) continue;
    const extent = defaultExtent(ctx, rank);
    if (extent === undefined) {
      const why = whyNoExtent(ctx, [rank]);
      throw new EinsumProblem(why ? 'shape' : 'unknown_name', `an extent for rank ${rank}: a tensor indexed by bare ${rank}, a \`ranks:\` entry, or ${extentParamPhrase(ctx, [rank])}`, why ?? rank);
    }
    extents[rank] = extent;
  }
  return extents;
}

/** Every index must stay within the tensor (plus its padding, for reads). Records each violation. */
function checkRange(ctx: ParseContext, draft: TensorDraft, access: Access, extents: Record<string, number>, site: EinsumSite, isOutput: boolean): boolean {
  let ok = true;
  access.indices.forEach((index, i) => {
    const { min, max } = indexRange(index, extents);
    const rank = draft.decl.ranks[i];
    const [lo, hi] = isOutput ? [0, 0] : (draft.decl.padding[rank] ?? [0, 0]);
    const extent = draft.decl.shape[i];
    if (min < -lo || max > extent - 1 + hi) {
      const allowed = lo || hi ? `${-lo}..${extent - 1 + hi} (extent ${extent} plus padding [${lo}, ${hi}])` : `0..${extent - 1}`;
      const fix = isOutput ? '' : ' or padding on that rank';
      ctx.issues.error(site.path, site.line, 'range', `index ${index.text} of ${access.tensor} (rank ${rank}) within ${allowed}${fix}`, `${min}..${max} over the iteration space`);
      ok = false;
    }
  });
  return ok;
}
