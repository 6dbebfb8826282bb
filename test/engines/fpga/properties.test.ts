// Invariants of the fpga model over the InTAR kernels (scaled down) and the three modes, with the
// DSP budget, core count, clock, port width and HBM channel bandwidth drawn by fast-check.
//
// Not a property, and so not tested: "InTAR ≤ min(sequential, dataflow) + switches". A dataflow
// design gives every task its own engine; InTAR's fixed cores may have to share one between two
// pipelined tasks (the gating net: three equal GEMMs on two cores runs 1.33× longer than on three
// engines). What does hold, and is tested: InTAR never loses to the per-task sequential design with
// the same DSPs (no more cores than MAC tasks) by more than its switch costs.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Arch } from '../../../src/arch/types.js';
import { priceActions } from '../../../src/cost/energy.js';
import type { Cascade } from '../../../src/einsum/types.js';
import { macTiming } from '../../../src/engines/fpga/compute.js';
import type { FpgaStructure } from '../../../src/engines/fpga/structure.js';
import { buildTasks } from '../../../src/engines/fpga/tasks.js';
import { arch, cascade, ffnText, MODES, model, run, workload, type Mode } from './helpers.js';

const cascades: Cascade[] = [
  workload('self-attention', { L: 32, D: 64, E: 64 }),
  workload('ffn'),
  workload('gating-net', { B: 8, D: 256, H: 512 }),
  workload('cnn-4l', { H: 32 }),
  workload('vae'),
  workload('gpt2-medium-layer', { L: 16, D: 128, H: 2, E: 64, F: 256 }),
  cascade(ffnText(96, 200, 64, 10, true)),
];

const design = fc.record({
  cascade: fc.integer({ min: 0, max: cascades.length - 1 }),
  mode: fc.constantFrom(...MODES),
  dsps: fc.integer({ min: 16, max: 2048 }),
  cores: fc.integer({ min: 1, max: 4 }),
  clockMHz: fc.integer({ min: 100, max: 450 }),
  portBits: fc.constantFrom(64, 128, 256, 512),
});

type Design = { mode: Mode; dsps: number; cores: number; clockMHz: number; portBits: number };
const build = (d: Design, more: Record<string, unknown> = {}): Arch<FpgaStructure> =>
  arch(d.mode, { clockHz: d.clockMHz * 1e6, 'structure.budget.dsps': d.dsps, 'structure.intar.computeCores': d.cores, 'structure.offchip.portBits': d.portBits, ...more });

