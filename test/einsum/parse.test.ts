import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseWorkload } from '../../src/einsum/parse.js';
import { loadWorkload } from '../../src/einsum/load.js';
import { EinsimError } from '../../src/errors.js';
import { REPO_ROOT } from '../helpers/ref.js';

const workload = (name: string): string => join(REPO_ROOT, 'workloads', name);

describe('parseWorkload on the shipped attention cascades', () => {
  it('reads FuseMax cascade 5 with its three recurrences over m1, in evaluation order', () => {
    const c = loadWorkload(workload('attention-1pass.yaml'));
    expect(c.einsums.map((e) => e.id)).toEqual(['BQK', 'LM', 'RM', 'SLN', 'SLD', 'SLNV', 'PRM', 'SPD', 'RD', 'SPNV', 'RNV', 'AV']);
    expect(c.recurrences).toEqual([
      { rank: 'm1', einsums: ['RM'] },
      { rank: 'm1', einsums: ['SPD', 'RD'] },
      { rank: 'm1', einsums: ['SPNV', 'RNV'] },
    ]);
    const byId = Object.fromEntries(c.einsums.map((e) => [e.id, e]));
    expect(byId.PRM.iterative).toBeNull();
    expect(byId.RD.iterative).toBe('m1');
    expect(byId.BQK.ranks).toEqual([
      { name: 'm1', extent: 16 },
      { name: 'm0', extent: 256 },
      { name: 'p', extent: 4096 },
      { name: 'e', extent: 64 },
    ]);
    expect(byId.LM.reduce).toEqual({ op: 'max', ranks: ['m0'] });
    expect(byId.BQK.annotations).toEqual({ bind: '2d' });
    expect(c.tensors.RM.shape).toEqual([17, 4096]);
    expect(c.tensors.RM.init).toEqual({ rank: 'm1', at: 0, value: -Infinity });
    expect(c.tensors.BK.viewOf).toEqual({
      tensor: 'K',
      indices: [
        { terms: { e: 1 }, constant: 0, text: 'e' },
        { terms: { m1: 256, m0: 1 }, constant: 0, text: 'm1*M0 + m0' },
      ],
    });
    expect(c.tensors.AV.role).toBe('output');
    expect(c.tensors.K.role).toBe('input');
    expect(c.warnings).toEqual([]);
  });

  it('reads the 3-pass and naive cascades with implicit and explicit reductions', () => {
    const c = loadWorkload(workload('attention-3pass.yaml'));
    expect(c.einsums.map((e) => `${e.id}:${e.reduce?.op ?? '-'}`)).toEqual(['QK:sum', 'GM:max', 'SN:-', 'SD:sum', 'A:-', 'AV:sum']);
    expect(loadWorkload(workload('attention-naive.yaml')).einsums).toHaveLength(5);
  });

  it('applies --param overrides before later params are evaluated', () => {
    const text = readFileSync(workload('attention-1pass.yaml'), 'utf8');
    const c = parseWorkload(text, 'a.yaml', { M: 1024, M0: 128 });
    expect(c.params.M1).toBe(8);
    expect(c.tensors.RM.shape).toEqual([9, 4096]);
  });

  it('rejects an override of a param the file does not have', () => {
    const text = readFileSync(workload('gemm.yaml'), 'utf8');
    expect(() => parseWorkload(text, 'g.yaml', { Q: 3 })).toThrowError(EinsimError);
  });
});
