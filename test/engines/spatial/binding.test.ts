import { describe, expect, it } from 'vitest';
import { bindEinsum } from '../../../src/engines/spatial/binding.js';
import { costOnArray, opsPerPoint } from '../../../src/engines/spatial/ops.js';
import { arrayView } from '../../../src/engines/spatial/structure.js';
import { parseWorkload } from '../../../src/einsum/parse.js';
import { arch, workload } from './helpers.js';

const onePass = workload('workloads/fusemax/attention-1pass.yaml', { seq: 1024, B: 1, H: 1 });
const threePass = workload('workloads/fusemax/attention-3pass.yaml', { seq: 1024, B: 1, H: 1 });
const einsum = (c: typeof onePass, id: string) => c.einsums.find((e) => e.id === id)!;

describe('ops per point', () => {
  it('counts a contraction as one mac and every map operator once', () => {
    expect(opsPerPoint(einsum(onePass, 'BQK'))).toEqual({ mac: 1 });
    expect(opsPerPoint(einsum(onePass, 'SLN'))).toEqual({ exp: 1, sub: 1 });
    expect(opsPerPoint(einsum(onePass, 'LM'))).toEqual({ max: 1 });
    expect(opsPerPoint(einsum(onePass, 'SLD'))).toEqual({ add: 1 });
    expect(opsPerPoint(einsum(onePass, 'AV'))).toEqual({ div: 1 });
  });
});

describe('op costs come from the architecture', () => {
  it('FuseMax 2-D PEs: exp as 6 MACs plus the subtraction, issued one after the other (7 cycles)', () => {
    const c = costOnArray(opsPerPoint(einsum(onePass, 'SLN')), arrayView(arch('fusemax').structure, '2d'));
    expect(c).toEqual({ ok: true, cost: { cyclesPerPoint: 7, usesPerPoint: { mac: 6, add: 1 } } });
  });
  it('FLAT 1-D PEs: a dedicated, chained exp unit makes exp(x - max) one cycle', () => {
    const c = costOnArray(opsPerPoint(einsum(threePass, 'SN')), arrayView(arch('flat').structure, '1d'));
    expect(c).toEqual({ ok: true, cost: { cyclesPerPoint: 1, usesPerPoint: { exp: 1, add: 1 } } });
  });
  it('the +Cascade point charges exp + add as 2 cycles on the same PEs, as flat_pe_proposal.py does', () => {
    const c = costOnArray(opsPerPoint(einsum(onePass, 'SLN')), arrayView(arch('fusemax-cascade').structure, '1d'));
    expect(c.ok && c.cost.cyclesPerPoint).toBe(2);
  });
  it('an op the array lacks is reported, not costed', () => {
    expect(costOnArray({ max: 1 }, arrayView(arch('flat').structure, '2d'))).toEqual({ ok: false, missing: ['max'] });
  });
});

describe('binding', () => {
  it('follows bind: annotations where the PEs can run the Einsum', () => {
    const s = arch('fusemax').structure;
    const arrays = onePass.einsums.map((e) => [e.id, bindEinsum(e, s)]).map(([id, b]) => [id, (b as { array: string }).array]);
    expect(Object.fromEntries(arrays)).toEqual({ BQK: '2d', LM: '2d', RM: '1d', SLN: '2d', SLD: '2d', SLNV: '2d', PRM: '1d', SPD: '1d', RD: '1d', SPNV: '1d', RNV: '1d', AV: '1d' });
  });
  it('falls back to the other array on MAC-only 2-D PEs (the +Cascade binding), saying why', () => {
    const s = arch('fusemax-cascade').structure;
    const sln = bindEinsum(einsum(onePass, 'SLN'), s);
    expect(sln.ok && sln.array).toBe('1d');
    expect(sln.ok && sln.reason).toMatch(/2d PEs have no (exp, sub|sub, exp)/);
    const on2d = onePass.einsums.filter((e) => {
      const b = bindEinsum(e, s);
      return b.ok && b.array === '2d';
    });
    expect(on2d.map((e) => e.id)).toEqual(['BQK', 'SLNV']);
  });
  it('without annotations, contractions go to the 2-D array and the softmax to the 1-D array', () => {
    const s = arch('flat').structure;
    expect(threePass.einsums.map((e) => (bindEinsum(e, s) as { array: string }).array)).toEqual(['2d', '1d', '1d', '1d', '1d', '2d']);
  });
  it('an Einsum neither array can run is unsupported', () => {
    const c = parseWorkload('name: t\ntensors: { X: [i], Y: [i] }\nparams: { I: 4 }\neinsums: [ "Y[i] = tanh(X[i])" ]\n', 't.yaml');
    const b = bindEinsum(c.einsums[0], arch('fusemax').structure);
    expect(b).toEqual({ ok: false, reason: 'neither array supports tanh' });
  });
});
