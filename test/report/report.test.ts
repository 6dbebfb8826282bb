import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseArch } from '../../src/arch/load.js';
import type { Arch } from '../../src/arch/types.js';
import { renderReportCsv } from '../../src/report/csv.js';
import { buildReport } from '../../src/report/report.js';
import { renderReportTable } from '../../src/report/table.js';
import { fakeEngine, fakeRegistry, FAKE_ARCH_YAML, type FakeStructure } from '../helpers/fake-engine.js';
import { gemmCascade } from '../helpers/tiny-cascade.js';

const arch = parseArch(FAKE_ARCH_YAML, 'arch/fake.yaml', fakeRegistry) as Arch<FakeStructure>;
const run = (shapes: [number, number, number][]) => {
  const c = gemmCascade(shapes);
  return buildReport(fakeEngine.simulate(c, arch, { trace: false }), arch, { name: c.name, file: c.file });
};

describe('buildReport', () => {
  it('prices totals and per-Einsum rows from the same counts', () => {
    const r = run([[4, 4, 4], [8, 2, 3]]);
    expect(r.totals.macs).toBe(64 + 48);
    expect(r.totals.cycles).toBe(4 + 3);
    expect(r.totals.seconds).toBeCloseTo(7e-9, 18);
    expect(r.totals.utilization.pe).toBeCloseTo(112 / (16 * 7), 12);
    expect(r.einsums[0].utilization.pe).toBe(1);
  });

  it('energy is additive over Einsums and utilization stays within [0, 1]', () => {
    const shape = fc.tuple(fc.integer({ min: 1, max: 64 }), fc.integer({ min: 1, max: 64 }), fc.integer({ min: 1, max: 64 }));
    fc.assert(
      fc.property(fc.array(shape, { minLength: 1, maxLength: 6 }), (shapes) => {
        const r = run(shapes);
        const sum = r.einsums.reduce((s, e) => s + e.energyPj, 0);
        expect(Math.abs(r.totals.energyPj - sum)).toBeLessThanOrEqual(1e-12 * Math.max(1, sum));
        for (const u of Object.values(r.totals.utilization)) expect(u).toBeLessThanOrEqual(1 + 1e-12);
        for (const e of r.einsums) for (const u of Object.values(e.utilization)) expect(u).toBeLessThanOrEqual(1 + 1e-12);
      }),
      { numRuns: 50 },
    );
  });

  it('renders a table with every Einsum and a CSV with a TOTAL row', () => {
    const r = run([[4, 4, 4]]);
    const table = renderReportTable(r);
    expect(table).toContain('Z0');
    expect(table).toContain('energy by component');
    const csv = renderReportCsv(r).trim().split('\n');
    expect(csv).toHaveLength(3);
    expect(csv[2]).toContain('TOTAL');
  });

  it('says area is not priced instead of printing 0 µm² (an FPGA\u2019s fixed die)', () => {
    const r = run([[4, 4, 4]]);
    expect(renderReportTable(r)).not.toContain('not priced');
    const unpriced = renderReportTable({ ...r, totals: { ...r.totals, areaUm2: 0 } });
    expect(unpriced).toMatch(/area\S* not priced/);
  });
});
