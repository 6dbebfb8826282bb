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
