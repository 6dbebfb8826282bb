// Standard speed bins from ../shared/ref/pim/dram_timing_presets.csv, as DRAM configurations
// for the DRAMsim3-style model. Timing comes from Ramulator 2.1's resolved presets
// (CMU-SAFARI/ramulator2@c5b1c3a python/ramulator/dram/*.py, "R21") or DRAMsim3 ([D3]), cited
// per preset; every value not in the CSV is cited where it is set. What the DRAMsim3 model
// cannot express is listed in `notes` and in docs/dram.md. The controller is DRAMsim3's stock
// one (per-bank queues of 8, 32 transactions, open page, staggered all-bank refresh).
import { fromDramsim3, type DramConfig, type DramController, type DramPower } from '../config.js';
import { COLUMN_COMMANDS } from '../timing-table.js';
import { DRAMSIM3_PRESETS } from './dramsim3.js';

const R21 = 'CMU-SAFARI/ramulator2@c5b1c3a python/ramulator/dram/';

function controller(addressMapping: string, dualCommandIssue = false): DramController {
  // DRAMsim3 stock system section (umd-memsys/DRAMsim3@2981759 configs/*.ini).
  return {
    addressMapping,
    queueStructure: 'PER_BANK',
    refreshPolicy: 'RANK_LEVEL_STAGGERED',
    rowBufferPolicy: 'OPEN_PAGE',
    cmdQueueSize: 8,
    transQueueSize: 32,
    unifiedQueue: false,
    dualCommandIssue,
  };
}

/** Rows for a read-to-write turnaround that DRAMsim3's RL + tBURST − WL + tRTRS cannot express. */
function readToWrite(latency: string) {
  const RD = ['RD', 'RDA'];
  const WR = COLUMN_COMMANDS.filter((c) => c.startsWith('WR'));
  return (['sameBank', 'otherBanksSameBankgroup', 'otherBankgroupsSameRank'] as const).map((scope) => ({
    scope,
    preceding: RD,
    following: WR,
    latency,
    rule: `RD→WR waits ${latency}`,
  }));
}

/** IDD values of DRAMsim3's GDDR6_8Gb_x16.ini (umd-memsys/DRAMsim3@2981759), per x16 die at 1.35 V. */
const GDDR6_IDD: DramPower = {
  VDD: 1.35,
  IDD0: 71,
  IDD2N: 60,
  IDD3N: 61,
  IDD4R: 248,
  IDD4W: 231,
  IDD5AB: 286,
  IDD5PB: 45,
  IDD2P: 45,
  IDD6x: 35,
  source: 'umd-memsys/DRAMsim3@2981759 configs/GDDR6_8Gb_x16.ini (same 8Gb x16 die; dram_energy_params.csv)',
};

function ddr4_3200(): DramConfig {
  return {
    name: 'DDR4-3200',
    source: `${R21}ddr4.py DDR4_8Gb_x8 + DDR4_3200AA (dram_timing_presets.csv row 1)`,
    protocol: 'DDR4',
    tCKns: 0.625,
    requestBytes: 64,
    // One rank of eight x8 dies on a 64-bit channel (ddr4.py org preset DDR4_8Gb_x8: rank 1).
    org: { channels: 1, ranks: 1, bankgroups: 4, banksPerGroup: 4, rows: 65536, columns: 1024, deviceWidthBits: 8, devicesPerRank: 8, busWidthBits: 64, burstLength: 8 },
    timing: {
      AL: 0,
      CL: 22,
      CWL: 16, // ddr4.py DDR4_3200AA nCWL
      tBURST: 4,
      tCCD_S: 4,
      tCCD_L: 8,
      // nCS = 2: RD→WR is nCL + nBL + 2 − nCWL and rank switching nBL + nCS in ddr4.py.
      tRTRS: 2,
      tRTP: 12, // nRTP
      tWTR_S: 4, // nWTRS
      tWTR_L: 12, // nWTRL
      tWR: 24,
      tRP: 22,
      tRRD_S: 4,
      tRRD_L: 8,
      tRAS: 52,
      tRCDRD: 22,
      tRCDWR: 22,
      tRC: 74,
      tRFC: 576,
      tRFCb: 0, // DDR4 has no per-bank refresh
      tREFI: 12480,
      tREFIb: 0,
      tFAW: 34,
      t32AW: 0,
      tPPD: 0,
    },
    controller: controller('rochrababgco'),
    power: {
      // Ramulator 2.0 DDR4 'Default' current preset, per chip (dram_energy_params.csv; the IPP
      // (VPP) currents of that preset are not used by DRAMsim3's formulas).
      VDD: 1.2,
      IDD0: 60,
      IDD2N: 50,
      IDD3N: 55,
      IDD4R: 145,
      IDD4W: 145,
      IDD5AB: 362, // IDD5B
      source: 'CMU-SAFARI/ramulator2@5e58d25 src/dram/impl/DDR4.cpp current preset Default',
    },
    notes: ['energy: Ramulator 2.0 Default IDD preset with DRAMsim3 formulas; VPP currents not modelled'],
  };
}

