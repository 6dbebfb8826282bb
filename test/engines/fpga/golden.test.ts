// The fpga model against InTAR's U280 kernel table (../shared/ref/fpga/intar_kernels_u280.csv;
// reference fpga.md §1.3). Each kernel's three designs are run with their own DSP count (the
// table's), the InTAR design's core count (its kernel source) and the clock its latency implies
// (cycles ÷ latency). Nothing is fitted per kernel; the one calibrated constant of the model, the
// pipeline depth, comes from a single row's C-simulation vs hardware gap (arch file comment).
//
// Tolerances (docs/validation.md, "FPGA engine vs the InTAR kernel table"):
// - Rows whose designs the model expresses: InTAR cycles within ×2.5, dataflow and sequential
//   within ×1.5; speedup geomeans over the kernels whose two designs are both expressed within ±15 %.
// - Rows whose measured cycles come from effects below the loop-nest level — each with the evidence
//   in OUTSIDE below — are checked only to be no faster than the model (≤ ×1.1 the other way) and
//   within ×40; their gap is reported, not tuned away.
// - The five-kernel speedup geomeans (1.77× vs dataflow, 7.54× vs sequential, latency) are NOT met
//   within ±15 %: the test pins what the model gives (InTAR ahead, behind the table).
import { describe, expect, it } from 'vitest';
import type { Mode } from './helpers.js';
import { arch, MODES, run, workload } from './helpers.js';
import { geomean, kernelRows, type KernelRow } from './golden-rows.js';

/** Rows the model does not express, with the evidence (OswaldHe/InTAR, benchmark/<kernel>/…). */
const OUTSIDE: Record<string, string> = {
  'cnn-4L/dataflow': 'C-simulation 11,730 cycles vs hardware emulation 713,071 (spatial/README.md): RTL-level stalls, not the loop nests',
  'cnn-4L/sequential': 'C-simulation 126,339 vs hardware 2,215,282 (sequential/README.md): a blocking write-response wait per 32-byte store',
  'mlp/sequential': 'C-simulation 180,052 vs hardware 1,374,935 (sequential/README.md): each weight read waits for its response inside the MAC loop',
  'self-attn/sequential': 'the S′·V loop nest runs 64 × 256 × 64 × 256 iterations, 64 times the product (self-attn-sequential-kernel.cpp)',
  'vae/intar': 'the first decoder layer is computed once per output channel (rep loop) and a 10k-cycle kernel is dominated by per-stage weight loads',
  'vae/dataflow': 'a 28k-cycle kernel dominated by per-stage fixed costs the loop model does not have',
  'vae/sequential': 'hardware 306,935 cycles for 344k MACs on 190 DSPs: per-access off-chip waits (sequential/README.md)',
};

const FACTOR: Record<Mode, number> = { intar: 2.5, dataflow: 1.5, sequential: 1.5 };

const rows = kernelRows();
const cycles = new Map<string, number>();
function modelCycles(row: KernelRow, mode: Mode): number {
  const key = `${row.kernel}/${mode}`;
  if (!cycles.has(key)) {
    const d = row.designs[mode];
    const a = arch(mode, { clockHz: d.clockHz, 'structure.budget.dsps': d.dsps, 'structure.intar.computeCores': row.computeCores });
    cycles.set(key, run(workload(row.workload), a).cycles);
  }
  return cycles.get(key) as number;
}
const seconds = (row: KernelRow, mode: Mode): number => modelCycles(row, mode) / row.designs[mode].clockHz;
const expressed = (row: KernelRow, mode: Mode): boolean => !(`${row.kernel}/${mode}` in OUTSIDE);

describe('InTAR U280 kernel table', () => {
  it('reads five kernels with three designs each, and the table\u2019s own speedup geomeans (1.77× and 7.54× in latency)', () => {
    expect(rows.map((r) => r.kernel)).toEqual(['self-attn', 'mlp', 'cnn-4L', 'vae', 'gating-net']);
    const ref = (m: Mode) => geomean(rows.map((r) => r.designs[m].latencySeconds / r.designs.intar.latencySeconds));
    expect(ref('dataflow')).toBeCloseTo(1.77, 2);
    expect(ref('sequential')).toBeCloseTo(7.54, 2);
  });

  describe.each(MODES)('%s designs', (mode) => {
    it.each(rows.filter((r) => expressed(r, mode)).map((r) => [r.kernel, r] as const))(`%s: model cycles within ×${FACTOR[mode]} of the measured`, (_, row) => {
      const ratio = modelCycles(row, mode) / row.designs[mode].cycles;
      expect(ratio).toBeGreaterThan(1 / FACTOR[mode]);
      expect(ratio).toBeLessThan(FACTOR[mode]);
    });

    it.each(rows.filter((r) => !expressed(r, mode)).map((r) => [r.kernel, r] as const))('%s: outside the model, measured slower than modelled, within ×40', (_, row) => {
      const ratio = modelCycles(row, mode) / row.designs[mode].cycles;
      expect(ratio).toBeLessThan(1.1);
      expect(ratio).toBeGreaterThan(1 / 40);
    });
  });

  it('uses no more DSPs than each design\u2019s count', () => {
    for (const row of rows) {
      for (const mode of MODES) {
        const d = row.designs[mode];
        const r = run(workload(row.workload), arch(mode, { clockHz: d.clockHz, 'structure.budget.dsps': d.dsps, 'structure.intar.computeCores': row.computeCores }));
        expect(Number(r.details.dspsUsed)).toBeLessThanOrEqual(d.dsps);
      }
    }
  });

  it('speedup geomeans over the kernels whose both designs the model expresses are within ±15 % of the table', () => {
    for (const base of ['dataflow', 'sequential'] as const) {
      const both = rows.filter((r) => expressed(r, 'intar') && expressed(r, base));
      expect(both.length).toBeGreaterThan(0);
      const model = geomean(both.map((r) => seconds(r, base) / seconds(r, 'intar')));
      const ref = geomean(both.map((r) => r.designs[base].latencySeconds / r.designs.intar.latencySeconds));
      expect(model / ref).toBeGreaterThan(0.85);
      expect(model / ref).toBeLessThan(1.15);
    }
  });

  it('over all five kernels InTAR leads both baselines, by less than the table says (the documented gap)', () => {
    const model = (base: Mode) => geomean(rows.map((r) => seconds(r, base) / seconds(r, 'intar')));
    expect(model('dataflow')).toBeGreaterThan(1);
    expect(model('dataflow')).toBeLessThan(1.77);
    expect(model('sequential')).toBeGreaterThan(2);
    expect(model('sequential')).toBeLessThan(7.54);
  });
});
