// Global-buffer accesses follow the elements' width: one access moves a port's worth of bits,
// so FP32 operands take twice the accesses (and bytes) of the same FP16 cascade.
import { describe, expect, it } from 'vitest';
import type { Cascade } from '../../../src/einsum/types.js';
import { BUFFER_COMPONENT } from '../../../src/engines/spatial/structure.js';
import { arch, registry, workload } from './helpers.js';

function withPrecision(c: Cascade, precision: 'fp16' | 'fp32'): Cascade {
  const copy = structuredClone(c);
  for (const t of Object.values(copy.tensors)) t.precision = precision;
  return copy;
}

function buffer(c: Cascade) {
  const r = registry.spatial.simulate(c, arch('fusemax'), { trace: false });
  const count = (action: string) => r.actions.filter((a) => a.component === BUFFER_COMPONENT && a.action === action).reduce((s, a) => s + a.count, 0);
  return { reads: count('read'), writes: count('write'), traffic: r.traffic[BUFFER_COMPONENT], cycles: r.cycles };
}

describe('spatial global-buffer accesses', () => {
  it('double when every element is twice as wide (FP32 vs FP16 GEMM)', () => {
    const gemm = workload('workloads/gemm.yaml', { M: 512, N: 512, K: 512 });
    const half = buffer(withPrecision(gemm, 'fp16'));
    const full = buffer(withPrecision(gemm, 'fp32'));
    expect(half.reads).toBeGreaterThan(0);
    expect(half.writes).toBeGreaterThan(0);
    expect(full.reads).toBeCloseTo(2 * half.reads, 6);
    expect(full.writes).toBeCloseTo(2 * half.writes, 6);
    expect(full.traffic.readBytes).toBeCloseTo(2 * half.traffic.readBytes, 6);
    expect(full.traffic.writeBytes).toBeCloseTo(2 * half.traffic.writeBytes, 6);
  });
});
