// The evaluator against direct computations, for shapes fast-check picks.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { evaluate } from '../../src/einsum/evaluate.js';
import {
  attention1Pass,
  attention3Pass,
  attentionDirect,
  attentionNaive,
  conv,
  convDirect,
  convOut,
  depthwise,
  depthwiseDirect,
  gemm,
  gemmDirect,
  maxRelDiff,
  type ConvShape,
} from './fixtures/cascades.js';

const seed = fc.integer({ min: 0, max: 2 ** 31 - 1 });
const small = (max: number) => fc.integer({ min: 1, max });

const convShape: fc.Arbitrary<ConvShape> = fc
  .record({
    N: small(3),
    C: small(3),
    H: small(9),
    W: small(9),
    R: small(3),
    S: small(3),
    stride: small(3),
    dilation: small(2),
    pad: fc.integer({ min: 0, max: 2 }),
  })
  .filter((s) => convOut(s.H, s.R, s.stride, s.dilation, s.pad) >= 1 && convOut(s.W, s.S, s.stride, s.dilation, s.pad) >= 1);

describe('evaluate equals direct computation', () => {
  it('GEMM equals a naive triple loop', () => {
    fc.assert(
      fc.property(small(6), small(6), small(6), seed, (M, N, K, s) => {
        const r = evaluate(gemm(M, N, K), {}, { seed: s });
        expect(maxRelDiff(r.Z, gemmDirect(r.A, r.B, M, N, K))).toBeLessThanOrEqual(1e-12);
      }),
      { numRuns: 50 },
    );
  });

  it('convolution with stride, padding and dilation equals a direct convolution', () => {
    fc.assert(
      fc.property(convShape, seed, (shape, s) => {
        const r = evaluate(conv(shape), {}, { seed: s });
        expect(maxRelDiff(r.O, convDirect(r.I, r.F, shape))).toBeLessThanOrEqual(1e-12);
      }),
      { numRuns: 60 },
    );
  });

  it('depthwise convolution equals a direct depthwise convolution', () => {
    fc.assert(
      fc.property(convShape, seed, (shape, s) => {
        const r = evaluate(depthwise(shape), {}, { seed: s });
        expect(maxRelDiff(r.O, depthwiseDirect(r.I, r.F, shape))).toBeLessThanOrEqual(1e-12);
      }),
      { numRuns: 60 },
    );
  });

  const attentionShape = fc.record({ E: small(6), F: small(5), P: small(5), M1: small(4), M0: small(4) });
  for (const build of [attentionNaive, attention3Pass, attention1Pass]) {
    it(`${build({ E: 1, F: 1, P: 1, M1: 1, M0: 1 }).name} equals softmax(QKᵀ)V within 1e-9`, () => {
      fc.assert(
        fc.property(attentionShape, seed, (a, s) => {
          const r = evaluate(build(a), {}, { seed: s });
          const direct = attentionDirect(r.Q, r.K, r.V, a.E, a.M1 * a.M0, a.F, a.P);
          expect(maxRelDiff(r.AV, direct)).toBeLessThanOrEqual(1e-9);
        }),
        { numRuns: 40 },
      );
    });
  }
});
