import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AffineProblem, bareRank, indexRange, shiftedRank, toAffine } from '../../src/einsum/affine.js';
import { parseAccessText } from '../../src/einsum/einsum-syntax.js';

const affine = (text: string, params: Record<string, number> = {}) => {
  const ix = parseAccessText(`T[${text}]`).indices[0];
  return toAffine(ix.node, ix.text, params);
};

describe('toAffine', () => {
  it('substitutes params and collects coefficients', () => {
    expect(affine('stride*p + dilation*r - pad', { stride: 2, dilation: 3, pad: 1 })).toEqual({ terms: { p: 2, r: 3 }, constant: -1, text: 'stride*p + dilation*r - pad' });
    expect(affine('m1*M0 + m0', { M0: 256 })).toEqual({ terms: { m1: 256, m0: 1 }, constant: 0, text: 'm1*M0 + m0' });
    expect(affine('M1', { M1: 16 })).toEqual({ terms: {}, constant: 16, text: 'M1' });
    expect(affine('2*(p - 1) + (H - R)/2', { H: 7, R: 3 })).toEqual({ terms: { p: 2 }, constant: 0, text: '2*(p - 1) + (H - R)/2' });
    expect(affine('p - p + q')).toEqual({ terms: { q: 1 }, constant: 0, text: 'p - p + q' });
  });

  it.each([
    ['m*n', 'a product needs a constant side'],
    ['m/2', 'division only between constants'],
    ['3/2', 'an integer in an index'],
    ['s*p', 'an integer in an index'],
  ])('refuses %s', (text, expected) => {
    expect(() => affine(text, { s: 0.5 })).toThrowError(AffineProblem);
    expect(() => affine(text, { s: 0.5 })).toThrowError(expected);
  });
});

describe('indexRange', () => {
  it('matches brute force over small iteration spaces', () => {
    fc.assert(
      fc.property(fc.integer({ min: -3, max: 3 }), fc.integer({ min: -3, max: 3 }), fc.integer({ min: -5, max: 5 }), fc.integer({ min: 1, max: 5 }), fc.integer({ min: 1, max: 5 }), (a, b, c, P, R) => {
        const index = { terms: { p: a, r: b }, constant: c, text: '' };
        let min = Infinity;
        let max = -Infinity;
        for (let p = 0; p < P; p++) for (let r = 0; r < R; r++) ((min = Math.min(min, a * p + b * r + c)), (max = Math.max(max, a * p + b * r + c)));
        expect(indexRange(index, { p: P, r: R })).toEqual({ min, max });
      }),
      { numRuns: 200 },
    );
  });
});

describe('bareRank and shiftedRank', () => {
  it('tell a plain rank and a shifted rank apart', () => {
    expect(bareRank(affine('p'))).toBe('p');
    expect(bareRank(affine('p+1'))).toBeNull();
    expect(shiftedRank(affine('m1+1'))).toEqual({ rank: 'm1', shift: 1 });
    expect(shiftedRank(affine('2*m1'))).toBeNull();
  });
});
