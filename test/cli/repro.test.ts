// `einsim repro fusemax` as a user runs it (one model and length, to keep the test short).
import { describe, expect, it } from 'vitest';
import { einsim, expectCleanFailure } from '../helpers/cli.js';

describe('einsim repro fusemax', () => {
  it('prints the table beside the reference with the error of each row', () => {
    const r = einsim('repro', 'fusemax', '--model', 'T5', '--seq', '4K');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Reference: ');
    for (const label of ['Unfused', 'FLAT', '+Cascade', '+Architecture', 'FuseMax']) expect(r.stdout).toContain(label);
    expect(r.stdout).toMatch(/T5\s+4K\s+FuseMax\s+\S+ ms\s+\S+ ms\s+[+-]\d+\.\d%/);
    expect(r.stdout).toContain('attention mean speedup FuseMax / FLAT');
  });

  it('--json gives the rows with the agreed fields', () => {
    const r = einsim('repro', 'fusemax', '--model', 'BERT', '--seq', '1K', '--json');
    expect(r.code).toBe(0);
    const rows = JSON.parse(r.stdout) as Record<string, unknown>[];
    expect(rows).toHaveLength(10);
    for (const row of rows) {
      expect(Object.keys(row)).toEqual(expect.arrayContaining(['model', 'seqLen', 'design', 'scope', 'latencyS', 'energyPj', 'util2d', 'util1d']));
    }
    expect(new Set(rows.map((r) => r.design))).toEqual(new Set(['unfused', 'flat', 'cascade', 'architecture', 'fusemax']));
    expect(new Set(rows.map((r) => r.scope))).toEqual(new Set(['attention', 'end2end']));
  });

  it('says the reference is unavailable when it is, and still prints einsim\u2019s numbers', () => {
    const r = einsim('repro', 'fusemax', '--model', 'T5', '--seq', '1K', '--ref', '/nonexistent');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Reference unavailable');
    expect(r.stdout).toMatch(/T5\s+1K\s+FuseMax/);
  });

  it('an unknown model is a one-line error', () => {
    const [line] = expectCleanFailure(einsim('repro', 'fusemax', '--model', 'GPT'), 1);
    expect(line).toContain('--model: expected one of BERT, TrXL, T5, XLM, received "GPT"');
  });
});

describe('einsim repro pim-gpt', () => {
  it('prints latency against the bandwidth bound, with the reference bound beside einsim’s own', () => {
    const r = einsim('repro', 'pim-gpt', '--model', 'GPT2-small');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Reference bound: ');
    // Bound computed from the run's MACs (60.3) and the CSV's (60.3) side by side.
    expect(r.stdout).toMatch(/GPT2-small\s+\S+ \(\S+\)\s+60\.3\s+60\.3\s+9\.2\s+\d\.\d{3} \(\d\.\d{3}\)/);
    expect(r.stdout).toMatch(/costs 1\.508× its MAC time/);
  });

  it('--json rows: latency between the row-switch floor and the sequential schedule, bound as the reference', () => {
    const r = einsim('repro', 'pim-gpt', '--model', 'GPT3-small', '--kv', '512', '--json');
    expect(r.code).toBe(0);
    const [row] = JSON.parse(r.stdout) as { latencyUs: number; sequentialLatencyUs: number; boundUs: number; refBoundUs: number; kvUs: number; ratio: number }[];
    expect(row.boundUs).toBeCloseTo(row.refBoundUs, 1);
    expect(row.kvUs).toBeCloseTo(((2 * 12 * 512 * 768 * 2) / 4.096e12) * 1e6, 6); // K and V caches, BF16
    expect(row.ratio).toBeGreaterThan(193 / 128);
    expect(row.latencyUs).toBeLessThan(row.sequentialLatencyUs);
  });

  it('rejects options of the other study, in one line', () => {
    expect(expectCleanFailure(einsim('repro', 'pim-gpt', '--seq', '1K'), 1)[0]).toContain('--seq: expected no --seq for pim-gpt');
    expect(expectCleanFailure(einsim('repro', 'pim-gpt', '--model', 'BERT'), 1)[0]).toContain('--model: expected one of GPT2-small');
  });
});
