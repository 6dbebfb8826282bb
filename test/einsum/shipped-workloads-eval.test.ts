// The shipped single-kernel workloads mean what they say: evaluated with small --param
// overrides, each equals its direct computation; a deliberately broken 1-pass cascade does not.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { classifyEinsum } from '../../src/einsum/contraction.js';
import { compareCascades } from '../../src/einsum/equivalence.js';
import { evaluate } from '../../src/einsum/evaluate.js';
import { loadWorkload } from '../../src/einsum/load.js';
import { parseWorkload } from '../../src/einsum/parse.js';
import { REPO_ROOT } from '../helpers/ref.js';
import { attentionDirect, convDirect, depthwiseDirect, gemmDirect, maxRelDiff } from './fixtures/cascades.js';

const workload = (name: string) => join(REPO_ROOT, 'workloads', `${name}.yaml`);
const seed = fc.integer({ min: 0, max: 2 ** 31 - 1 });
const small = (max: number) => fc.integer({ min: 1, max });

describe('shipped attention workloads equal softmax(QKᵀ)V', () => {
  const shape = fc.record({ E: small(5), F: small(4), P: small(4), M1: small(4), M0: small(4) });
  for (const name of ['attention-naive', 'attention-3pass', 'attention-1pass']) {
    it(`${name}.yaml, for small shapes`, () => {
      fc.assert(
        fc.property(shape, seed, ({ E, F, P, M1, M0 }, s) => {
          const M = M1 * M0;
          const params: Record<string, number> = name === 'attention-1pass' ? { E, F, P, M, M0 } : { E, F, P, M };
          const r = evaluate(loadWorkload(workload(name), params), {}, { seed: s });
          expect(maxRelDiff(r.AV, attentionDirect(r.Q, r.K, r.V, E, M, F, P))).toBeLessThanOrEqual(1e-9);
        }),
        { numRuns: 12 },
      );
    });
  }

  it('finds the shipped 1-pass cascade with a wrong rescale factor not equivalent to the naive one', () => {
    const text = readFileSync(workload('attention-1pass'), 'utf8');
    const wrong = text.replace('PRM[m1,p] = exp(RM[m1,p] - RM[m1+1,p])', 'PRM[m1,p] = exp(LM[m1,p] - RM[m1+1,p])');
    expect(wrong).not.toBe(text);
    const params = { E: 4, F: 3, P: 4, M: 12, M0: 3 };
    const naive = loadWorkload(workload('attention-naive'), { E: 4, F: 3, P: 4, M: 12 });
    expect(compareCascades(naive, parseWorkload(text, 'attention-1pass.yaml', params)).equivalent).toBe(true);
    const broken = compareCascades(naive, parseWorkload(wrong, 'broken.yaml', params));
    expect(broken.equivalent).toBe(false);
    expect(broken.maxRelDiff).toBeGreaterThan(1e-3);
  });
});

describe('shipped conv and GEMM workloads equal direct computations', () => {
  it('gemm.yaml equals a naive triple loop', () => {
    const [M, N, K] = [5, 4, 6];
    const r = evaluate(loadWorkload(workload('gemm'), { M, N, K }));
    expect(maxRelDiff(r.Z, gemmDirect(r.A, r.B, M, N, K))).toBeLessThanOrEqual(1e-12);
  });

  it('conv.yaml equals a direct convolution for small stride / pad / dilation', () => {
    const arb = fc.record({ C: small(3), K: small(3), P: small(4), Q: small(4), R: small(3), S: small(3), stride: small(3), dilation: small(2), pad: fc.integer({ min: 0, max: 2 }) });
    fc.assert(
      fc.property(arb, seed, (a, s) => {
        // Pick the input so the file's P = (H + 2·pad − dilation·(R−1) − 1)/stride + 1 is exact.
        const H = (a.P - 1) * a.stride + a.dilation * (a.R - 1) + 1 - 2 * a.pad;
        const W = (a.Q - 1) * a.stride + a.dilation * (a.S - 1) + 1 - 2 * a.pad;
        fc.pre(H >= 1 && W >= 1);
        const { P: _p, Q: _q, ...params } = { ...a, H, W };
        const r = evaluate(loadWorkload(workload('conv'), params), {}, { seed: s });
        const direct = convDirect(r.I, r.F, { N: a.K, C: a.C, H, W, R: a.R, S: a.S, stride: a.stride, dilation: a.dilation, pad: a.pad });
        expect(maxRelDiff(r.O, direct)).toBeLessThanOrEqual(1e-12);
      }),
      { numRuns: 25 },
    );
  });

  it('depthwise-conv.yaml equals a direct depthwise convolution of the input padded after', () => {
    // SAME padding for stride 2 on an even input: 0 before, 1 after (the file's defaults).
    const [C, H, W] = [3, 8, 6];
    const r = evaluate(loadWorkload(workload('depthwise-conv'), { C, H, W }));
    const direct = depthwiseDirect(padAfter(r.I, C, H, W), r.F, { N: 1, C, H: H + 1, W: W + 1, R: 3, S: 3, stride: 2, dilation: 1, pad: 0 });
    expect(r.O.length).toBe(C * 4 * 3);
    expect(maxRelDiff(r.O, direct)).toBeLessThanOrEqual(1e-12);
  });
});

