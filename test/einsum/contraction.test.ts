import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { classifyEinsum, type EinsumClass } from '../../src/einsum/contraction.js';
import type { Cascade } from '../../src/einsum/types.js';
import { buildCascade, type TensorSpec } from '../helpers/ir-builder.js';
import { attention1Pass, attention3Pass, conv, convOut, depthwise, gemm, type ConvShape } from './fixtures/cascades.js';

const classify = (c: Cascade, id?: string): EinsumClass => classifyEinsum(c, id ? c.einsums.find((e) => e.id === id)! : c.einsums[0]);

function contraction(c: EinsumClass) {
  if (c.kind !== 'contraction') throw new Error(`expected a contraction, got ${c.kind}: ${c.reason}`);
  return c;
}

const t = (ranks: string, shape: number[], extra: Partial<TensorSpec> = {}): TensorSpec => ({ ranks: ranks.split(''), shape, ...extra });

describe('classifyEinsum: GEMM shapes', () => {
  it('maps a GEMM to M = output rows of the first factor, N = columns of the second, K = reduced', () => {
    const c = contraction(classify(gemm(3, 5, 7)));
    expect(c.gemm).toEqual({ M: 3, N: 5, K: 7, batch: 1 });
    expect(c.operands).toEqual({ input: 'A', weight: 'B', output: 'Z' });
    expect(c.ranks).toEqual({ batch: [], m: ['m'], n: ['n'], k: ['k'] });
    expect(c.conv).toBeUndefined();
  });

  it('treats the vector of a GEMV as the ifmap when it is written first (SCALE-Sim gemv 1×N×K)', () => {
    const c = buildCascade({ tensors: { x: t('k', [8]), W: t('nk', [4, 8]), y: t('n', [4]) }, einsums: ['y[n] = x[k] * W[n,k]'] });
    expect(contraction(classify(c)).gemm).toEqual({ M: 1, N: 4, K: 8, batch: 1 });
    const d = buildCascade({ tensors: { x: t('k', [8]), W: t('nk', [4, 8]), y: t('n', [4]) }, einsums: ['y[n] = W[n,k] * x[k]'] });
    expect(contraction(classify(d)).gemm).toEqual({ M: 4, N: 1, K: 8, batch: 1 });
  });

  it('puts ranks both operands index into batch (multi-head attention scores)', () => {
    const c = buildCascade({
      tensors: { Q: t('hep', [12, 64, 9]), K: t('hem', [12, 64, 5]), S: t('hmp', [12, 5, 9]) },
      einsums: ['S[h,m,p] = Q[h,e,p] * K[h,e,m]'],
    });
    const k = contraction(classify(c));
    expect(k.gemm).toEqual({ M: 9, N: 5, K: 64, batch: 12 });
    expect(k.ranks.batch).toEqual(['h']);
  });

  it('reads the 1-pass attention BQK through the view as a GEMM (N = M1·M0)', () => {
    const c = contraction(classify(attention1Pass({ E: 4, F: 3, P: 5, M1: 2, M0: 3 }), 'BQK'));
    expect(c.gemm).toEqual({ M: 5, N: 6, K: 4, batch: 1 });
    expect(c.operands.weight).toBe('BK');
  });
});

