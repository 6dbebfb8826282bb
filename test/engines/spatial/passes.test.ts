import { describe, expect, it } from 'vitest';
import { analysePasses, explainPasses, passCost } from '../../../src/engines/spatial/passes.js';
import { workload } from './helpers.js';

describe('pass counting from the cascade graph', () => {
  it('the naive softmax needs 2 passes: A waits for the complete sum SD', () => {
    const a = analysePasses(workload('workloads/attention-naive.yaml'));
    expect(a.passes).toBe(2);
    expect(a.fibers.find((f) => f.inputRank === 'm')?.boundaries.map((b) => b.consumer)).toEqual(['A']);
  });

  it('the 3-pass cascade needs 3 passes: SN waits for GM, A waits for SD', () => {
    const a = analysePasses(workload('workloads/fusemax/attention-3pass.yaml'));
    expect(a.passes).toBe(3);
    const m = a.fibers.find((f) => f.inputRank === 'm')!;
    expect(m.boundaries.map((b) => [b.consumer, b.waitsFor, b.pass])).toEqual([
      ['SN', 'GM', 2],
      ['A', 'SD', 3],
    ]);
  });

  it('the 1-pass cascade needs 1 pass over m; only the m0 tile is walked twice', () => {
    const a = analysePasses(workload('workloads/fusemax/attention-1pass.yaml'));
    expect(a.passes).toBe(1);
    const m = a.fibers.find((f) => f.inputRank === 'm')!;
    expect(m.components).toEqual(['m1', 'm0']);
    expect(m.tilePasses).toBe(2);
  });

  it('the 1-pass buffer per query does not grow with the sequence length; the 3-pass one does', () => {
    const one = (seq: number) => analysePasses(workload('workloads/fusemax/attention-1pass.yaml', { seq })).bufferBytesPerQuery;
    const three = (seq: number) => analysePasses(workload('workloads/fusemax/attention-3pass.yaml', { seq })).bufferBytesPerQuery;
    expect(one(1024)).toBe(one(65536));
    // Q (E=64), RM, RD, RNV (F=64) in fp16, as the artifact's proposal.py counts, plus one m0 tile of BQK.
    expect(one(1024)).toBe((64 + 1 + 1 + 64) * 2 + 256 * 2);
    // The fiber QK/SN (M fp16 values per query, one slot reused across passes) plus Q, GM, SD.
    expect(three(65536) - three(1024)).toBe((65536 - 1024) * 2);
  });

  it('explains itself in readable lines', () => {
    const text = explainPasses(analysePasses(workload('workloads/fusemax/attention-3pass.yaml'))).join('\n');
    expect(text).toContain('Passes over the input (lower bound from the cascade graph): 3');
    expect(text).toContain('SN iterates m but needs the complete GM: pass 2');
  });
});

describe('what the passes cost with a given buffer', () => {
  it('the 3-pass buffer of a 1M-token query (a 2 MiB fiber plus state) fits 16 MiB seven times, and costs DRAM traffic in 1 MiB', () => {
    const a = analysePasses(workload('workloads/fusemax/attention-3pass.yaml', { seq: 1048576, B: 1, H: 1 }));
    expect(passCost(a, 16 * 2 ** 20)).toEqual({ queriesHeld: 7, dramBytesPerQuery: 0 });
    // QK and SN are kept across different boundaries: each is written once and read back once.
    expect(passCost(a, 2 ** 20)).toEqual({ queriesHeld: 1, dramBytesPerQuery: 2 * 2 * 2 ** 21 });
  });
  it('a GEMM keeps nothing per query: the explanation says so instead of "holds Infinity queries"', () => {
    const a = analysePasses(workload('workloads/gemm.yaml'));
    expect(a.bufferBytesPerQuery).toBe(0);
    const text = explainPasses(a, 16 * 2 ** 20).join('\n');
    expect(text).not.toMatch(/Infinity|NaN/);
    expect(text).toContain('nothing is kept per query');
  });
  it('the 1-pass cascade never needs DRAM for its passes', () => {
    const a = analysePasses(workload('workloads/fusemax/attention-1pass.yaml', { seq: 1048576, B: 1, H: 1 }));
    expect(passCost(a, 64 * 1024).dramBytesPerQuery).toBe(0);
  });
});
