// DRAMsim3's stock configurations as typed data, key for key as the .ini files state them
// (keys DRAMsim3 does not read, such as tRFC2 or IPP0, are left out; omitted keys take
// DRAMsim3's defaults, see ../dramsim3-config.ts). Source of every value:
// umd-memsys/DRAMsim3@2981759 configs/<name>.ini (MIT licence); the _bgint variant is the DDR4 x8
// file with address_mapping = rorabachcobg, as used for the reference runs
// (../shared/ref/pim/dramsim3-configs/README.md). test/dram/presets.test.ts parses the reference
// .ini files and checks that these presets are identical to them.
import type { Dramsim3ConfigInput } from '../dramsim3-config.js';

const SOURCE = 'umd-memsys/DRAMsim3@2981759 configs/';

export interface Dramsim3Preset {
  source: string;
  config: Dramsim3ConfigInput;
}

const DDR4_8Gb_x8_3200: Dramsim3ConfigInput = {
  // [dram_structure]
  protocol: 'DDR4',
  bankgroups: 4,
  banks_per_group: 4,
  rows: 65536,
  columns: 1024,
  device_width: 8,
  BL: 8,
  // [timing]
  tCK: 0.63,
  AL: 0,
  CL: 22,
  CWL: 16,
  tRCD: 22,
  tRP: 22,
  tRAS: 52,
  tRFC: 560,
  tREFI: 12480,
  tRPRE: 1,
  tWPRE: 1,
  tRRD_S: 4,
  tRRD_L: 8,
  tWTR_S: 4,
  tWTR_L: 12,
  tFAW: 34,
  tWR: 24,
  tRTP: 12,
  tCCD_S: 4,
  tCCD_L: 8,
  tCKE: 8,
  tCKESR: 9,
  tXS: 576,
  tXP: 10,
  tRTRS: 1,
  // [power]
  VDD: 1.2,
  IDD0: 57,
  IDD2P: 25,
  IDD2N: 37,
  IDD3N: 52,
  IDD4W: 150,
  IDD4R: 168,
  IDD5AB: 250,
  IDD6x: 30,
  // [system]
  channel_size: 16384,
  channels: 1,
  bus_width: 64,
  address_mapping: 'rochrababgco',
  queue_structure: 'PER_BANK',
  refresh_policy: 'RANK_LEVEL_STAGGERED',
  row_buf_policy: 'OPEN_PAGE',
  cmd_queue_size: 8,
  trans_queue_size: 32,
};

const DDR4_8Gb_x16_3200: Dramsim3ConfigInput = {
  ...DDR4_8Gb_x8_3200,
  // [dram_structure]: x16 dies have 2 bank groups
  bankgroups: 2,
  device_width: 16,
  // [timing]: x16 page is 2 KB, so longer ACT spacing
  tRRD_S: 9,
  tRRD_L: 11,
  tFAW: 48,
  // [power]
  IDD0: 95,
  IDD3N: 56,
  IDD4W: 278,
  IDD4R: 302,
  IDD5AB: 280,
  // [system]
  channel_size: 8192,
};

const HBM2_8Gb_x128: Dramsim3ConfigInput = {
  // [dram_structure]
  protocol: 'HBM',
  bankgroups: 4,
  banks_per_group: 4,
  rows: 32768,
  columns: 64,
  device_width: 128,
  BL: 4,
  num_dies: 4,
  // [timing]
  tCK: 1,
  CL: 14,
  CWL: 4,
  tRCDRD: 14,
  tRCDWR: 14,
  tRP: 14,
  tRAS: 34,
  tRFC: 260,
  tREFI: 3900,
  tREFIb: 128,
  tRPRE: 1,
  tWPRE: 1,
  tRRD_S: 4,
  tRRD_L: 6,
  tWTR_S: 6,
  tWTR_L: 8,
  tFAW: 30,
  tWR: 16,
  tCCD_S: 1,
  tCCD_L: 2,
  tXS: 268,
  tCKE: 8,
  tXP: 8,
  // [power]
  VDD: 1.2,
  IDD0: 65,
  IDD2P: 28,
  IDD2N: 40,
  IDD3N: 55,
  IDD4W: 500,
  IDD4R: 390,
  IDD5AB: 250,
  IDD6x: 31,
  // [system]
  channel_size: 1024,
  channels: 8,
  bus_width: 128,
  address_mapping: 'rorabgbachco',
  queue_structure: 'PER_BANK',
  row_buf_policy: 'OPEN_PAGE',
  cmd_queue_size: 8,
  trans_queue_size: 32,
  unified_queue: false,
};

