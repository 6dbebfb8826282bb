// FPGA devices as typed presets: resources, DSP type, off-chip memory and the platform shell's
// fixed share. Every number is from ../shared/ref/fpga/fpga_devices.csv (reference fpga.md §3.3)
// or ../shared/ref/fpga/intar_baselines_u280_devlogs.csv, as cited beside it. Boards whose
// resources the references do not give (U55C, VCK190, VPK180, KV260's flip-flops and memory) have no
// preset: write them inline in the arch file (docs/fpga.md, "Devices").

export const DSP_TYPES = ['DSP48E2', 'DSP58'] as const;
export type DspType = (typeof DSP_TYPES)[number];

export interface Device {
  /** Short name used in messages (`U280`). */
  name: string;
  /** Board and part, for the report. */
  part?: string;
  luts: number;
  ffs: number;
  dsps: number;
  dspType: DspType;
  /** RAMB36 tiles (36 Kib each, UG573). */
  bram36: number;
  /** URAM288 blocks (288 Kib each, UG974). */
  uram: number;
  offchip: {
    /** Memory standard, for pricing the bytes moved (HBM2, DDR4, ...). */
    standard: string;
    /** Independent channels (HBM pseudo-channels or DDR channels): one AXI port each. */
    channels: number;
    bytesPerSecondPerChannel: number;
  };
  /** Resources the platform shell fixes: unavailable to kernels. */
  shell: { luts: number; ffs: number; dsps: number; bram36: number; uram: number };
  source: string;
}

export const DEVICE_PRESETS = {
  U280: {
    name: 'U280',
    part: 'Alveo U280 (xcu280)',
    luts: 1_303_680, // fpga_devices.csv: Vivado "Available" in OswaldHe/InTAR:benchmark/*/README.md
    ffs: 2_607_360, // fpga_devices.csv
    dsps: 9_024, // fpga_devices.csv
    dspType: 'DSP48E2',
    bram36: 2_016, // fpga_devices.csv
    uram: 960, // fpga_devices.csv
    offchip: {
      standard: 'HBM2', // fpga_devices.csv: HBM2 8 GB, 32 pseudo-channels × 256 MB
      channels: 32, // AMD UG1393 "HBM Configuration and Use" (fpga_primitives.csv: 32 PCs, one AXI channel each)
      bytesPerSecondPerChannel: 14.375e9, // AMD UG1393: 14.375 GB/s per pseudo-channel, 460 GB/s total
    },
    // intar_baselines_u280_devlogs.csv: shell_fixed_luts 105,683 and shell_fixed_dsps 4 (xdma_201920_3);
    // the fixed flip-flops 128,746 are the "Fixed" column of the same Vivado tables (OswaldHe/InTAR:
    // benchmark/mlp/spatial/README.md, CLB Registers). The shell fixes no BRAM36 / URAM there.
    shell: { luts: 105_683, ffs: 128_746, dsps: 4, bram36: 0, uram: 0 },
    source: 'fpga_devices.csv (Vivado utilization "Available" in the InTAR logs; HBM: AMD UG1393)',
  },
  U250: {
    name: 'U250',
    part: 'Alveo U250 (xcu250-figd2104-2L-e)',
    luts: 1_728_000, // fpga_devices.csv (device list, secondary source)
    ffs: 3_456_000,
    dsps: 12_288,
    dspType: 'DSP48E2',
    bram36: 2_688,
    uram: 1_280,
    offchip: {
      standard: 'DDR4', // fpga_devices.csv: 4 DDR4 channels
      channels: 4,
      bytesPerSecondPerChannel: 19.25e9, // AMD UG1393: 19.25 GB/s per DDR4 channel (theoretical)
    },
    // The references give no U250 shell overhead (fpga.md §3.3 lists per-SLR user resources only).
    shell: { luts: 0, ffs: 0, dsps: 0, bram36: 0, uram: 0 },
    source: 'fpga_devices.csv (device list, secondary source; DDR4 bandwidth AMD UG1393); shell overhead not in the references',
  },
} as const satisfies Record<string, Device>;

export type DevicePresetName = keyof typeof DEVICE_PRESETS;
export const DEVICE_PRESET_NAMES = Object.keys(DEVICE_PRESETS) as DevicePresetName[];

/** RAMB36E2: 36 Kib (AMD UG573 "Data Flow"; fpga_primitives.csv). */
export const BRAM36_BYTES = (36 * 1024) / 8;
/** URAM288: 288 Kib (AMD UG974; fpga_primitives.csv). */
export const URAM_BYTES = (288 * 1024) / 8;
/** Widest simple-dual-port word of a BRAM36 and the URAM288 port width: 72 bits (UG573, UG974). */
export const ONCHIP_WORD_BITS = 72;