describe('fpga model invariants', () => {
  it('DSP and SFU utilization are at most 1, in total and per Einsum, and resources stay within the budget and the device', () => {
    fc.assert(
      fc.property(design, (d) => {
        const a = build(d);
        const r = run(cascades[d.cascade], a);
        const busy = r.einsums.reduce((s, e) => s + (e.busyUnitCycles.dsp ?? 0), 0);
        expect(busy).toBeLessThanOrEqual(r.units.dsp * r.cycles * (1 + 1e-12));
        for (const e of r.einsums) expect(e.busyUnitCycles.dsp ?? 0).toBeLessThanOrEqual(r.units.dsp * e.cycles * (1 + 1e-12));
        const sfu = r.einsums.reduce((s, e) => s + (e.busyUnitCycles.sfu ?? 0), 0);
        expect(sfu).toBeLessThanOrEqual(r.units.sfu * r.cycles * (1 + 1e-12));
        const m = model(cascades[d.cascade], a);
        expect(m.resources.dsps).toBeLessThanOrEqual(d.dsps);
        expect(m.resources.uram).toBeLessThanOrEqual(m.resources.available.uram);
        expect(m.resources.bram36).toBeLessThanOrEqual(m.resources.available.bram36);
      }),
      { numRuns: 40 },
    );
  });

  it('more lanes never make a MAC task slower', () => {
    const tasks = cascades.flatMap((c) => buildTasks(c).filter((t) => t.kind === 'mac'));
    fc.assert(
      fc.property(fc.integer({ min: 0, max: tasks.length - 1 }), fc.integer({ min: 1, max: 600 }), fc.integer({ min: 1, max: 600 }), (i, a, extra) => {
        const p = { depthCycles: 8, initiationInterval: 1, maxReductionUnroll: 64 };
        expect(macTiming(tasks[i], a + extra, p).cycles).toBeLessThanOrEqual(macTiming(tasks[i], a, p).cycles);
      }),
      { numRuns: 200 },
    );
  });

  it('more DSPs never increase a design\u2019s compute cycles or its latency', () => {
    fc.assert(
      fc.property(design, fc.integer({ min: 1, max: 2048 }), (d, extra) => {
        const c = cascades[d.cascade];
        const small = model(c, build(d));
        const large = model(c, build({ ...d, dsps: d.dsps + extra }));
        const compute = (m: typeof small) => m.plan.stages.reduce((s, sp) => s + sp.timing.cycles, 0);
        expect(compute(large)).toBeLessThanOrEqual(compute(small));
        expect(large.plan.cycles).toBeLessThanOrEqual(small.plan.cycles);
      }),
      { numRuns: 40 },
    );
  });

  it('more off-chip bandwidth (wider ports, faster channels) never increases latency', () => {
    fc.assert(
      fc.property(design, fc.double({ min: 1, max: 8, noNaN: true }), (d, faster) => {
        const c = cascades[d.cascade];
        const slow = run(c, build(d));
        const wide = run(c, build({ ...d, portBits: d.portBits * 2 }));
        const quick = run(c, build(d, { 'structure.device': { ...presetU280(), offchip: { standard: 'HBM2', channels: 32, bytesPerSecondPerChannel: 14.375e9 * faster } } }));
        expect(wide.cycles).toBeLessThanOrEqual(slow.cycles);
        expect(quick.cycles).toBeLessThanOrEqual(slow.cycles);
      }),
      { numRuns: 30 },
    );
  });

  it('energy is additive over Einsums', () => {
    fc.assert(
      fc.property(design, (d) => {
        const a = build(d);
        const r = run(cascades[d.cascade], a);
        const total = priceActions(r.actions, a).totalPj;
        const parts = r.einsums.reduce((s, e) => s + priceActions(e.actions, a).totalPj, 0);
        expect(parts).toBeCloseTo(total, 6);
        expect(total).toBeGreaterThan(0);
      }),
      { numRuns: 30 },
    );
  });

  // The breakdown's parts are clamped into the span (simulate.ts `split`), so they add up to the
  // cycles and stay in [0, cycles] by construction: testing that could never fail. What can fail
  // is a clamp biting, i.e. a span shorter than the work it is said to hold.
  it('no breakdown part is clamped away: the ideal part is the compute bound, and each MAC Einsum keeps its ideal and stall cycles', () => {
    fc.assert(
      fc.property(design, (d) => {
        const r = run(cascades[d.cascade], build(d));
        // Run: busy DSP-cycles over the DSPs used, i.e. MACs ÷ (DSPs × MACs per DSP per cycle).
        const busy = r.einsums.reduce((s, e) => s + (e.busyUnitCycles.dsp ?? 0), 0);
        expect(r.breakdown.idealCycles).toBe(busy / r.units.dsp);
        for (const e of r.einsums) {
          if (e.unit !== 'dsp') continue;
          // MACs ÷ lanes (every lane busy every cycle), and the memory time beyond compute.
          expect(e.breakdown.idealCycles).toBe(e.macs / Number(e.details.lanes));
          expect(e.breakdown.stallCycles).toBe(e.stallCycles);
        }
      }),
      { numRuns: 30 },
    );
  });

  it('InTAR with no more cores than MAC tasks never loses to the per-task sequential design with the same DSPs, beyond its switch costs', () => {
    fc.assert(
      fc.property(design, (d) => {
        const c = cascades[d.cascade];
        const macTasks = buildTasks(c).filter((t) => t.kind === 'mac').length;
        const cores = Math.min(d.cores, macTasks);
        const intar = model(c, build({ ...d, mode: 'intar', cores }));
        const seq = model(c, build({ ...d, mode: 'sequential', cores }, { 'structure.sequential': { datapaths: 'per-task', overlap: false } }));
        expect(intar.plan.cycles).toBeLessThanOrEqual(seq.plan.cycles + intar.plan.switchCycles);
      }),
      { numRuns: 40 },
    );
  });
});

function presetU280() {
  return { name: 'U280', luts: 1303680, ffs: 2607360, dsps: 9024, dspType: 'DSP48E2', bram36: 2016, uram: 960, shell: { luts: 105683, ffs: 128746, dsps: 4, bram36: 0, uram: 0 }, source: 'test: the U280 preset with a faster HBM' };
}