/** The input with one row and one column of zeros appended (explicit "after" padding). */
function padAfter(I: Float64Array, C: number, H: number, W: number): Float64Array {
  const out = new Float64Array(C * (H + 1) * (W + 1));
  for (let c = 0; c < C; c++) for (let h = 0; h < H; h++) for (let w = 0; w < W; w++) out[(c * (H + 1) + h) * (W + 1) + w] = I[(c * H + h) * W + w];
  return out;
}

describe('contraction view of the shipped workloads', () => {
  it('reads conv.yaml as ResNet-50 conv2_x: 56×56, 3×3, 64 → 64, pad 1', () => {
    const c = loadWorkload(workload('conv'));
    const k = classifyEinsum(c, c.einsums[0]);
    if (k.kind !== 'contraction') throw new Error(k.reason);
    expect(k.conv).toEqual({
      H: 56, W: 56, Fh: 3, Fw: 3, C: 64, N: 64, strideH: 1, strideW: 1, dilationH: 1, dilationW: 1, groups: 1,
      padTop: 1, padBottom: 1, padLeft: 1, padRight: 1, P: 56, Q: 56, batch: 1,
    });
    expect(k.gemm).toEqual({ M: 56 * 56, N: 64, K: 576, batch: 1 });
  });

  it('reads depthwise-conv.yaml as 64 groups with SAME padding after only', () => {
    const c = loadWorkload(workload('depthwise-conv'));
    const k = classifyEinsum(c, c.einsums[0]);
    if (k.kind !== 'contraction') throw new Error(k.reason);
    expect(k.conv).toMatchObject({ groups: 64, C: 64, N: 64, strideH: 2, padTop: 0, padBottom: 1, P: 56, Q: 56 });
    expect(k.gemm).toEqual({ M: 56 * 56, N: 1, K: 9, batch: 64 });
  });

  it('reads gemm.yaml, gemv.yaml and the 1-pass attention contractions', () => {
    const g = loadWorkload(workload('gemm'));
    expect(classifyEinsum(g, g.einsums[0])).toMatchObject({ kind: 'contraction', gemm: { M: 512, N: 3072, K: 768, batch: 1 } });
    const v = loadWorkload(workload('gemv'));
    expect(classifyEinsum(v, v.einsums[0])).toMatchObject({ kind: 'contraction', gemm: { N: 1, batch: 1 } });
    const a = loadWorkload(workload('attention-1pass'));
    const kinds = Object.fromEntries(a.einsums.map((e) => [e.id, classifyEinsum(a, e).kind]));
    expect(kinds).toEqual({
      BQK: 'contraction', LM: 'reduction', RM: 'map', SLN: 'map', SLD: 'reduction', SLNV: 'contraction',
      PRM: 'map', SPD: 'map', RD: 'map', SPNV: 'map', RNV: 'map', AV: 'map',
    });
    expect(classifyEinsum(a, a.einsums.find((e) => e.id === 'SLNV')!)).toMatchObject({ gemm: { M: 64, N: 64, K: 256, batch: 16 } });
  });
});
