import { describe, expect, it } from 'vitest';
import { hostCost, hostOps, missingHostOps } from '../../../src/engines/pim/host.js';
import { parseWorkload } from '../../../src/einsum/parse.js';
import { gptDecode, pimArch, run } from './run.js';

const c = gptDecode(); // GPT-2 small: 12 heads, KV 1024, d_model 768
const ops = (id: string) => hostOps(c.einsums.find((e) => e.id === id)!);
const host = pimArch('pim-gpt').structure.host;

describe('host operation counts', () => {
  it('softmax: one max and one exp per score, a reciprocal per head and a multiply per score', () => {
    expect(ops('SM')).toEqual({ max: 12 * 1024 });
    expect(ops('EX')).toEqual({ sub: 12 * 1024, mul: 12 * 1024, exp: 12 * 1024 });
    expect(ops('SD')).toEqual({ add: 12 * 1024 });
    expect(ops('P')).toEqual({ reciprocal: 12, mul: 12 * 1024 });
  });

  it('LayerNorm: the mean and variance are sums of products; rsqrt once, not per element', () => {
    expect(ops('MU1')).toEqual({ mac: 768 });
    expect(ops('VAR1')).toEqual({ mac: 768, mul: 768 });
    expect(ops('RS1')).toEqual({ add: 1, rsqrt: 1 });
    expect(ops('XN1')).toEqual({ mul: 2 * 768, add: 768 });
  });

  it('costs lane-cycles from the arch file’s table, lanes at a time', () => {
    const ex = hostCost(c.einsums.find((e) => e.id === 'EX')!, host);
    const laneCycles = 12 * 1024 * (host.opCycles.sub! + host.opCycles.mul! + host.opCycles.exp!);
    expect(ex.cycles).toBe(Math.ceil(laneCycles / host.lanes));
  });

  it('names the operations a host table cannot price', () => {
    const gelu = c.einsums.find((e) => e.id === 'GU')!;
    expect(missingHostOps(gelu, { ...host, opCycles: { add: 1 } })).toEqual(['gelu']);
    expect(missingHostOps(gelu, host)).toEqual([]);
  });
});

describe('host MACs in the report', () => {
  it('counts the MACs of a contraction the host runs, and of host LayerNorm sums, per execution', () => {
    const gemm = parseWorkload(
      'name: g\nprecision: bf16\nparams: { M: 16, K: 64, N: 32 }\ntensors: { A: [m, k], B: [k, n], Z: [m, n] }\neinsums:\n  - einsum: Z[m,n] = A[m,k] * B[k,n]\n    unit: host\n',
      '<gemm>',
    );
    const z = run(gemm, pimArch('pim-gpt')).report.einsums[0];
    expect(z.unit).toBe('host');
    expect(z.macs).toBe(16 * 64 * 32);
    const g = run(gptDecode(), pimArch('pim-gpt')).report;
    const mu = g.einsums.find((e) => e.einsum === 'MU1')!;
    expect(mu.unit).toBe('host');
    expect(mu.macs).toBe(768 * 12); // one per element, in each of the 12 layers
  });
});
