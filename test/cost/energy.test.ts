import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseArch } from '../../src/arch/load.js';
import { computeArea } from '../../src/cost/area.js';
import { priceActions } from '../../src/cost/energy.js';
import { EinsimError } from '../../src/errors.js';
import { fakeRegistry, FAKE_ARCH_YAML } from '../helpers/fake-engine.js';

const arch = parseArch(FAKE_ARCH_YAML, 'arch/fake.yaml', fakeRegistry);

describe('priceActions', () => {
  it('multiplies counts by the per-action price and keeps the source', () => {
    const e = priceActions([{ component: 'pe', action: 'mac', count: 1000 }, { component: 'dram', action: 'read_bytes', count: 64 }], arch);
    expect(e.totalPj).toBeCloseTo(1000 * 0.315 + 64 * 31.2, 9);
    expect(e.byComponent.pe).toBeCloseTo(315, 9);
    expect(e.lines[1].source).toContain('HBM2');
  });

  it('refuses an action it cannot price, naming component and action', () => {
    expect(() => priceActions([{ component: 'pe', action: 'exp', count: 1 }], arch)).toThrow(EinsimError);
    expect(() => priceActions([{ component: 'pe', action: 'exp', count: 1 }], arch)).toThrow(/action "exp" of "pe"/);
    expect(() => priceActions([{ component: 'nope', action: 'read', count: 1 }], arch)).toThrow(/component "nope"/);
  });

  it('is additive: pricing two lists separately sums to pricing them together', () => {
    const action = fc.record({ component: fc.constantFrom('pe', 'buffer', 'dram'), action: fc.constant('x'), count: fc.nat(1e9) }).map((a) => ({ ...a, action: a.component === 'pe' ? 'mac' : a.component === 'buffer' ? 'read' : 'read_bytes' }));
    fc.assert(
      fc.property(fc.array(action), fc.array(action), (a, b) => {
        const sum = priceActions(a, arch).totalPj + priceActions(b, arch).totalPj;
        const both = priceActions([...a, ...b], arch).totalPj;
        expect(Math.abs(both - sum)).toBeLessThanOrEqual(1e-12 * Math.max(1, sum));
        expect(both).toBeGreaterThanOrEqual(0);
      }),
    );
  });
});

describe('computeArea', () => {
  it('is instances × area per instance, summed', () => {
    const a = computeArea(arch);
    expect(a.lines.find((l) => l.component === 'pe')?.areaUm2).toBe(16 * 417);
    expect(a.totalUm2).toBe(16 * 417 + 429746 + 0);
  });
});
