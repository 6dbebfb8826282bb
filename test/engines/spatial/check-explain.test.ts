import { describe, expect, it } from 'vitest';
import type { Arch } from '../../../src/arch/types.js';
import { spatialEngine } from '../../../src/engines/spatial/index.js';
import { EinsimError } from '../../../src/errors.js';
import type { SpatialStructure } from '../../../src/engines/spatial/structure.js';
import { arch, workload } from './helpers.js';

const onePass = workload('workloads/fusemax/attention-1pass.yaml', { seq: 1024, B: 1, H: 2 });
const threePass = workload('workloads/fusemax/attention-3pass.yaml', { seq: 262144, B: 1, H: 1 });
const tinyBuffer = (a: Arch<SpatialStructure>, sizeBytes: number): Arch<SpatialStructure> => ({ ...a, structure: { ...a.structure, globalBuffer: { ...a.structure.globalBuffer, sizeBytes } } });

describe('check', () => {
  it('accepts the shipped pairs', () => {
    expect(spatialEngine.check(onePass, arch('fusemax')).every((c) => c.ok)).toBe(true);
    expect(spatialEngine.check(threePass, arch('flat')).every((c) => c.ok)).toBe(true);
  });
  it('says why a query tile cannot fit the buffer', () => {
    const checks = spatialEngine.check(onePass, tinyBuffer(arch('fusemax'), 4096));
    expect(checks.every((c) => !c.ok)).toBe(true);
    expect(checks[0].reason).toMatch(/a query tile of 256 needs \d+ B of buffer .* the buffer has 4096 B/);
  });
});

describe('simulate', () => {
  it('refuses a query tile that cannot fit the buffer, with the reason check gives, instead of timing it', () => {
    const small = tinyBuffer(arch('fusemax'), 4096);
    const reason = spatialEngine.check(onePass, small)[0].reason;
    let error: unknown;
    try {
      spatialEngine.simulate(onePass, small, { trace: false });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(EinsimError);
    expect((error as EinsimError).issues[0]).toMatchObject({ path: 'structure.globalBuffer.sizeBytes', code: 'unsupported', received: reason });
  });
});

describe('explain', () => {
  it('tells the pass count, binding, residence, spill decision and bound of FLAT at 256K tokens', () => {
    const a = arch('flat');
    const text = spatialEngine.explain!(threePass, a, spatialEngine.simulate(threePass, a, { trace: false })).join('\n');
    expect(text).toContain('Passes over the input (lower bound from the cascade graph): 3');
    expect(text).toMatch(/SN → 1d \(default: non-contractions go to the 1-D array\)/);
    expect(text).toMatch(/QK: buffer — kept across a pass boundary over m/);
    expect(text).toMatch(/spill \(crossing\): 100\.0% of QK, A goes through DRAM/);
    expect(text).toContain('bound by memory');
  });
  it('shows the drain the +Architecture point waits for', () => {
    const a = arch('fusemax-arch');
    const text = spatialEngine.explain!(onePass, a, spatialEngine.simulate(onePass, a, { trace: false })).join('\n');
    expect(text).toMatch(/waiting for reductions to drain/);
    expect(text).toMatch(/LM: staging/);
  });
});

describe('tracing', () => {
  it('adds a timeline of both arrays and never changes a number', () => {
    const a = arch('fusemax');
    const plain = spatialEngine.simulate(onePass, a, { trace: false });
    const traced = spatialEngine.simulate(onePass, a, { trace: true });
    expect(traced.timeline!.length).toBeGreaterThan(0);
    expect(new Set(traced.timeline!.map((e) => e.tid))).toEqual(new Set(['2d', '1d']));
    const { timeline, ...rest } = traced;
    void timeline;
    expect(rest).toEqual(plain);
  });
});