const GDDR6_8Gb_x16: Dramsim3ConfigInput = {
  // [dram_structure]
  protocol: 'GDDR6',
  bankgroups: 4,
  banks_per_group: 4,
  rows: 16384,
  columns: 128,
  device_width: 16,
  BL: 16,
  bankgroup_enable: false,
  // [timing]
  tCK: 0.66,
  CL: 24,
  CWL: 16,
  tRCDRD: 24,
  tRCDWR: 20,
  tRP: 24,
  tRAS: 54,
  tRFC: 126,
  tREFI: 11862,
  tRPRE: 1,
  tWPRE: 1,
  tRRD_S: 9,
  tRRD_L: 9,
  tWTR_S: 7,
  tWTR_L: 7,
  tFAW: 32,
  tWR: 16,
  tCCD_S: 3,
  tCCD_L: 4,
  tXS: 132,
  tCKESR: 8,
  tXP: 12,
  tRTRS: 1,
  tPPD: 2,
  t32AW: 420,
  tRFCb: 30,
  tREFIb: 238,
  // [power]
  VDD: 1.35,
  IDD0: 71,
  IDD2P: 45,
  IDD2N: 60,
  IDD3N: 61,
  IDD4W: 231,
  IDD4R: 248,
  IDD5AB: 286,
  IDD5PB: 45,
  IDD6x: 35,
  // [system]
  channel_size: 4096,
  channels: 1,
  bus_width: 128,
  address_mapping: 'rochrababgco',
  queue_structure: 'PER_BANK',
  row_buf_policy: 'OPEN_PAGE',
  cmd_queue_size: 8,
  trans_queue_size: 32,
};

const LPDDR4_8Gb_x16_2400: Dramsim3ConfigInput = {
  // [dram_structure]
  protocol: 'LPDDR4',
  bankgroups: 2,
  banks_per_group: 4,
  rows: 65536,
  columns: 1024,
  device_width: 16,
  BL: 16,
  // [timing]
  tCK: 0.83,
  AL: 0,
  CL: 17,
  CWL: 14,
  tRCD: 15,
  tRP: 15,
  tRAS: 32,
  tRFC: 392,
  tREFI: 8660,
  tRPRE: 1,
  tWPRE: 1,
  tRRD_S: 8,
  tRRD_L: 8,
  tWTR_S: 8,
  tWTR_L: 16,
  tFAW: 32,
  tWR: 30,
  tRTP: 12,
  tCCD_S: 4,
  tCCD_L: 6,
  tCKE: 6,
  tCKESR: 7,
  tXS: 432,
  tXP: 6,
  tRTRS: 1,
  tPPD: 2,
  // [power]
  VDD: 1.2,
  IDD0: 80,
  IDD2P: 25,
  IDD2N: 34,
  IDD3N: 47,
  IDD4W: 228,
  IDD4R: 243,
  IDD5AB: 280,
  IDD6x: 30,
  // [system]
  channel_size: 8192,
  channels: 1,
  bus_width: 64,
  address_mapping: 'rochrababgco',
  queue_structure: 'PER_BANK',
  refresh_policy: 'RANK_LEVEL_STAGGERED',
  row_buf_policy: 'OPEN_PAGE',
  cmd_queue_size: 8,
  trans_queue_size: 32,
};

/** The DRAMsim3 presets by their configuration file name. */
export const DRAMSIM3_PRESETS = {
  DDR4_8Gb_x8_3200: { source: `${SOURCE}DDR4_8Gb_x8_3200.ini`, config: DDR4_8Gb_x8_3200 },
  DDR4_8Gb_x8_3200_bgint: {
    source: `${SOURCE}DDR4_8Gb_x8_3200.ini with address_mapping = rorabachcobg (reference-run variant)`,
    config: { ...DDR4_8Gb_x8_3200, address_mapping: 'rorabachcobg' },
  },
  DDR4_8Gb_x16_3200: { source: `${SOURCE}DDR4_8Gb_x16_3200.ini`, config: DDR4_8Gb_x16_3200 },
  HBM2_8Gb_x128: { source: `${SOURCE}HBM2_8Gb_x128.ini`, config: HBM2_8Gb_x128 },
  GDDR6_8Gb_x16: { source: `${SOURCE}GDDR6_8Gb_x16.ini`, config: GDDR6_8Gb_x16 },
  LPDDR4_8Gb_x16_2400: { source: `${SOURCE}LPDDR4_8Gb_x16_2400.ini`, config: LPDDR4_8Gb_x16_2400 },
} as const satisfies Record<string, Dramsim3Preset>;
