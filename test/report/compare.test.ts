// compareReports: speedups and energy ratios against the first architecture that ran, refusals
// kept as rows, and the warning when the rows ran different Einsums.
import { describe, expect, it } from 'vitest';
import { parseArch } from '../../src/arch/load.js';
import { parseWorkloadText } from '../../src/einsum/load.js';
import { compareReports, renderComparisonCsv, renderComparisonTable } from '../../src/report/compare.js';
import { simulate } from '../../src/simulate.js';
import { fakeRegistry, FAKE_ARCH_YAML } from '../helpers/fake-engine.js';
import { gemmYaml } from '../helpers/gemm-yaml.js';

const GEMM = gemmYaml(64, 8, 8);

function reportOn(pes: number, clockHz = 1e9) {
  const text = FAKE_ARCH_YAML.replace(/pes: \d+/, `pes: ${pes}`).replace(/clockHz: .*/, `clockHz: ${clockHz}`);
  return simulate(parseWorkloadText(GEMM, 'g.yaml'), parseArch(text, `fake-${pes}.yaml`, fakeRegistry), {}, fakeRegistry).report;
}

describe('compareReports', () => {
  it('gives speedup in seconds and energy ratio against the first architecture that ran', () => {
    const slow = reportOn(16);
    const fast = reportOn(64, 2e9); // 4× the PEs at twice the clock: 8× less time
    const c = compareReports([
      { arch: 'bad.yaml', ok: false, reason: 'structure.pes: expected a positive integer' },
      { arch: 'slow.yaml', ok: true, report: slow },
      { arch: 'fast.yaml', ok: true, report: fast },
    ]);
    expect(c.baseline).toBe('slow.yaml');
    expect(c.rows.map((r) => r.status)).toEqual(['refused', 'ok', 'ok']);
    expect(c.rows[0].reason).toContain('structure.pes');
    expect(c.rows[1].speedup).toBe(1);
    expect(c.rows[2].speedup).toBeCloseTo(slow.totals.seconds / fast.totals.seconds, 12);
    expect(c.rows[2].speedup).toBeCloseTo(8, 9);
    expect(c.rows[2].energyRatio).toBeCloseTo(fast.totals.energyPj / slow.totals.energyPj, 12);
    expect(c.rows[2].edpPjS).toBeCloseTo(fast.totals.energyPj * fast.totals.seconds, 6);
    expect(c.partial).toBe(false);
    const table = renderComparisonTable(c);
    expect(table).toContain('baseline slow.yaml');
    expect(table).toContain('bad.yaml: refused: structure.pes');
    expect(table).not.toContain('Not the same work');
    const csv = renderComparisonCsv(c).trim().split('\n');
    expect(csv).toHaveLength(4);
    expect(csv[1]).toMatch(/^bad\.yaml,refused,(,)+structure\.pes/);
  });

  it('warns when the architectures ran different Einsums', () => {
    const full = reportOn(16);
    const part = { ...full, einsums: full.einsums.map((e) => ({ ...e, status: 'unsupported' as const })) };
    const c = compareReports([
      { arch: 'a.yaml', ok: true, report: full },
      { arch: 'b.yaml', ok: true, report: part },
    ]);
    expect(c.partial).toBe(true);
    expect(c.rows[1].einsumsRun).toBe(0);
    expect(renderComparisonTable(c)).toContain('Not the same work');
  });

  it('has no baseline when nothing ran', () => {
    const c = compareReports([{ arch: 'a.yaml', ok: false, reason: 'x' }]);
    expect(c.baseline).toBeNull();
    expect(c.workload).toBeNull();
    expect(renderComparisonTable(c)).toContain('baseline none');
  });
});
