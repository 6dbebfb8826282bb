// The DRAMsim3-named presets are the reference .ini files as typed data: parsing each file
// gives exactly the preset, and the resolved organisation and timing agree with the DRAMsim3
// rows of dram_timing_presets.csv.
import { describe, expect, it } from 'vitest';
import { fromDramsim3, peakBandwidthGBps } from '../../src/dram/config.js';
import { parseDramsim3Ini, withDramsim3Defaults } from '../../src/dram/dramsim3-config.js';
import { DRAMSIM3_PRESETS } from '../../src/dram/presets/dramsim3.js';
import { dramPreset, PRESET_NAMES } from '../../src/dram/presets/index.js';
import { readRef } from '../helpers/ref.js';
import { readRefCsvQuoted } from './helpers/dram.js';

const names = Object.keys(DRAMSIM3_PRESETS) as (keyof typeof DRAMSIM3_PRESETS)[];

describe('DRAMsim3 presets', () => {
  for (const name of names) {
    it(`${name} equals ../shared/ref/pim/dramsim3-configs/${name}.ini key for key`, () => {
      const parsed = parseDramsim3Ini(readRef('pim', 'dramsim3-configs', `${name}.ini`), `${name}.ini`);
      expect(withDramsim3Defaults(DRAMSIM3_PRESETS[name].config)).toEqual(parsed);
    });
  }

  const csv = readRefCsvQuoted('pim', 'dram_timing_presets.csv').filter((r) => r.source.startsWith('umd-memsys/DRAMsim3'));
  it('the timing-presets CSV has a DRAMsim3 row for every DRAMsim3 file preset', () => {
    expect(csv.map((r) => r.preset.replace('.ini', '')).sort()).toEqual(names.filter((n) => !n.endsWith('_bgint')).sort());
  });
  for (const row of csv) {
    const name = row.preset.replace('.ini', '');
    it(`${name} resolves to the organisation and timing of dram_timing_presets.csv`, () => {
      const c = dramPreset(name);
      const ini = withDramsim3Defaults(DRAMSIM3_PRESETS[name as keyof typeof DRAMSIM3_PRESETS].config);
      expect(Math.round(c.tCKns * 1000)).toBe(Number(row.tCK_ps));
      expect(c.org.burstLength).toBe(Number(row.burst_length_beats));
      expect(c.timing.tBURST).toBe(Number(row.burst_cycles_nBL));
      expect(c.timing.CL).toBe(Number(row.nCL));
      expect(c.timing.tRCDRD).toBe(Number(row.nRCD));
      expect(c.timing.tRP).toBe(Number(row.nRP));
      expect(c.timing.tRAS).toBe(Number(row.nRAS));
      expect(c.timing.tRC).toBe(Number(row.nRC));
      expect(c.timing.tFAW).toBe(Number(row.nFAW));
      expect(c.timing.tWR).toBe(Number(row.nWR));
      expect(c.timing.tRFC).toBe(Number(row.nRFC));
      expect(c.timing.tREFI).toBe(Number(row.nREFI));
      // The CSV lists the file's values; with bank groups disabled (GDDR6) DRAMsim3 then uses _S for _L.
      expect([ini.tCCD_S, ini.tCCD_L, ini.tRRD_S, ini.tRRD_L]).toEqual([row.nCCD_S, row.nCCD_L, row.nRRD_S, row.nRRD_L].map(Number));
      expect([ini.bankgroups, ini.banks_per_group]).toEqual([Number(row.bankgroups), Number(row.banks_per_group)]);
      expect(c.org.busWidthBits).toBe(Number(row.channel_width_bits));
      const rowBytes = (c.org.columns * c.org.deviceWidthBits * c.org.devicesPerRank) / 8;
      expect(rowBytes).toBe(Number(row.row_bytes_per_channel));
    });
  }

  it('derives ranks, transaction size and peak bandwidth as DRAMsim3 does', () => {
    const ddr4 = dramPreset('DDR4_8Gb_x8_3200');
    // 16 GB channel of 8 GB ranks (8 x8 dies of 1 KB pages x 64K rows x 16 banks).
    expect(ddr4.org.ranks).toBe(2);
    expect(ddr4.requestBytes).toBe(64);
    // dramsim3_stream_vs_random.csv model_peak_GBps: 25.4 (DDR4), 256 (HBM2, 8 channels).
    expect(peakBandwidthGBps(ddr4)).toBeCloseTo(25.4, 1);
    const hbm = dramPreset('HBM2_8Gb_x128');
    expect([hbm.org.ranks, hbm.org.columns, hbm.requestBytes, peakBandwidthGBps(hbm)]).toEqual([1, 128, 64, 256]);
    const gddr6 = dramPreset('GDDR6_8Gb_x16');
    // GDDR6: 16 transfers per tCK, 256 B transactions, all 16 banks in one group.
    expect([gddr6.requestBytes, gddr6.timing.tBURST, gddr6.org.bankgroups, gddr6.org.banksPerGroup, gddr6.org.columns]).toEqual([256, 1, 1, 16, 2048]);
    expect(dramPreset('LPDDR4_8Gb_x16_2400').requestBytes).toBe(128);
  });

  it('every preset name resolves', () => {
    for (const name of PRESET_NAMES) expect(dramPreset(name).name).toBe(name);
  });

  it('rejects an unknown preset, naming the known ones', () => {
    expect(() => dramPreset('DDR9')).toThrow(/DDR4_8Gb_x8_3200/);
  });

  it('rejects HMC and self-refresh as unsupported', () => {
    expect(() => fromDramsim3({ protocol: 'HMC' }, 'x', 'test')).toThrow(/HMC is not modelled/);
    expect(() => fromDramsim3({ protocol: 'DDR4', enable_self_refresh: true }, 'x', 'test')).toThrow(/self-refresh/);
  });
});
