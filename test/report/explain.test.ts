import { describe, expect, it } from 'vitest';
import { parseArch } from '../../src/arch/load.js';
import type { Arch } from '../../src/arch/types.js';
import { explainReport } from '../../src/report/explain.js';
import { buildReport } from '../../src/report/report.js';
import { fakeEngine, fakeRegistry, FAKE_ARCH_YAML, type FakeStructure } from '../helpers/fake-engine.js';
import { gemmCascade } from '../helpers/tiny-cascade.js';

describe('explainReport', () => {
  it('names the cycle parts, the longest Einsums and the energy shares', () => {
    const arch = parseArch(FAKE_ARCH_YAML, 'arch/fake.yaml', fakeRegistry) as Arch<FakeStructure>;
    const c = gemmCascade([[16, 16, 16], [2, 2, 2]]);
    const r = buildReport(fakeEngine.simulate(c, arch, { trace: false }), arch, { name: 'g', file: 'g.yaml' });
    const text = explainReport(r).join('\n');
    expect(text).toContain('g on fake: 257 cycles.');
    expect(text).toMatch(/ideal\s+257\s+100\.0 %/);
    expect(text).toContain('Z0: 256 cycles');
    expect(text).toMatch(/pe\s+.*J/);
  });

  it('lists each component\u2019s actions as count × energy per action, summed over Einsums', () => {
    const arch = parseArch(FAKE_ARCH_YAML, 'arch/fake.yaml', fakeRegistry) as Arch<FakeStructure>;
    const r = buildReport(fakeEngine.simulate(gemmCascade([[16, 16, 16], [2, 2, 2]]), arch, { trace: false }), arch, { name: 'g', file: 'g.yaml' });
    const lines = explainReport(r);
    const macs = r.energy.lines.filter((l) => l.component === 'pe' && l.action === 'mac').reduce((a, l) => a + l.count, 0);
    expect(macs).toBe(16 * 16 * 16 + 2 * 2 * 2);
    const row = lines.find((l) => /^ {4}mac\s/.test(l));
    expect(row).toMatch(new RegExp(`mac\\s+${macs.toLocaleString('en-US')} ×`));
    // The action row follows its component's row.
    expect(lines[lines.indexOf(row!) - 1]).toMatch(/^ {2}pe\s/);
  });
});
