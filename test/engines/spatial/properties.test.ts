// Invariants of the spatial model on small attention shapes and every shipped spatial
// architecture, with the buffer size and DRAM bandwidth drawn by fast-check.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Arch } from '../../../src/arch/types.js';
import { priceActions } from '../../../src/cost/energy.js';
import type { Cascade } from '../../../src/einsum/types.js';
import { spatialEngine } from '../../../src/engines/spatial/index.js';
import type { SpatialStructure } from '../../../src/engines/spatial/structure.js';
import { arch, workload } from './helpers.js';

const archs = ['fusemax', 'fusemax-arch', 'fusemax-cascade', 'flat', 'unfused'].map(arch);
const cascades: Cascade[] = [];
cascades.push(workload('workloads/attention-1pass.yaml'), workload('workloads/attention-3pass.yaml', { P: 64 }), workload('workloads/conv.yaml'), workload('workloads/mobilenet-v1.yaml'));
for (const seq of [512, 4096]) {
  for (const file of ['workloads/fusemax/attention-1pass.yaml', 'workloads/fusemax/attention-3pass.yaml', 'workloads/fusemax/layer-3pass.yaml']) {
    cascades.push(workload(file, { seq, B: 2, H: 2, ...(file.includes('layer') ? { D: 256, S: 512 } : {}) }));
  }
}

const withBuffer = (a: Arch<SpatialStructure>, sizeBytes: number, bandwidth = 1): Arch<SpatialStructure> => ({
  ...a,
  structure: { ...a.structure, globalBuffer: { ...a.structure.globalBuffer, sizeBytes }, dram: { ...a.structure.dram, bandwidthBytesPerSecond: a.structure.dram.bandwidthBytesPerSecond * bandwidth } },
});
const run = (c: Cascade, a: Arch<SpatialStructure>) => spatialEngine.simulate(c, a, { trace: false });
const dram = (r: ReturnType<typeof run>) => (r.traffic.dram?.readBytes ?? 0) + (r.traffic.dram?.writeBytes ?? 0);
const busy = (r: ReturnType<typeof run>, unit: string) => r.einsums.reduce((s, e) => s + (e.busyUnitCycles[unit] ?? 0), 0);

const point = fc.record({
  arch: fc.integer({ min: 0, max: archs.length - 1 }),
  cascade: fc.integer({ min: 0, max: cascades.length - 1 }),
  // 256 KiB … 64 MiB: a query tile of every cascade fits the smallest.
  logBuffer: fc.integer({ min: 18, max: 26 }),
});

describe('spatial model invariants', () => {
  it('utilization of each array is at most 1, and the run is never shorter than its busiest array', () => {
    fc.assert(
      fc.property(point, ({ arch: ai, cascade: ci, logBuffer }) => {
        const r = run(cascades[ci], withBuffer(archs[ai], 2 ** logBuffer));
        for (const unit of ['2d', '1d']) {
          expect(busy(r, unit) / (r.units[unit] * r.cycles)).toBeLessThanOrEqual(1 + 1e-9);
          expect(r.cycles).toBeGreaterThanOrEqual(busy(r, unit) / r.units[unit] - 1e-6);
        }
      }),
      { numRuns: 25 },
    );
  });

  it('a larger buffer never increases DRAM traffic', () => {
    fc.assert(
      fc.property(point, fc.integer({ min: 1, max: 6 }), ({ arch: ai, cascade: ci, logBuffer }, more) => {
        const small = run(cascades[ci], withBuffer(archs[ai], 2 ** logBuffer));
        const large = run(cascades[ci], withBuffer(archs[ai], 2 ** (logBuffer + more)));
        expect(dram(large)).toBeLessThanOrEqual(dram(small) * (1 + 1e-12));
      }),
      { numRuns: 25 },
    );
  });

  it('more DRAM bandwidth never increases latency', () => {
    fc.assert(
      fc.property(point, fc.double({ min: 0.01, max: 1, noNaN: true }), fc.double({ min: 1, max: 100, noNaN: true }), ({ arch: ai, cascade: ci, logBuffer }, lo, factor) => {
        const slow = run(cascades[ci], withBuffer(archs[ai], 2 ** logBuffer, lo));
        const fast = run(cascades[ci], withBuffer(archs[ai], 2 ** logBuffer, lo * factor));
        expect(fast.cycles).toBeLessThanOrEqual(slow.cycles * (1 + 1e-12));
      }),
      { numRuns: 25 },
    );
  });

  it('energy is additive over Einsums', () => {
    fc.assert(
      fc.property(point, ({ arch: ai, cascade: ci, logBuffer }) => {
        const a = withBuffer(archs[ai], 2 ** logBuffer);
        const r = run(cascades[ci], a);
        const total = priceActions(r.actions, a).totalPj;
        const sum = r.einsums.reduce((s, e) => s + priceActions(e.actions, a).totalPj, 0);
        expect(total).toBeGreaterThan(0);
        expect(Math.abs(sum - total) / total).toBeLessThan(1e-9);
      }),
      { numRuns: 20 },
    );
  });

  it('a whole network fused into one kernel sends the activations that do not fit through DRAM', () => {
    const net = cascades.find((c) => c.einsums.length > 20)!;
    const big = run(net, withBuffer(archs[0], 2 ** 30));
    const small = run(net, withBuffer(archs[0], 2 ** 18));
    const inputsAndOutputs = dram(big);
    expect(dram(small)).toBeGreaterThan(2 * inputsAndOutputs);
  });

  // The parts telescope per kernel (ideal + (no-drain makespan − ideal) + (makespan − no-drain
  // makespan) + stall = max(makespan, memory) = the kernel's cycles), so their sum is the cycles by
  // construction and is not tested. Each part being ≥ 0 is not: it says the makespan covers the
  // busier array's work, exposed drains never shorten a schedule, and every Einsum's folded steps
  // cover its points spread over every lane.
  it('no part of the cycle breakdown is negative, in total and per Einsum', () => {
    for (const a of archs) {
      for (const c of cascades) {
        const r = run(c, a);
        const b = r.breakdown;
        expect(Math.min(b.idealCycles, b.underutilizationCycles, b.drainCycles, b.stallCycles)).toBeGreaterThanOrEqual(-1e-6);
        for (const e of r.einsums) {
          const p = e.breakdown;
          expect(Math.min(p.idealCycles, p.underutilizationCycles, p.stallCycles)).toBeGreaterThanOrEqual(-1e-6);
        }
      }
    }
  });
});