describe('classifyEinsum: convolutions', () => {
  const shape: ConvShape = { N: 4, C: 3, H: 7, W: 8, R: 3, S: 2, stride: 2, dilation: 2, pad: 1 };

  it('reads stride, dilation, padding and extents off the sliding-window indices', () => {
    const c = contraction(classify(conv(shape)));
    const P = convOut(7, 3, 2, 2, 1); // 3
    const Q = convOut(8, 2, 2, 2, 1); // 4
    expect(c.conv).toEqual({
      H: 7, W: 8, Fh: 3, Fw: 2, C: 3, N: 4,
      strideH: 2, strideW: 2, dilationH: 2, dilationW: 2, groups: 1,
      // Last window rows: 2·2 + 2·2 − 1 = 7 → 1 past row 6; columns: 2·3 + 2·1 − 1 = 7 → none past column 7.
      padTop: 1, padBottom: 1, padLeft: 1, padRight: 0,
      P, Q, batch: 1,
    });
    expect(c.gemm).toEqual({ M: P * Q, N: 4, K: 3 * 3 * 2, batch: 1 });
    expect(c.operands).toEqual({ input: 'I', weight: 'F', output: 'O' });
  });

  it('finds the ifmap by its window even when the filter is written first', () => {
    const c = buildCascade({
      ranks: { r: 3, t: 3 },
      tensors: { I: t('chw', [2, 6, 6]), F: t('ncrt', [4, 2, 3, 3]), O: t('npq', [4, 4, 4]) },
      einsums: ['O[n,p,q] = F[n,c,r,t] * I[c, p + r, q + t]'],
    });
    const k = contraction(classify(c));
    expect(k.operands.input).toBe('I');
    expect(k.gemm).toEqual({ M: 16, N: 4, K: 18, batch: 1 });
    expect(k.conv?.padBottom).toBe(0);
  });

  it('maps depthwise convolution to groups = channels', () => {
    const k = contraction(classify(depthwise(shape)));
    expect(k.conv).toMatchObject({ C: 3, N: 3, groups: 3, Fh: 3, Fw: 2 });
    expect(k.gemm).toEqual({ M: k.conv!.P * k.conv!.Q, N: 1, K: 6, batch: 3 });
  });

  it('maps a grouped convolution with a channel multiplier', () => {
    const c = buildCascade({
      tensors: { I: t('gchw', [2, 3, 5, 5]), W: t('gncrt', [2, 4, 3, 3, 3]), O: t('gnpq', [2, 4, 3, 3]) },
      einsums: ['O[g,n,p,q] = I[g, c, p + r, q + t] * W[g,n,c,r,t]'],
    });
    const k = contraction(classify(c));
    expect(k.conv).toMatchObject({ C: 6, N: 8, groups: 2, H: 5, W: 5, P: 3, Q: 3 });
    expect(k.gemm).toEqual({ M: 9, N: 4, K: 27, batch: 2 });
  });

  it('counts images into M and conv.batch', () => {
    const c = buildCascade({
      tensors: { I: t('bchw', [2, 3, 5, 5]), W: t('ncrt', [4, 3, 3, 3]), O: t('bnpq', [2, 4, 3, 3]) },
      einsums: ['O[b,n,p,q] = I[b, c, p + r, q + t] * W[n,c,r,t]'],
    });
    const k = contraction(classify(c));
    expect(k.conv?.batch).toBe(2);
    expect(k.gemm).toEqual({ M: 18, N: 4, K: 27, batch: 1 });
  });

  it('maps a 1-D convolution with H = Fh = P = 1', () => {
    const c = buildCascade({
      tensors: { I: t('cw', [3, 10]), W: t('nct', [4, 3, 3]), O: t('nq', [4, 4]) },
      einsums: ['O[n,q] = I[c, 2*q + t] * W[n,c,t]'],
    });
    expect(contraction(classify(c)).conv).toMatchObject({ H: 1, Fh: 1, P: 1, W: 10, Fw: 3, Q: 4, strideW: 2, padRight: 0 });
  });

  it('gives no conv view for a window the filter does not index bare', () => {
    const c = buildCascade({
      ranks: { r: 2 },
      tensors: { I: t('h', [8]), W: t('x', [4]), O: t('p', [4]) },
      einsums: ['O[p] = I[2*p + r] * W[2*r]'],
    });
    const k = contraction(classify(c));
    expect(k.conv).toBeUndefined();
    expect(k.gemm).toEqual({ M: 4, N: 1, K: 2, batch: 1 });
  });

  it('keeps batch·M·N·K equal to the iteration space', () => {
    fc.assert(
      fc.property(
        fc.record({ N: fc.integer({ min: 1, max: 5 }), C: fc.integer({ min: 1, max: 5 }), H: fc.integer({ min: 3, max: 12 }), W: fc.integer({ min: 3, max: 12 }), R: fc.integer({ min: 1, max: 3 }), S: fc.integer({ min: 1, max: 3 }), stride: fc.integer({ min: 1, max: 3 }), dilation: fc.integer({ min: 1, max: 2 }), pad: fc.integer({ min: 0, max: 2 }) }),
        fc.boolean(),
        (s, dw) => {
          const c = dw ? depthwise(s) : conv(s);
          const k = contraction(classify(c));
          const points = c.einsums[0].ranks.reduce((p, r) => p * r.extent, 1);
          expect(k.gemm.batch * k.gemm.M * k.gemm.N * k.gemm.K).toBe(points);
          expect(k.conv!.P).toBe(convOut(s.H, s.R, s.stride, s.dilation, s.pad));
          expect(k.conv!.padTop).toBe(s.pad);
          expect(k.conv!.padBottom).toBeLessThanOrEqual(s.pad);
        },
      ),
      { numRuns: 100 },
    );
  });
});

describe('classifyEinsum: not contractions', () => {
  const c = attention3Pass({ E: 2, F: 2, P: 2, M1: 2, M0: 2 });

  it('calls element-wise Einsums maps', () => {
    for (const id of ['SN', 'A']) {
      const k = classify(c, id);
      expect(k.kind).toBe('map');
      if (k.kind === 'map') expect(k.reason).toContain('element-wise');
    }
  });

  it('calls a max over m a max reduction', () => {
    expect(classify(c, 'GM')).toEqual({ kind: 'reduction', op: 'max', reason: expect.stringContaining('max over m') });
  });

  it('calls a sum of one tensor a sum reduction, with the reason', () => {
    const k = classify(c, 'SD');
    expect(k).toMatchObject({ kind: 'reduction', op: 'sum' });
    if (k.kind === 'reduction') expect(k.reason).toContain('not a product of exactly two tensors');
  });

  it('refuses products of three factors or with a constant', () => {
    const d = buildCascade({
      tensors: { A: t('mk', [2, 3]), B: t('kn', [3, 2]), C: t('k', [3]), Z: t('mn', [2, 2]), Y: t('mn', [2, 2]) },
      einsums: ['Z[m,n] = A[m,k] * B[k,n] * C[k]', 'Y[m,n] = A[m,k] * B[k,n] * 0.5'],
    });
    expect(classify(d, 'Z').kind).toBe('reduction');
    const y = classify(d, 'Y');
    expect(y.kind).toBe('reduction');
    if (y.kind === 'reduction') expect(y.reason).toContain('A[…] × B[…] × 0.5');
  });
});
