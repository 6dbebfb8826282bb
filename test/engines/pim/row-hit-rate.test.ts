// The row-hit rate is a share of column accesses, so it lies in [0, 1] for every Einsum as for the
// run, even when an all-bank ACT opens more bank rows than a tiny GEMV reads (HBM-PIM: one PCU per
// two banks, a 1×1 GEMV reads one column after opening both banks' rows).
import { describe, expect, it } from 'vitest';
import { gemvCascade, pimArch, run } from './run.js';

describe('pim: row-hit rate', () => {
  for (const [b, n, k] of [[1, 1, 1], [1, 3, 16], [2, 64, 4096]]) {
    it(`a ${b}×${n}×${k} GEMV on HBM-PIM reports a rate in [0, 1] per Einsum and for the run`, () => {
      const r = run(gemvCascade(b, n, k), pimArch('hbm-pim')).result;
      for (const rate of [r.details?.rowHitRate, r.einsums[0].details?.rowHitRate]) {
        expect(rate).toBeGreaterThanOrEqual(0);
        expect(rate).toBeLessThanOrEqual(1);
      }
    });
  }
});
