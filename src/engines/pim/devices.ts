// PIM DRAM devices as data: the DRAM model's configuration of ONE channel (organisation, timing
// in clock cycles) plus the two numbers a PIM layer adds: the ACT→MAC delay and the bytes a bank
// delivers per column command. The DRAM model (src/dram/) has DRAMsim3's stock parts; the PIM
// parts below (a x16 GDDR6 channel at 16 Gb/s, HBM2 at 2.4 Gb/s per pseudo-channel, AttAcc's
// HBM3) are not among them, so they live here. A preset of the DRAM model can be named too
// (`dram.preset: HBM2_8Gb_x128`): it then runs with tRCDMAC = tRCDRD.
import { EinsimError } from '../../errors.js';
import type { DramConfig, DramController, DramTiming } from '../../dram/config.js';
import { dramPreset, isPresetName, PRESET_NAMES } from '../../dram/presets/index.js';

export interface PimDevice {
  /** The configuration of the whole device (org.channels = the arch file's channel count). */
  dram: DramConfig;
  /** Cycles from an all-bank ACT to the first MAC (AiM adds a MAC-path offset to tRCDRD). */
  tRCDMAC: number;
  /** Bytes one bank reads per column command (prefetch × device width: 32 B for GDDR6 x16 and HBM pseudo-channels). */
  columnBytes: number;
}

interface PimDevicePreset {
  source: string;
  make(): { dram: Omit<DramConfig, 'name'>; tRCDMAC: number };
}

// The controller settings of the DRAM model are not used by the PIM scheduler (it issues its own
// command stream in program order), but a DramConfig carries them; these are DRAMsim3's defaults.
/**
 * Per 128-bit HBM2 channel (two pseudo-channels), umd-memsys/DRAMsim3@2981759
 * configs/HBM2_8Gb_x128.ini (dram_energy_params.csv): ACT and RD of one pseudo-channel's command
 * come out right; standby and refresh currents cover both pseudo-channels.
 */
const HBM2_X128_POWER = { VDD: 1.2, IDD0: 65, IDD2N: 40, IDD2P: 28, IDD3N: 55, IDD4R: 390, IDD4W: 500, IDD5AB: 250, IDD5PB: 5, IDD6x: 31, source: 'umd-memsys/DRAMsim3@2981759 configs/HBM2_8Gb_x128.ini [power]' };

const UNUSED_CONTROLLER: DramController = {
  addressMapping: 'rochrababgco',
  queueStructure: 'PER_BANK',
  refreshPolicy: 'RANK_LEVEL_SIMULTANEOUS',
  rowBufferPolicy: 'OPEN_PAGE',
  cmdQueueSize: 16,
  transQueueSize: 32,
  unifiedQueue: false,
  dualCommandIssue: false,
};

/** Cycles for `ns` at clock period `tCKns`, rounded up (a constraint must never be shortened). */
function cycles(ns: number, tCKns: number): number {
  return Math.ceil(ns / tCKns - 1e-9);
}

const AIM_SOURCE =
  'arkhadem/aim_simulator@0f28a07 src/dram/impl/GDDR6.cpp GDDR6_AiM_org (16 banks = 4 BG × 4, 16K rows × 1K columns × 16 b = 2 KB rows) and GDDR6_AiM_timing (cycles at tCK 0.5 ns, as Morteza1814/CENT cent_power_calculator.py FREQ 2 GHz and tRC 44.5 ns = nRC 89 × 0.5 ns)';

const R21_GDDR6 =
  'CMU-SAFARI/ramulator2@c5b1c3a python/ramulator/dram/gddr6.py GDDR6_8Gb_x16 + GDDR6_14000_1350mV_double ("Samsung GDDR6 8Gb 16 banks datasheet"): core timings kept in ns (tCK 0.57 ns) and re-expressed in 0.5 ns cycles for 16 Gb/s (tCK of AiM, pim.md §2); column timings kept in cycles';

