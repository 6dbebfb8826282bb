import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseWorkload } from '../../src/einsum/parse.js';
import { loadWorkload } from '../../src/einsum/load.js';
import { EinsimError } from '../../src/errors.js';
import { REPO_ROOT } from '../helpers/ref.js';
import { expectIssues, issuesOf } from '../helpers/expectIssue.js';

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
      { name: 'p', extent: 64 },
      { name: 'e', extent: 64 },
    ]);
    expect(byId.LM.reduce).toEqual({ op: 'max', ranks: ['m0'] });
    expect(byId.BQK.annotations).toEqual({ bind: '2d' });
    expect(c.tensors.RM.shape).toEqual([17, 64]);
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
    expect(c.tensors.RM.shape).toEqual([9, 64]);
  });

  it('rejects an override of a param the file does not have', () => {
    const text = readFileSync(workload('gemm.yaml'), 'utf8');
    expect(() => parseWorkload(text, 'g.yaml', { Q: 3 })).toThrowError(EinsimError);
  });
});

describe('parseWorkload constructs', () => {
  const doc = (body: string) => `name: t\n${body}`;

  it('reads long-form tensors: shape expressions, precision, padding (pair or one number), annotations', () => {
    const c = parseWorkload(
      doc(`precision: bf16
params: { C: 2, H: 5, R: 3, pad: 1, P: H + 2*pad - R + 1, scale: 0.5 }
ranks: { h: H }
tensors:
  I: { ranks: [c, h], padding: { h: [pad, pad] } }
  J: { ranks: [c, h], padding: { h: 1 }, precision: int8 }
  F: [r]
  O: { ranks: [c, p], shape: [C, P], precision: fp32 }
einsums:
  - einsum: O[c,p] = (I[c, p + r - pad] + J[c, p + r - pad]) * F[r] * scale
    bind: 2d
    unit: host
    fused: true
    lanes: 4
`),
      't.yaml',
    );
    expect(c.tensors.I).toMatchObject({ shape: [2, 5], precision: 'bf16', padding: { h: [1, 1] }, role: 'input' });
    expect(c.tensors.J).toMatchObject({ precision: 'int8', padding: { h: [1, 1] } });
    expect(c.tensors.O).toMatchObject({ shape: [2, 5], precision: 'fp32', role: 'output' });
    const e = c.einsums[0];
    expect(e.annotations).toEqual({ bind: '2d', unit: 'host', fused: true, lanes: 4 });
    expect(e.ranks).toEqual([{ name: 'c', extent: 2 }, { name: 'p', extent: 5 }, { name: 'r', extent: 3 }]);
    expect(e.reduce).toEqual({ op: 'sum', ranks: ['r'] });
    expect(e.loc).toEqual({ file: 't.yaml', line: 11, path: 'einsums[0]' });
    // scale is substituted as a constant in the map.
    expect(JSON.stringify(e.expr)).toContain('{"kind":"const","value":0.5}');
  });

  it('reads inf, -inf and negated params as constants, not per-point negations', () => {
    const c = parseWorkload(doc(`params: { M: 2, k: 3 }\ntensors: { X: [m], Y: [m] }\neinsums:\n  - Y[m] = max(X[m], -inf) + -k\n`), 't.yaml');
    expect(c.einsums[0].expr).toEqual({
      kind: 'call',
      op: 'add',
      args: [{ kind: 'call', op: 'max', args: [{ kind: 'access', access: c.einsums[0].output.tensor === 'Y' ? expect.anything() : null }, { kind: 'const', value: -Infinity }] }, { kind: 'const', value: -3 }],
    });
  });

  it('reads init values written as -inf, .inf, numbers or expressions', () => {
    const make = (value: string) =>
      parseWorkload(doc(`params: { M1: 2, P: 1 }\ntensors:\n  L: [m1, p]\n  R: { ranks: [m1, p], shape: [M1 + 1, P], init: { m1: 0, value: ${value} } }\neinsums:\n  - R[m1+1,p] = max(R[m1,p], L[m1,p])\n`), 't.yaml').tensors.R.init;
    expect(make('-inf')).toEqual({ rank: 'm1', at: 0, value: -Infinity });
    expect(make('-.inf')).toEqual({ rank: 'm1', at: 0, value: -Infinity });
    expect(make('"P * 2"')).toEqual({ rank: 'm1', at: 0, value: 2 });
    expect(make('0')).toEqual({ rank: 'm1', at: 0, value: 0 });
  });

  it('warns about an input nothing reads, without failing', () => {
    const c = parseWorkload(doc(`params: { M: 2 }\ntensors:\n  X: [m]\n  Unused: [m]\n  Y: [m]\neinsums:\n  - Y[m] = X[m]\n`), 't.yaml');
    expect(c.warnings).toEqual([expect.objectContaining({ path: 'tensors.Unused', line: 5, severity: 'warning', code: 'invalid_value' })]);
  });

  it('collects independent issues across sections of the same stage', () => {
    expectIssues(
      () => parseWorkload(doc(`precision: fp12\nparams: { M: "M0 * 2", N: 3 }\nranks: { n: 0 }\ntensors: { X: [m] }\neinsums: [ "X[m] = 1" ]\n`), 't.yaml'),
      [
        { code: 'invalid_value', path: 'precision', line: 2 },
        { code: 'unknown_name', path: 'params.M', line: 3 },
        { code: 'shape', path: 'ranks.n', line: 4 },
      ],
    );
  });

  it('names the command line as the file of a bad override', () => {
    const text = readFileSync(workload('gemm.yaml'), 'utf8');
    expectIssues(() => parseWorkload(text, 'gemm.yaml', { Q: 3 }), [{ code: 'unknown_name', path: '--param Q', file: '<cli>', expected: 'a param of gemm.yaml (M, K, N)' }]);
    expectIssues(() => parseWorkload(text, 'gemm.yaml', { M: 0 }), [
      { code: 'shape', path: 'tensors.A', line: 14, expected: 'an extent for rank m' },
      { code: 'shape', path: 'tensors.Z', line: 16, expected: 'an extent for rank m' },
    ]);
  });

  it('parses a 100-layer network file', () => {
    const layers = Array.from({ length: 100 }, (_, i) => i);
    const text = [
      'name: mlp-100',
      'params: { B: 8, D: 64 }',
      'tensors:',
      '  X0: [b, d]',
      ...layers.map((i) => `  W${i}: { ranks: [k, d], shape: [D, D] }\n  X${i + 1}: [b, d]`),
      'einsums:',
      ...layers.map((i) => `  - X${i + 1}[b,d] = relu(X${i}[b,k] * W${i}[k,d])`),
    ].join('\n');
    const c = parseWorkload(text, 'mlp.yaml');
    expect(c.einsums).toHaveLength(100);
    expect(c.einsums[99].id).toBe('X100');
    expect(c.tensors.X100.role).toBe('output');
  });
});

