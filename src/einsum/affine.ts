// Affine index expressions: turning index syntax into Σ coeff·rank + constant (params substituted),
// and the range an index sweeps over an iteration space. The range check is what lets an engine
// trust every read: an index that can leave [0, extent) must be covered by the tensor's padding.
import type { IndexSyntax } from './einsum-syntax.js';
import type { AffineIndex } from './types.js';
import { snapInteger } from './expression.js';

/** Why an index is not affine, with the 1-based column of the offending part. */
export class AffineProblem extends Error {
  constructor(
    readonly col: number,
    readonly expected: string,
    readonly received: string,
  ) {
    super(`column ${col}: expected ${expected}, received ${received}`);
  }
}

interface Linear {
  terms: Record<string, number>;
  constant: number;
}

/**
 * Resolves an index. A name that is a param is a constant; any other name is a rank. Products
 * need one constant side; division only between constants with an integer result.
 */
export function toAffine(node: IndexSyntax, text: string, params: Readonly<Record<string, number>>): AffineIndex {
  const lin = linear(node, params);
  const terms: Record<string, number> = {};
  for (const [rank, coeff] of Object.entries(lin.terms)) if (coeff !== 0) terms[rank] = coeff;
  return { terms, constant: lin.constant, text };
}

function linear(node: IndexSyntax, params: Readonly<Record<string, number>>): Linear {
  switch (node.kind) {
    case 'num':
      return { terms: {}, constant: integer(node.value, node.col, String(node.value)) };
    case 'name':
      if (Object.hasOwn(params, node.name)) return { terms: {}, constant: integer(params[node.name], node.col, `param ${node.name} = ${params[node.name]}`) };
      return { terms: { [node.name]: 1 }, constant: 0 };
    case 'neg':
      return scale(linear(node.arg, params), -1);
    case 'bin': {
      const a = linear(node.left, params);
      const b = linear(node.right, params);
      if (node.op === '+') return add(a, b, 1);
      if (node.op === '-') return add(a, b, -1);
      const aConst = Object.keys(a.terms).length === 0;
      const bConst = Object.keys(b.terms).length === 0;
      if (node.op === '*') {
        if (bConst) return scale(a, b.constant);
        if (aConst) return scale(b, a.constant);
        throw new AffineProblem(node.col, 'an affine index (a product needs a constant side)', 'a product of two ranks');
      }
      if (!aConst || !bConst) throw new AffineProblem(node.col, 'an affine index (division only between constants)', 'a rank divided');
      if (b.constant === 0) throw new AffineProblem(node.col, 'a non-zero divisor', '0');
      return { terms: {}, constant: integer(a.constant / b.constant, node.col, `${a.constant}/${b.constant}`) };
    }
  }
}

function integer(value: number, col: number, what: string): number {
  const v = snapInteger(value);
  if (!Number.isInteger(v)) throw new AffineProblem(col, 'an integer in an index', what);
  return v;
}

function scale(a: Linear, k: number): Linear {
  const terms: Record<string, number> = {};
  for (const [r, c] of Object.entries(a.terms)) terms[r] = c * k;
  return { terms, constant: a.constant * k };
}

function add(a: Linear, b: Linear, sign: 1 | -1): Linear {
  const terms: Record<string, number> = { ...a.terms };
  for (const [r, c] of Object.entries(b.terms)) terms[r] = (terms[r] ?? 0) + sign * c;
  return { terms, constant: a.constant + sign * b.constant };
}

/** Smallest and largest value of an index when each rank r runs over 0 … extent(r) − 1. */
export function indexRange(index: AffineIndex, extents: Readonly<Record<string, number>>): { min: number; max: number } {
  let min = index.constant;
  let max = index.constant;
  for (const [rank, coeff] of Object.entries(index.terms)) {
    const span = coeff * ((extents[rank] ?? 1) - 1);
    if (span < 0) min += span;
    else max += span;
  }
  return { min, max };
}

/** The rank of an index that is exactly one rank, `p`; null otherwise. */
export function bareRank(index: AffineIndex): string | null {
  const ranks = Object.keys(index.terms);
  return ranks.length === 1 && index.terms[ranks[0]] === 1 && index.constant === 0 ? ranks[0] : null;
}

/** `m1 + c` with coefficient 1 on a single rank: the rank and the shift c; null otherwise. */
export function shiftedRank(index: AffineIndex): { rank: string; shift: number } | null {
  const ranks = Object.keys(index.terms);
  return ranks.length === 1 && index.terms[ranks[0]] === 1 ? { rank: ranks[0], shift: index.constant } : null;
}