export const PIM_DEVICE_PRESETS = {
  /**
   * SK hynix GDDR6-AiM, one 16-bit channel (two per die). The MAC path has its own ACT→MAC
   * delay: nRCDRDMAC 56 = nRCDRD 36 + a 10 ns offset (aim_simulator comment). tFAW is "not used"
   * for all-bank ACT there ("deprecated because of the paper").
   */
  'GDDR6-AiM_8Gb_x16': {
    source: AIM_SOURCE,
    make: () => ({
      tRCDMAC: 56,
      dram: {
        source: AIM_SOURCE,
        protocol: 'GDDR6',
        tCKns: 0.5,
        requestBytes: 32,
        org: { channels: 1, ranks: 1, bankgroups: 4, banksPerGroup: 4, rows: 16384, columns: 1024, deviceWidthBits: 16, devicesPerRank: 1, busWidthBits: 16, burstLength: 16 },
        timing: {
          AL: 0, CL: 50, CWL: 6, tBURST: 2, tCCD_S: 2, tCCD_L: 2, tRTRS: 1, tRTP: 12, tWTR_S: 9, tWTR_L: 11, tWR: 33, tRP: 32,
          tRRD_S: 11, tRRD_L: 11, tRAS: 54, tRCDRD: 36, tRCDWR: 28, tRC: 89, tRFC: 210, tRFCb: 105, tREFI: 3333,
          // aim_simulator has no per-bank refresh interval; tREFI / 16 banks (not used: refresh is all-bank).
          tREFIb: 208,
          tFAW: 42, t32AW: 0, tPPD: 0,
        } satisfies DramTiming,
        controller: UNUSED_CONTROLLER,
        notes: ['one x16 channel of an AiM die; tCK 0.5 ns (16 Gb/s, BL16 in 2 tCK)'],
      },
    }),
  },
  /**
   * A standard GDDR6 8 Gb x16 channel at 16 Gb/s (PIM-GPT's "GDDR6-based PIM in the style of
   * AiM" with JEDEC-class core timing; PIM-GPT publishes no timing): the MAC uses tRCDRD.
   */
  'GDDR6_8Gb_x16_16Gbps': {
    source: R21_GDDR6,
    make: () => {
      const t = 0.5;
      const ns = (n: number) => cycles(n * 0.57, t); // a Ramulator 2.1 cycle count at 0.57 ns, in 0.5 ns cycles
      return {
        tRCDMAC: ns(27),
        dram: {
          source: R21_GDDR6,
          protocol: 'GDDR6',
          tCKns: t,
          requestBytes: 32,
          org: { channels: 1, ranks: 1, bankgroups: 4, banksPerGroup: 4, rows: 16384, columns: 1024, deviceWidthBits: 16, devicesPerRank: 1, busWidthBits: 16, burstLength: 16 },
          timing: {
            AL: 0, CL: ns(24), CWL: ns(6), tBURST: 2, tCCD_S: 2, tCCD_L: 4, tRTRS: 1, tRTP: ns(4), tWTR_S: ns(9), tWTR_L: ns(11), tWR: ns(27),
            tRP: ns(27), tRRD_S: ns(8), tRRD_L: ns(8), tRAS: ns(53), tRCDRD: ns(27), tRCDWR: ns(16), tRC: ns(79),
            tRFC: ns(211), tRFCb: ns(106), tREFI: Math.floor((3333 * 0.57) / t), tREFIb: Math.floor((3333 * 0.57) / t / 16),
            tFAW: ns(29), t32AW: 0, tPPD: ns(1),
          } satisfies DramTiming,
          controller: UNUSED_CONTROLLER,
          // Per x16 device (one die, two channels), umd-memsys/DRAMsim3@2981759 configs/GDDR6_8Gb_x16.ini
          // (../shared/ref/pim/dram_energy_params.csv): ACT and RD energies of one channel's command
          // come out right per die; standby and refresh currents cover both channels of the die.
          power: { VDD: 1.35, IDD0: 71, IDD2N: 60, IDD2P: 45, IDD3N: 61, IDD4R: 248, IDD4W: 231, IDD5AB: 286, IDD5PB: 45, IDD6x: 35, source: 'umd-memsys/DRAMsim3@2981759 configs/GDDR6_8Gb_x16.ini [power]' },
          ioEnergyPjPerBit: { value: 5.5, source: 'Morteza1814/CENT@a5d6e53 cent_power_calculator.py DQ_ENERGY 5.5 pJ/bit (GDDR6-AiM)' },
          notes: ['one x16 GDDR6 channel at 16 Gb/s; core timing of the Samsung 8 Gb data sheet via Ramulator 2.1'],
        },
      };
    },
  },
  /**
   * Samsung HBM-PIM (Aquabolt-XL) pseudo-channel: HBM2 at 2.4 Gb/s, 64-bit pseudo-channel, 16 banks
   * (4 BG × 4), 1 KB rows, BL4 (32 B per column); Ramulator 2.1 HBM2_8Gb + HBM2_2400Mbps values
   * (../shared/ref/pim/dram_timing_presets.csv). PIM dies are 4 Gb (pim_designs.csv): 8K rows.
   */
  'HBM2-PIM_4Gb_2400': {
    source: 'CMU-SAFARI/ramulator2@c5b1c3a python/ramulator/dram/hbm2.py HBM2_8Gb + HBM2_2400Mbps (dram_timing_presets.csv); 4 Gb PIM die (pim_designs.csv, Samsung HBM-PIM)',
    make: () => ({
      tRCDMAC: 17,
      dram: {
        source: 'CMU-SAFARI/ramulator2@c5b1c3a python/ramulator/dram/hbm2.py HBM2_2400Mbps',
        protocol: 'HBM2',
        tCKns: 1 / 1.2, // 2.4 Gb/s DDR: 1.2 GHz
        requestBytes: 32,
        org: { channels: 1, ranks: 1, bankgroups: 4, banksPerGroup: 4, rows: 8192, columns: 128, deviceWidthBits: 64, devicesPerRank: 1, busWidthBits: 64, burstLength: 4 },
        timing: {
          // nCWL and nWTR are not in the reference CSV: DRAMsim3 HBM2_8Gb_x128 values (CWL 4, tWTR 6 / 8).
          AL: 0, CL: 17, CWL: 4, tBURST: 2, tCCD_S: 2, tCCD_L: 4, tRTRS: 1, tRTP: 5, tWTR_S: 6, tWTR_L: 8, tWR: 19, tRP: 17,
          tRRD_S: 5, tRRD_L: 5, tRAS: 40, tRCDRD: 17, tRCDWR: 17, tRC: 57, tRFC: 421, tRFCb: 192, tREFI: 4682, tREFIb: 146,
          tFAW: 19, t32AW: 0, tPPD: 0,
        } satisfies DramTiming,
        controller: UNUSED_CONTROLLER,
        power: HBM2_X128_POWER,
        notes: ['one 64-bit HBM2 pseudo-channel at 2.4 Gb/s; tRTP 5 = tRTPL of SAITPublic/PIMSimulator ini/HBM2_samsung_2M_16B_x64.ini'],
      },
    }),
  },
  /**
   * AttAcc's HBM3 pseudo-channel: HBM3_8Gb_2R organisation (2 ranks × 4 BG × 4 banks, 32 DQ, 1 KB
   * rows of 32 columns × 32 B) and HBM3_5.2Gbps timing. tCK is what the simulator computes from
   * the rate, 1E6 / (5200 / 4) = 769 ps (its table's 1300 is overwritten); tRFC from its density
   * table (8 Gb: 350 ns).
   */
  'HBM3-PIM_AttAcc_8Gb_2R': {
    source: 'scale-snu/attacc_simulator@c600051 pim_ramulator_src/HBM3-PIM.cpp (HBM3_8Gb_2R, HBM3_5.2Gbps, tRFC_TABLE)',
    make: () => ({
      tRCDMAC: 19,
      dram: {
        source: 'scale-snu/attacc_simulator@c600051 pim_ramulator_src/HBM3-PIM.cpp HBM3_5.2Gbps',
        protocol: 'HBM2',
        tCKns: 1 / 1.3, // 1E6 / (5200 / 4) ps
        requestBytes: 32,
        org: { channels: 1, ranks: 2, bankgroups: 4, banksPerGroup: 4, rows: 16384, columns: 256, deviceWidthBits: 32, devicesPerRank: 1, busWidthBits: 32, burstLength: 8 },
        timing: {
          AL: 0, CL: 19, CWL: 6, tBURST: 2, tCCD_S: 2, tCCD_L: 4, tRTRS: 1, tRTP: 8, tWTR_S: 8, tWTR_L: 11, tWR: 21, tRP: 19,
          tRRD_S: 2, tRRD_L: 4, tRAS: 45, tRCDRD: 19, tRCDWR: 19, tRC: 63, tRFC: cycles(350, 1 / 1.3), tRFCb: 260, tREFI: 5070, tREFIb: 159,
          tFAW: 39, t32AW: 0, tPPD: 0,
        } satisfies DramTiming,
        controller: UNUSED_CONTROLLER,
        // No HBM3 currents are published with a source here; HBM2's (DRAMsim3) stand in, per rank.
        power: HBM2_X128_POWER,
        notes: ['one HBM3 pseudo-channel (2 ranks) as AttAcc simulates it; nCCDAB (6 with the power cap, 4 without) is set in the arch file'],
      },
    }),
  },
} as const satisfies Record<string, PimDevicePreset>;