function lpddr5_6400(): DramConfig {
  return {
    name: 'LPDDR5-6400',
    source: `${R21}lpddr5.py LPDDR5_8Gb_x16 + LPDDR5_6400 (dram_timing_presets.csv)`,
    protocol: 'LPDDR5',
    tCKns: 1.25, // CK 800 MHz, WCK:CK 4:1
    requestBytes: 32, // x16 × BL16
    org: { channels: 1, ranks: 1, bankgroups: 4, banksPerGroup: 4, rows: 32768, columns: 1024, deviceWidthBits: 16, devicesPerRank: 1, busWidthBits: 16, burstLength: 16 },
    timing: {
      AL: 0,
      CL: 17,
      CWL: 9, // nCWL
      tBURST: 2, // nBL_min: BL16 in 2 CK at WCK:CK 4:1
      tCCD_S: 2,
      tCCD_L: 4,
      tRTRS: 2, // nCS; RD→WR = nCL + nBL_min + 2 − nCWL
      tRTP: 8, // nRTP
      tWTR_S: 5,
      tWTR_L: 10,
      tWR: 28,
      tRP: 15,
      tRRD_S: 4,
      tRRD_L: 4,
      tRAS: 34,
      tRCDRD: 15,
      tRCDWR: 15,
      tRC: 49,
      tRFC: 168,
      tRFCb: 96, // nRFCpb
      tREFI: 3125,
      tREFIb: 391, // nREFIpb
      tFAW: 16,
      t32AW: 0,
      tPPD: 2, // nPPD
    },
    controller: controller('rochrababgco'),
    notes: [
      'two-step ACT (ACT-1/ACT-2), CAS and WCK sync are not modelled; all-bank precharge nRPab 17 is not used',
      'write-to-read uses nBL_min (2) where lpddr5.py uses nBL_max (4)',
      'no sourced IDD values: energy is not reported',
    ],
  };
}

function gddr6_14000(): DramConfig {
  return {
    name: 'GDDR6-14000',
    source: `${R21}gddr6.py GDDR6_8Gb_x16 + GDDR6_14000_1350mV_double (dram_timing_presets.csv)`,
    protocol: 'GDDR6',
    tCKns: 0.57,
    requestBytes: 32, // one 16-bit channel × BL16
    org: { channels: 1, ranks: 1, bankgroups: 4, banksPerGroup: 4, rows: 16384, columns: 1024, deviceWidthBits: 16, devicesPerRank: 1, busWidthBits: 16, burstLength: 16 },
    timing: {
      AL: 0,
      CL: 24,
      CWL: 6, // nCWL
      tBURST: 2, // nBL
      tCCD_S: 2,
      tCCD_L: 4,
      tRTRS: 1,
      tRTP: 4, // nRTP
      tWTR_S: 9,
      tWTR_L: 11,
      tWR: 27,
      tRP: 27,
      tRRD_S: 8,
      tRRD_L: 8,
      tRAS: 53,
      tRCDRD: 27,
      tRCDWR: 16, // nRCDWR
      tRC: 79,
      tRFC: 211, // nRFCab
      tRFCb: 106, // nRFCpb
      tREFI: 3333,
      tREFIb: 0,
      tFAW: 29,
      t32AW: 0, // gddr6.py has no 32-activate window
      tPPD: 1, // nPPD
    },
    controller: controller('rochrababgco'),
    // gddr6.py: "RTW = nCL + bus turnaround", with a 1-cycle turnaround.
    timingExtension: { constraints: readToWrite('CL + 1'), values: {} },
    power: GDDR6_IDD,
    ioEnergyPjPerBit: { value: 5.5, source: 'Morteza1814/CENT cent_simulation/cent_power_calculator.py DQ_ENERGY (GDDR6-AiM), dram_energy_params.csv' },
    notes: ['one 16-bit channel (a die has two)', 'energy: DRAMsim3 GDDR6_8Gb_x16 IDD values (same die) with this speed bin\'s timing'],
  };
}

