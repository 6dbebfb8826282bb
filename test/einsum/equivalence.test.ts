import { describe, expect, it } from 'vitest';
import { EinsimError } from '../../src/errors.js';
import { compareCascades, relDiff } from '../../src/einsum/equivalence.js';
import { buildCascade } from '../helpers/ir-builder.js';
import { attention1Pass, attention3Pass, attentionNaive, gemm } from './fixtures/cascades.js';

const shape = { E: 4, F: 3, P: 5, M1: 4, M0: 3 };

describe('relDiff', () => {
  it('is |a−b| / max(|a|, |b|), 0 for identical values, ∞ for NaN or different infinities', () => {
    expect(relDiff(1, 1.5)).toBeCloseTo(1 / 3, 15);
    expect(relDiff(-2, 2)).toBe(2);
    expect(relDiff(0, 0)).toBe(0);
    expect(relDiff(0, 1e-20)).toBe(1);
    expect(relDiff(-Infinity, -Infinity)).toBe(0);
    expect(relDiff(Infinity, -Infinity)).toBe(Infinity);
    expect(relDiff(Infinity, 1)).toBe(Infinity);
    expect(relDiff(NaN, NaN)).toBe(Infinity);
  });
});

describe('compareCascades', () => {
  it('finds the naive, 3-pass and 1-pass attention cascades equivalent', () => {
    for (const other of [attention3Pass(shape), attention1Pass(shape)]) {
      const c = compareCascades(attentionNaive(shape), other, { seed: 11 });
      expect(c.equivalent).toBe(true);
      expect(c.tensors.map((t) => t.name)).toEqual(['AV']);
      expect(c.maxRelDiff).toBeLessThan(1e-12);
    }
  });

  it('finds a 1-pass cascade with a wrong rescale factor not equivalent', () => {
    const broken = attention1Pass(shape, 'PRM[m1,p] = exp(LM[m1,p] - RM[m1+1,p])');
    const c = compareCascades(attentionNaive(shape), broken, { seed: 11 });
    expect(c.equivalent).toBe(false);
    expect(Number.isFinite(c.maxRelDiff)).toBe(true);
    expect(c.maxRelDiff).toBeGreaterThan(1e-3);
    const worst = c.tensors[0].worst!;
    expect(worst.index).toHaveLength(2);
    expect(relDiff(worst.a, worst.b)).toBe(c.maxRelDiff);
  });

  it('finds a 1-pass cascade without the rescale (PRM = 1) not equivalent', () => {
    const c = compareCascades(attention1Pass(shape), attention1Pass(shape, 'PRM[m1,p] = exp(LM[m1,p] - LM[m1,p])'), { seed: 3 });
    expect(c.equivalent).toBe(false);
  });

  it('applies the tolerance', () => {
    const a = buildCascade({ tensors: { X: { ranks: ['i'], shape: [3] }, Y: { ranks: ['i'], shape: [3] } }, einsums: ['Y[i] = X[i] * 1'] });
    const b = buildCascade({ tensors: { X: { ranks: ['i'], shape: [3] }, Y: { ranks: ['i'], shape: [3] } }, einsums: ['Y[i] = X[i] * 1.000001'] });
    expect(compareCascades(a, b).equivalent).toBe(false);
    const loose = compareCascades(a, b, { tolerance: 1e-5 });
    expect(loose.equivalent).toBe(true);
    expect(loose.maxRelDiff).toBeCloseTo(1e-6, 10);
  });

  it('refuses inputs of the same name with different shapes', () => {
    const e = (() => {
      try {
        compareCascades(gemm(2, 3, 4), gemm(2, 3, 5));
      } catch (err) {
        return err as EinsimError;
      }
    })();
    expect(e).toBeInstanceOf(EinsimError);
    expect(e!.issues.map((i) => [i.code, i.path])).toEqual([
      ['shape', 'tensors.A'],
      ['shape', 'tensors.B'],
    ]);
  });

  it('refuses cascades with no output in common', () => {
    const other = buildCascade({ tensors: { X: { ranks: ['i'], shape: [3] }, Y: { ranks: ['i'], shape: [3] } }, einsums: ['Y[i] = X[i] * 1'] });
    expect(() => compareCascades(gemm(2, 2, 2), other)).toThrow(/output tensor that both/);
  });
});