describe('loadWorkload', () => {
  it('dispatches on the file extension: .yaml is einsim, .csv a SCALE-Sim topology, anything else is refused', () => {
    expectIssues(() => loadWorkload('topologies/resnet.txt'), [{ code: 'unsupported', path: '', expected: 'a workload .yaml file or a SCALE-Sim topology .csv', file: 'topologies/resnet.txt' }]);
    expectIssues(() => loadWorkload('topologies/resnet.csv'), [{ code: 'io', path: '', expected: 'a readable file', file: 'topologies/resnet.csv' }]);
  });

  it('reports a missing file as an io issue', () => {
    expectIssues(() => loadWorkload('/nonexistent/w.yaml'), [{ code: 'io', path: '', expected: 'a readable file' }]);
  });
});

describe('names that would alias JavaScript object properties', () => {
  it.each([
    ['a tensor', 'name: t\nparams: { M: 2 }\ntensors: { constructor: [m], Y: [m] }\neinsums: ["Y[m] = Y[m]"]\n', 'tensors["constructor"]'],
    ['a param', 'name: t\nparams: { toString: 2, M: 2 }\ntensors: { X: [m], Y: [m] }\neinsums: ["Y[m] = X[m]"]\n', 'params["toString"]'],
    ['an annotation', 'name: t\nparams: { M: 2 }\ntensors: { X: [m], Y: [m] }\neinsums:\n  - { einsum: "Y[m] = X[m]", __proto__: 1 }\n', 'einsums[0]["__proto__"]'],
    ['a rank in an Einsum', 'name: t\nparams: { M: 2 }\ntensors: { X: [m], Y: [m] }\neinsums: ["Y[m] = X[m + valueOf]"]\n', 'einsums[0]'],
  ])('are refused for %s', (_what, text, path) => {
    const issues = issuesOf(() => parseWorkload(text, 't.yaml'));
    expect(issues.map((i) => i.path)).toContain(path);
  });
});
