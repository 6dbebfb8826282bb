// Extents must be exact: an extent past 2^53 (a param overridden to 1e300, a shape of 2^60) cannot
// be counted in doubles, so the workload is refused rather than simulated into 1e301 cycles.
import { describe, expect, it } from 'vitest';
import { EinsimError } from '../../src/errors.js';
import { parseWorkload } from '../../src/einsum/parse.js';

const gemm = (shapeA = '') => `name: g
params: { M: 8, K: 8, N: 8 }
tensors:
  A: ${shapeA || '[m, k]'}
  B: [k, n]
  Z: [m, n]
einsums:
  - Z[m,n] = A[m,k] * B[k,n]
`;

function issuesOf(text: string, params: Record<string, number> = {}) {
  try {
    parseWorkload(text, 'g.yaml', params);
  } catch (e) {
    expect(e).toBeInstanceOf(EinsimError);
    return (e as EinsimError).issues;
  }
  throw new Error('expected an EinsimError');
}

describe('extents are safe integers', () => {
  it('a param override of 1e300 used as an extent is a shape issue', () => {
    const issues = issuesOf(gemm(), { M: 1e300 });
    expect(issues[0]).toMatchObject({ code: 'shape', path: 'tensors.A' });
    expect(issues[0].received).toContain('1e+300');
    expect(issues[0].expected).toContain('below 2^53');
  });

  it('a fractional param is told to be an integer, without the 2^53 limit it is far from', () => {
    const issues = issuesOf(gemm(), { M: 2.5 });
    expect(issues[0]).toMatchObject({ code: 'shape', path: 'tensors.A', received: 'M = 2.5' });
    expect(issues[0].expected).toContain('a positive-integer param M');
    expect(issues[0].expected).not.toContain('2^53');
  });

  it('an explicit shape beyond 2^53 is a shape issue', () => {
    const issues = issuesOf(gemm('{ ranks: [m, k], shape: [2^60, K] }'));
    expect(issues[0]).toMatchObject({ code: 'shape', path: 'tensors.A.shape[0]' });
  });

  it('2^31 and 1e9 are still fine', () => {
    expect(parseWorkload(gemm(), 'g.yaml', { M: 2 ** 31 }).tensors.A.shape).toEqual([2 ** 31, 8]);
    expect(parseWorkload(gemm(), 'g.yaml', { M: 1e9 }).tensors.A.shape).toEqual([1e9, 8]);
  });
});