export type PimDevicePresetName = keyof typeof PIM_DEVICE_PRESETS;
export const PIM_DEVICE_NAMES = Object.keys(PIM_DEVICE_PRESETS) as PimDevicePresetName[];

export function knownDeviceNames(): string[] {
  return [...PIM_DEVICE_NAMES, ...PRESET_NAMES];
}

export function isKnownDevice(name: string): boolean {
  return name in PIM_DEVICE_PRESETS || isPresetName(name);
}

/**
 * Resolve a device: the preset, `channels` channels, timing overrides (DRAM cycles) applied.
 * Throws EinsimError (path `structure.dram...`) for an unknown preset or timing name.
 */
export function resolveDevice(preset: string, channels: number, overrides: Readonly<Record<string, number | undefined>>, file = '<arch>'): PimDevice {
  let base: { dram: DramConfig; tRCDMAC: number };
  if (preset in PIM_DEVICE_PRESETS) {
    const made = PIM_DEVICE_PRESETS[preset as PimDevicePresetName].make();
    base = { dram: { name: preset, ...made.dram }, tRCDMAC: made.tRCDMAC };
  } else if (isPresetName(preset)) {
    const dram = dramPreset(preset);
    base = { dram, tRCDMAC: dram.timing.tRCDRD };
  } else {
    throw new EinsimError({ file, path: 'structure.dram.preset', code: 'unknown_name', expected: `a PIM device or DRAM preset (${knownDeviceNames().join(', ')})`, received: JSON.stringify(preset) });
  }
  const timing: DramTiming = { ...base.dram.timing };
  let tRCDMAC = base.tRCDMAC;
  for (const [name, value] of Object.entries(overrides)) {
    if (value === undefined) continue;
    if (name === 'tRCDMAC') tRCDMAC = value;
    else if (name in timing) timing[name as keyof DramTiming] = value;
    else {
      throw new EinsimError({ file, path: `structure.dram.timingOverrides.${name}`, code: 'unknown_name', expected: `a timing name (${[...Object.keys(timing), 'tRCDMAC'].join(', ')})`, received: JSON.stringify(name) });
    }
  }
  const org = { ...base.dram.org, channels };
  return {
    dram: { ...base.dram, org, timing },
    tRCDMAC,
    columnBytes: (org.deviceWidthBits * org.burstLength) / 8,
  };
}
