import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { analyseCascade, analyseEinsum, countOps, throughView } from '../../src/einsum/analysis.js';
import { readsOf } from '../../src/einsum/graph.js';
import { parseWorkload } from '../../src/einsum/parse.js';
import { REPO_ROOT } from '../helpers/ref.js';

// The expected numbers below are for 4096 queries (the files default to a 64-query tile).
const shipped = (name: string) => parseWorkload(readFileSync(join(REPO_ROOT, 'workloads', name), 'utf8'), name, name.startsWith('attention-') ? { P: 4096 } : {});
const one = (einsums: string, tensors: string, params: string, precision = 'fp16') =>
  parseWorkload(`name: t\nprecision: ${precision}\nparams: { ${params} }\ntensors: { ${tensors} }\neinsums:\n${einsums.split(';').map((e) => `  - ${e.trim()}`).join('\n')}\n`, 't.yaml');

describe('operation counts', () => {
  it('counts a mul-sum contraction as one MAC per iteration point', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 64 }), fc.integer({ min: 1, max: 64 }), fc.integer({ min: 1, max: 64 }), (M, N, K) => {
        const c = one('Z[m,n] = A[m,k] * B[k,n]', 'A: [m, k], B: [k, n], Z: [m, n]', `M: ${M}, N: ${N}, K: ${K}`);
        const a = analyseEinsum(c.einsums[0], c.tensors);
        expect(a.ops).toEqual({ mac: M * N * K });
        expect(a.totalOps).toBe(2 * M * N * K);
        const bytes = 2 * (M * K + K * N + M * N);
        expect(a.minTrafficBytes).toBe(bytes);
        expect(a.footprintBytes).toBe(bytes);
        expect(a.arithmeticIntensity).toBeCloseTo((2 * M * N * K) / bytes, 12);
      }),
      { numRuns: 25 },
    );
  });

  it('counts each map operator per point and the reduction operator per reduced point', () => {
    const c = shipped('attention-1pass.yaml');
    const ops = Object.fromEntries(c.einsums.map((e) => [e.id, analyseEinsum(e, c.tensors).ops]));
    const [M1, M0, P, F] = [16, 256, 4096, 64];
    expect(ops.LM).toEqual({ max: M1 * M0 * P });
    expect(ops.RM).toEqual({ max: M1 * P });
    expect(ops.SLN).toEqual({ exp: M1 * M0 * P, sub: M1 * M0 * P });
    expect(ops.SLD).toEqual({ add: M1 * M0 * P });
    expect(ops.SLNV).toEqual({ mac: F * M1 * M0 * P });
    expect(ops.AV).toEqual({ div: F * P });
  });

  it('keeps inner operators of a contraction and counts a bare copy as nothing', () => {
    const c = one('Y[p] = sum(m) A[m,p] * exp(B[m,p]); Z[p] = Y[p]; W[p] = copy(Y[p]) + 1', 'A: [m, p], B: [m, p], Y: [p], Z: [p], W: [p]', 'M: 3, P: 5');
    const ops = c.einsums.map((e) => countOps(e, e.ranks.reduce((n, r) => n * r.extent, 1)));
    expect(ops).toEqual([{ mac: 15, exp: 15 }, {}, { add: 5 }]);
  });

  it('does not fuse a max reduction with a multiply', () => {
    const c = one('Y[p] = max(m) A[m,p] * B[m,p]', 'A: [m, p], B: [m, p], Y: [p]', 'M: 3, P: 5');
    expect(analyseEinsum(c.einsums[0], c.tensors).ops).toEqual({ mul: 15, max: 15 });
  });
});

describe('traffic and footprint', () => {
  it('never fetches padding', () => {
    const c = shipped('conv.yaml');
    const a = analyseEinsum(c.einsums[0], c.tensors);
    // I 64x56x56 (padding not stored), F 64x64x3x3, O 64x56x56, fp16.
    expect(a.minTrafficBytes).toBe(2 * (64 * 56 * 56 + 64 * 64 * 9 + 64 * 56 * 56));
  });

  it('charges a view read to the part of its base it aliases', () => {
    const c = shipped('attention-1pass.yaml');
    const bqk = analyseEinsum(c.einsums.find((e) => e.id === 'BQK')!, c.tensors);
    // Q 64x4096, K 64x4096 (through BK), BQK 16x256x4096, all fp16.
    expect(bqk.minTrafficBytes).toBe(2 * (64 * 4096 + 64 * 4096 + 16 * 256 * 4096));
    const readOfBK = readsOf(c.einsums.find((e) => e.id === 'BQK')!).find((a) => a.tensor === 'BK')!;
    const composed = throughView(readOfBK, c.tensors);
    expect(composed.tensor).toBe('K');
    expect(composed.indices[1].terms).toEqual({ m1: 256, m0: 1 });
  });

  it('counts only the slice a constant index reads', () => {
    const c = shipped('attention-1pass.yaml');
    const av = analyseEinsum(c.einsums.find((e) => e.id === 'AV')!, c.tensors);
    // RNV[f, M1, p] and RD[M1, p] are slices; AV is written once.
    expect(av.minTrafficBytes).toBe(2 * (64 * 4096 + 4096 + 64 * 4096));
    expect(av.footprintBytes).toBe(2 * (64 * 17 * 4096 + 17 * 4096 + 64 * 4096));
  });

  it('rounds sub-byte precisions up per tensor', () => {
    const c = one('Y[m] = X[m]', 'X: [m], Y: [m]', 'M: 3', 'int4');
    expect(analyseEinsum(c.einsums[0], c.tensors).minTrafficBytes).toBe(4);
  });
});

describe('cascade totals', () => {
  it('adds ops over Einsums and charges only the cascade boundary as minimum traffic', () => {
    for (const name of ['attention-naive.yaml', 'attention-3pass.yaml', 'attention-1pass.yaml']) {
      const a = analyseCascade(shipped(name));
      expect(a.totals.totalOps).toBe(a.einsums.reduce((s, e) => s + e.totalOps, 0));
      expect(a.totals.minTrafficBytes).toBe(2 * (3 * 64 * 4096 + 64 * 4096)); // Q, K, V in; AV out
      expect(a.totals.unfusedTrafficBytes).toBeGreaterThan(a.totals.minTrafficBytes);
    }
  });

  it('gives the three attention cascades the same MAC count', () => {
    const macs = ['attention-naive.yaml', 'attention-3pass.yaml', 'attention-1pass.yaml'].map((n) => analyseCascade(shipped(n)).totals.ops.mac);
    expect(new Set(macs).size).toBe(1);
    expect(macs[0]).toBe(2 * 64 * 4096 * 4096);
  });
});
