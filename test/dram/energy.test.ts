// DRAMsim3's energy formulas converted to pJ (× tCK in ns), against the per-operation values
// of dram_energy_params.csv (derived there from the same IDD inputs).
import { describe, expect, it } from 'vitest';
import { energyPerOperation } from '../../src/dram/energy.js';
import { dramPreset } from '../../src/dram/presets/index.js';
import { readRefCsv } from '../helpers/ref.js';

const rows = readRefCsv('pim', 'dram_energy_params.csv');
const value = (memory: string, item: string) => Number(rows.find((r) => r.memory === memory && r.item.startsWith(item))!.value);

describe('energy per operation (DRAMsim3 formulas × tCK)', () => {
  for (const [memory, preset] of [
    ['DDR4', 'DDR4_8Gb_x8_3200'],
    ['HBM2', 'HBM2_8Gb_x128'],
    ['GDDR6', 'GDDR6_8Gb_x16'],
    ['LPDDR4', 'LPDDR4_8Gb_x16_2400'],
  ] as const) {
    it(`${preset}: E_ACT and E_RD per burst as in dram_energy_params.csv`, () => {
      const e = energyPerOperation(dramPreset(preset))!;
      expect(e.actPj).toBeCloseTo(value(memory, 'E_ACT'), 0);
      expect(e.readPj).toBeCloseTo(value(memory, 'E_RD'), 0);
    });
  }

  it('is in pJ, not DRAMsim3 V·mA·cycles (DDR4 ACT: 6720 × 0.63 ns)', () => {
    const e = energyPerOperation(dramPreset('DDR4_8Gb_x8_3200'))!;
    // 1.2 V × (57·74 − 52·52 − 37·22) mA·cycles × 8 devices = 6720; × tCK 0.63 ns = 4233.6 pJ.
    expect(e.actPj).toBeCloseTo(4233.6, 6);
  });

  it('reports no energy where no IDD values are sourced', () => {
    expect(energyPerOperation(dramPreset('HBM3-6400'))).toBeUndefined();
    expect(energyPerOperation(dramPreset('GDDR6-14000'))!.ioPjPerBit).toBe(5.5);
  });
});
