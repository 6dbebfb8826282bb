// Small constructors for IR index expressions, with the text a user would have written, for
// importers that build cascades without going through the workload parser.
import type { Access, AffineIndex } from '../einsum/types.js';

/** Σ coef·rank + constant, e.g. affine([[2, 'p'], [1, 'r']]) is `2*p + r`. Zero terms are dropped. */
export function affine(terms: [number, string][], constant = 0): AffineIndex {
  const kept = terms.filter(([c]) => c !== 0);
  const parts = kept.map(([c, r], i) => {
    const mag = Math.abs(c) === 1 ? r : `${Math.abs(c)}*${r}`;
    if (i === 0) return c < 0 ? `-${mag}` : mag;
    return c < 0 ? ` - ${mag}` : ` + ${mag}`;
  });
  if (constant !== 0 || parts.length === 0) {
    parts.push(parts.length === 0 ? String(constant) : constant < 0 ? ` - ${-constant}` : ` + ${constant}`);
  }
  const termMap: Record<string, number> = {};
  for (const [c, r] of kept) termMap[r] = (termMap[r] ?? 0) + c;
  return { terms: termMap, constant, text: parts.join('') };
}

export const bare = (rank: string): AffineIndex => affine([[1, rank]]);

export function access(tensor: string, indices: AffineIndex[]): Access {
  return { tensor, indices };
}