function hbm2_2000(): DramConfig {
  return {
    name: 'HBM2-2000',
    source: `${R21}hbm2.py HBM2_8Gb + HBM2_2000Mbps (dram_timing_presets.csv)`,
    protocol: 'HBM2',
    tCKns: 1.0,
    requestBytes: 32, // 64-bit pseudo-channel × BL4
    // A stack: 8 channels × 2 pseudo-channels, each modelled as an independent 64-bit channel.
    org: { channels: 16, ranks: 1, bankgroups: 4, banksPerGroup: 4, rows: 65536, columns: 128, deviceWidthBits: 64, devicesPerRank: 1, busWidthBits: 64, burstLength: 4 },
    timing: {
      AL: 0,
      CL: 14,
      CWL: 5, // nCWL
      tBURST: 2,
      tCCD_S: 2,
      tCCD_L: 4,
      tRTRS: 2, // RD→WR = nCL + nBL + 2 − nCWL in hbm2.py
      tRTP: 5, // nRTPL
      tWTR_S: 6,
      tWTR_L: 8,
      tWR: 16,
      tRP: 14,
      tRRD_S: 4,
      tRRD_L: 4,
      tRAS: 34,
      tRCDRD: 14,
      tRCDWR: 12, // nRCDWR
      tRC: 48,
      tRFC: 350,
      tRFCb: 160, // nRFCpb
      tREFI: 3900,
      tREFIb: 122, // nREFIpb
      tFAW: 15,
      t32AW: 0,
      tPPD: 0,
    },
    // DRAMsim3's HBM mapping (HBM2_8Gb_x128.ini); HBM has separate row and column command buses.
    controller: controller('rorabgbachco', true),
    notes: ['no sourced per-pseudo-channel IDD values: energy is not reported'],
  };
}

function hbm3_6400(): DramConfig {
  return {
    name: 'HBM3-6400',
    source: `${R21}hbm3.py HBM3_16Gb_8hi + HBM3_6400Mbps (dram_timing_presets.csv; organisation per JESD238 Table 4 as cited there)`,
    protocol: 'HBM3',
    tCKns: 0.625,
    requestBytes: 32, // 32-bit pseudo-channel × BL8
    // A stack: 16 channels × 2 pseudo-channels; the two stack IDs (SIDs) of a pseudo-channel are modelled as ranks.
    org: { channels: 32, ranks: 2, bankgroups: 4, banksPerGroup: 4, rows: 16384, columns: 256, deviceWidthBits: 32, devicesPerRank: 1, busWidthBits: 32, burstLength: 8 },
    timing: {
      AL: 0,
      CL: 20,
      CWL: 10, // nCWL
      tBURST: 2,
      tCCD_S: 2,
      tCCD_L: 4,
      tRTRS: 1, // RD→RD across SIDs: tBURST + tRTRS = nCCDR 3
      tRTP: 9, // nRTP
      tWTR_S: 7,
      tWTR_L: 10,
      tWR: 33,
      tRP: 26,
      tRRD_S: 4,
      tRRD_L: 5,
      tRAS: 45,
      tRCDRD: 31,
      tRCDWR: 15, // nRCDWR
      tRC: 72,
      tRFC: 560,
      tRFCb: 320, // nRFCpb
      tREFI: 6240,
      tREFIb: 195, // nREFIpb
      tFAW: 24,
      t32AW: 0,
      tPPD: 2, // nPPD
    },
    controller: controller('rorabgbachco', true),
    // hbm3.py: RD→WR within a pseudo-channel waits nRTW = 20.
    timingExtension: { constraints: readToWrite('nRTW'), values: { nRTW: 20 } },
    notes: [
      'half-cycle row commands (tick_multiplier 2) are rounded to whole cycles',
      'no sourced per-pseudo-channel IDD values: energy is not reported (AttAcc path energies per bit are in dram_energy_params.csv)',
    ],
  };
}

function lpddr4_2400(): DramConfig {
  const p = DRAMSIM3_PRESETS.LPDDR4_8Gb_x16_2400;
  // The CSV's LPDDR4-2400 row is DRAMsim3's configuration ([D3]); no Ramulator 2.1 preset exists.
  return { ...fromDramsim3(p.config, 'LPDDR4-2400', `${p.source} (dram_timing_presets.csv)`), protocol: 'LPDDR4' };
}

/** Standard presets by name. */
export const STANDARD_PRESETS = {
  'DDR4-3200': ddr4_3200,
  'LPDDR4-2400': lpddr4_2400,
  'LPDDR5-6400': lpddr5_6400,
  'GDDR6-14000': gddr6_14000,
  'HBM2-2000': hbm2_2000,
  'HBM3-6400': hbm3_6400,
} as const satisfies Record<string, () => DramConfig>;
