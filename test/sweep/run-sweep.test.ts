import { describe, expect, it } from 'vitest';
import { gridPoints } from '../../src/sweep/points.js';
import { evaluatePoint } from '../../src/sweep/run-sweep.js';
import { fakeRegistry, FAKE_ARCH_YAML } from '../helpers/fake-engine.js';

const GEMM = `name: g
params: { M: 8, N: 8, K: 8 }
tensors:
  A: [m, k]
  B: [k, n]
  Z: [m, n]
einsums:
  - Z[m,n] = A[m,k] * B[k,n]
`;

describe('evaluatePoint', () => {
  const input = { archText: FAKE_ARCH_YAML, archFile: 'a.yaml', workloadText: GEMM, workloadFile: 'g.yaml', registry: fakeRegistry };

  it('applies arch fields and workload params per point', () => {
    const outs = [...gridPoints({ 'structure.pes': [4, 16], 'param.M': [8, 16] })].map((p) => evaluatePoint(input, p));
    const cycles = outs.map((o) => (o.ok ? o.report.totals.cycles : -1));
    // fake engine: cycles = ceil(M·N·K / pes)
    expect(cycles).toEqual([128, 256, 32, 64]);
  });

  it('skips an invalid point with its reason instead of failing the sweep', () => {
    const o = evaluatePoint(input, { 'structure.pes': 0 });
    expect(o.ok).toBe(false);
    if (!o.ok) expect(o.reason).toContain('structure.pes');
  });
});
