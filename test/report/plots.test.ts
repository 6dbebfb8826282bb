import { describe, expect, it } from 'vitest';
import { parseArch } from '../../src/arch/load.js';
import type { Arch } from '../../src/arch/types.js';
import { barChartSvg, scatterSvg } from '../../src/report/plot-svg.js';
import { reportPlotsSvg } from '../../src/report/plots.js';
import { buildReport } from '../../src/report/report.js';
import { fakeEngine, fakeRegistry, FAKE_ARCH_YAML, type FakeStructure } from '../helpers/fake-engine.js';
import { gemmCascade } from '../helpers/tiny-cascade.js';

describe('SVG plots', () => {
  it('draws one bar per item, scaled to the maximum, with escaped labels', () => {
    const svg = barChartSvg('t <1>', [{ label: 'a&b', value: 1 }, { label: 'c', value: 0.5 }], { max: 1 });
    expect(svg.match(/<rect x=/g)).toHaveLength(2);
    expect(svg).toContain('a&amp;b');
    expect(svg).toContain('t &lt;1&gt;');
  });

  it('joins highlighted scatter points', () => {
    const svg = scatterSvg('s', 'x', 'y', [{ x: 1, y: 10, highlight: true }, { x: 10, y: 1, highlight: true }, { x: 10, y: 10 }]);
    expect(svg.match(/<circle/g)).toHaveLength(3);
    expect(svg).toContain('<polyline');
  });

  it('plots a report as one SVG document', () => {
    const arch = parseArch(FAKE_ARCH_YAML, 'arch/fake.yaml', fakeRegistry) as Arch<FakeStructure>;
    const c = gemmCascade([[4, 4, 4], [3, 3, 3]]);
    const svg = reportPlotsSvg(buildReport(fakeEngine.simulate(c, arch, { trace: false }), arch, { name: 'g', file: 'g' }));
    expect(svg.startsWith('<svg')).toBe(true);
    expect(svg).toContain('utilization of pe per Einsum');
    expect(svg).toContain('energy by component');
  });
});
