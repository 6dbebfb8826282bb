// Invariants of a whole systolic run as users see it (the Report), on random small cascades and
// arrays: utilization ≤ 1, cycles ≥ the compute bound, energy ≥ 0 and additive over layers,
// more DRAM bandwidth never adds stalls, tracing changes no number.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseArch } from '../../../src/arch/load.js';
import { parseWorkload } from '../../../src/einsum/parse.js';
import { simulate } from '../../../src/simulate.js';

const archText = (rows: number, cols: number, dataflow: string, sramBytes: number, bw?: number): string => `name: t
engine: systolic
clockHz: 1e9
structure:
  rows: ${rows}
  cols: ${cols}
  dataflow: ${dataflow}
  ifmapSram: { sizeBytes: ${sramBytes} }
  filterSram: { sizeBytes: ${sramBytes} }
  ofmapSram: { sizeBytes: ${sramBytes} }
  dram: ${bw === undefined ? '{ bandwidthMode: CALC }' : `{ bandwidthMode: USER, bandwidthWordsPerCycle: ${bw} }`}
`;

const workloadText = (layers: { m: number; n: number; k: number; conv: boolean }[]): string => {
  const tensors: string[] = [];
  const einsums: string[] = [];
  layers.forEach((l, i) => {
    if (l.conv) {
      // A 3×3 stride-1 conv on an (m+2)×(m+2) image: P = Q = m.
      tensors.push(`I${i}: { ranks: [c, h, w], shape: [${l.k}, ${l.m + 2}, ${l.m + 2}] }`, `W${i}: { ranks: [n, c, r, t], shape: [${l.n}, ${l.k}, 3, 3] }`, `O${i}: { ranks: [n, p, q], shape: [${l.n}, ${l.m}, ${l.m}] }`);
      einsums.push(`O${i}[n,p,q] = I${i}[c, p+r, q+t] * W${i}[n,c,r,t]`);
    } else {
      tensors.push(`A${i}: { ranks: [m, k], shape: [${l.m}, ${l.k}] }`, `B${i}: { ranks: [k, n], shape: [${l.k}, ${l.n}] }`, `Z${i}: { ranks: [m, n], shape: [${l.m}, ${l.n}] }`);
      einsums.push(`Z${i}[m,n] = A${i}[m,k] * B${i}[k,n]`);
    }
  });
  return `name: w\nprecision: int8\ntensors:\n${tensors.map((t) => `  ${t}`).join('\n')}\neinsums:\n${einsums.map((e) => `  - ${e}`).join('\n')}\n`;
};

const layer = fc.record({ m: fc.integer({ min: 1, max: 24 }), n: fc.integer({ min: 1, max: 24 }), k: fc.integer({ min: 1, max: 24 }), conv: fc.boolean() });
const arrayShape = fc.record({ rows: fc.integer({ min: 2, max: 12 }), cols: fc.integer({ min: 2, max: 12 }), dataflow: fc.constantFrom('os', 'ws', 'is'), sram: fc.integer({ min: 128, max: 4096 }) });

describe('systolic runs through simulate()', () => {
  it('utilization ≤ 1, cycles ≥ MACs / PEs, energy ≥ 0 and additive over layers', () => {
    fc.assert(
      fc.property(arrayShape, fc.array(layer, { minLength: 1, maxLength: 3 }), (a, layers) => {
        const arch = parseArch(archText(a.rows, a.cols, a.dataflow, a.sram), 'a.yaml');
        const { report } = simulate(parseWorkload(workloadText(layers), 'w.yaml'), arch);
        const pes = a.rows * a.cols;
        expect(report.totals.utilization.pe).toBeLessThanOrEqual(1);
        expect(report.totals.cycles).toBeGreaterThanOrEqual(report.totals.macs / pes);
        expect(report.totals.energyPj).toBeGreaterThan(0);
        const sum = report.einsums.reduce((s, e) => s + e.energyPj, 0);
        expect(Math.abs(sum - report.totals.energyPj)).toBeLessThanOrEqual(1e-9 * report.totals.energyPj);
        for (const e of report.einsums) expect(e.utilization.pe).toBeLessThanOrEqual(1);
      }),
      { numRuns: 40 },
    );
  });

  it('more USER bandwidth never adds stall cycles', () => {
    fc.assert(
      fc.property(arrayShape, layer, fc.integer({ min: 1, max: 8 }), fc.integer({ min: 1, max: 8 }), (a, l, bw1, extra) => {
        const w = parseWorkload(workloadText([l]), 'w.yaml');
        const slow = simulate(w, parseArch(archText(a.rows, a.cols, a.dataflow, a.sram, bw1), 'a.yaml')).report;
        const fast = simulate(w, parseArch(archText(a.rows, a.cols, a.dataflow, a.sram, bw1 + extra), 'a.yaml')).report;
        expect(fast.totals.stallCycles).toBeLessThanOrEqual(slow.totals.stallCycles);
      }),
      { numRuns: 40 },
    );
  });

  it('tracing changes no number', () => {
    fc.assert(
      fc.property(arrayShape, fc.array(layer, { minLength: 1, maxLength: 2 }), fc.option(fc.integer({ min: 1, max: 6 }), { nil: undefined }), (a, layers, bw) => {
        const arch = parseArch(archText(a.rows, a.cols, a.dataflow, a.sram, bw), 'a.yaml');
        const w = parseWorkload(workloadText(layers), 'w.yaml');
        const plain = simulate(w, arch).report;
        const traced = simulate(w, arch, { trace: true });
        expect(traced.report).toEqual(plain);
        expect(traced.result.artifacts?.length).toBeGreaterThan(0);
      }),
      { numRuns: 15 },
    );
  });
});
