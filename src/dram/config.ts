// The resolved DRAM configuration the model runs on: organisation, timing in clock cycles,
// controller settings, IDD currents for energy. Everything protocol-specific is settled here,
// once, so the timing table (timing-table.ts) is one table for every standard and the
// simulator never asks "is this GDDR?". `fromDramsim3` reproduces DRAMsim3's derivations
// (umd-memsys/DRAMsim3@2981759 src/configuration.cc and src/timing.cc) step by step.
import { EinsimError, type Issue } from '../errors.js';
import type { TimingConstraint } from './timing-table.js';
import { DRAMSIM3_PROTOCOLS, withDramsim3Defaults, type Dramsim3ConfigInput, type Dramsim3Protocol } from './dramsim3-config.js';

export type QueueStructure = 'PER_BANK' | 'PER_RANK';
export type RefreshPolicy = 'RANK_LEVEL_SIMULTANEOUS' | 'RANK_LEVEL_STAGGERED' | 'BANK_LEVEL_STAGGERED';
export type RowBufferPolicy = 'OPEN_PAGE' | 'CLOSE_PAGE';

export interface DramOrganisation {
  channels: number;
  ranks: number;
  bankgroups: number;
  banksPerGroup: number;
  rows: number;
  /** Columns of one row, each `deviceWidthBits` wide (DRAMsim3's "physical" column). */
  columns: number;
  deviceWidthBits: number;
  devicesPerRank: number;
  busWidthBits: number;
  /** Beats per burst (BL). */
  burstLength: number;
}

/**
 * Timing in clock cycles (tCK). Names are the ones latency expressions may use. `tBURST` is
 * the data-bus occupancy of one burst (DRAMsim3's burst_cycle: BL/2 for DDR, BL/4 GDDR5,
 * BL/8 GDDR5X, BL/16 GDDR6). `tRCDRD`/`tRCDWR` already include DRAMsim3's `- AL` for DDR-type
 * protocols. `tPPD` and `t32AW` are 0 where the protocol has no such constraint.
 */
export interface DramTiming {
  AL: number;
  CL: number;
  CWL: number;
  tBURST: number;
  tCCD_S: number;
  tCCD_L: number;
  tRTRS: number;
  tRTP: number;
  tWTR_S: number;
  tWTR_L: number;
  tWR: number;
  tRP: number;
  tRRD_S: number;
  tRRD_L: number;
  tRAS: number;
  tRCDRD: number;
  tRCDWR: number;
  tRC: number;
  tRFC: number;
  tRFCb: number;
  tREFI: number;
  tREFIb: number;
  tFAW: number;
  t32AW: number;
  tPPD: number;
}

/** Timing names derived from the others (DRAMsim3 configuration.cc InitTimingParams). */
export interface DerivedTiming {
  RL: number;
  WL: number;
  readDelay: number;
  writeDelay: number;
}

export const TIMING_NAMES = [
  'AL', 'CL', 'CWL', 'tBURST', 'tCCD_S', 'tCCD_L', 'tRTRS', 'tRTP', 'tWTR_S', 'tWTR_L', 'tWR', 'tRP', 'tRRD_S', 'tRRD_L',
  'tRAS', 'tRCDRD', 'tRCDWR', 'tRC', 'tRFC', 'tRFCb', 'tREFI', 'tREFIb', 'tFAW', 't32AW', 'tPPD',
] as const satisfies readonly (keyof DramTiming)[];

export function derivedTiming(t: DramTiming): DerivedTiming {
  const RL = t.AL + t.CL;
  const WL = t.AL + t.CWL;
  return { RL, WL, readDelay: RL + t.tBURST, writeDelay: WL + t.tBURST };
}

export interface DramController {
  /** DRAMsim3 mapping string (e.g. `rochrababgco`) or an einsim alias (address-mapping.ts). */
  addressMapping: string;
  queueStructure: QueueStructure;
  refreshPolicy: RefreshPolicy;
  rowBufferPolicy: RowBufferPolicy;
  /** Commands per bank (PER_BANK) or per rank (PER_RANK) queue. */
  cmdQueueSize: number;
  /** Transactions waiting per channel (read queue and write buffer each). */
  transQueueSize: number;
  unifiedQueue: boolean;
  /** HBM: a row and a column command may issue in the same cycle (DRAMsim3 hbm_dual_cmd). */
  dualCommandIssue: boolean;
}

/** Per-device supply and currents (V, mA) for DRAMsim3's energy formulas (energy.ts). */
export interface DramPower {
  VDD: number;
  IDD0: number;
  IDD2N: number;
  IDD3N: number;
  IDD4R: number;
  IDD4W: number;
  /** All-bank refresh current. */
  IDD5AB: number;
  /** Per-bank refresh current; absent where the source gives none (then REFb is not priced). */
  IDD5PB?: number;
  /** Power-down and self-refresh currents: carried for completeness, not used (not modelled). */
  IDD2P?: number;
  IDD6x?: number;
  source: string;
}

export interface SourcedValue {
  value: number;
  source: string;
}

/**
 * Rows a preset adds to the JEDEC table, with the extra timing names they use: how a standard
 * whose rules DRAMsim3's formulas cannot express (HBM3's nRTW, GDDR6's RTW = CL + 1) stays
 * data. Compilation keeps the largest latency per (preceding, scope, following).
 */
export interface TimingExtension {
  constraints: TimingConstraint[];
  values: Record<string, number>;
}

export interface DramConfig {
  name: string;
  /** Where the values come from (file, commit, data sheet). */
  source: string;
  protocol: string;
  tCKns: number;
  /** Bytes one read or write transaction moves: bus width × BL (DRAMsim3 request_size_bytes). */
  requestBytes: number;
  org: DramOrganisation;
  timing: DramTiming;
  controller: DramController;
  /** Absent when no sourced IDD values exist for this part: energy is then not reported. */
  power?: DramPower;
  /** Interface (I/O) energy per transferred bit, where a source gives one. DRAMsim3 has none (DRAMsim3#53). */
  ioEnergyPjPerBit?: SourcedValue;
  /** Extra timing rows for this part (see TimingExtension). */
  timingExtension?: TimingExtension;
  /** Limitations of the preset relative to its source, shown in reports. */
  notes?: string[];
}

export function isGddr(p: string): boolean {
  return p === 'GDDR5' || p === 'GDDR5X' || p === 'GDDR6';
}

export function isHbm(p: string): boolean {
  return p === 'HBM' || p === 'HBM2';
}

/** Peak data bandwidth of the whole memory in GB/s: one burst per tBURST on every channel. */
export function peakBandwidthGBps(c: DramConfig): number {
  return (c.org.channels * c.requestBytes) / (c.timing.tBURST * c.tCKns);
}

/** Build the configuration DRAMsim3 would build from the same .ini values. */
export function fromDramsim3(input: Dramsim3ConfigInput, name: string, source: string, file = '<preset>'): DramConfig {
  const c = withDramsim3Defaults(input);
  const issues: Issue[] = [];
  const bad = (path: string, expected: string, received: unknown, code: Issue['code'] = 'invalid_value') =>
    issues.push({ file, path, code, expected, received: String(received) });

  if (c.protocol === 'HMC') bad('[dram_structure] protocol', `a JEDEC protocol (${DRAMSIM3_PROTOCOLS.join(', ')}); HMC is not modelled`, c.protocol, 'unsupported');
  else if (!(DRAMSIM3_PROTOCOLS as readonly string[]).includes(c.protocol)) bad('[dram_structure] protocol', `one of ${DRAMSIM3_PROTOCOLS.join(', ')}`, c.protocol, 'unknown_name');
  const protocol = c.protocol as Dramsim3Protocol;
  for (const key of ['bankgroups', 'banks_per_group', 'rows', 'columns', 'device_width', 'channels', 'bus_width', 'cmd_queue_size', 'trans_queue_size', 'channel_size'] as const) {
    if (!Number.isInteger(c[key]) || c[key] < 1) bad(key, 'a positive integer', c[key]);
  }
  if (!(c.tCK > 0)) bad('[timing] tCK', 'a positive clock period in ns', c.tCK);
  if (c.queue_structure !== 'PER_BANK' && c.queue_structure !== 'PER_RANK') bad('[system] queue_structure', 'PER_BANK or PER_RANK', c.queue_structure);
  if (!['RANK_LEVEL_SIMULTANEOUS', 'RANK_LEVEL_STAGGERED', 'BANK_LEVEL_STAGGERED'].includes(c.refresh_policy)) {
    bad('[system] refresh_policy', 'RANK_LEVEL_SIMULTANEOUS, RANK_LEVEL_STAGGERED or BANK_LEVEL_STAGGERED', c.refresh_policy);
  }
  // DRAMsim3 treats any value other than CLOSE_PAGE as open-page; a typo should not pass silently.
  if (c.row_buf_policy !== 'OPEN_PAGE' && c.row_buf_policy !== 'CLOSE_PAGE') bad('[system] row_buf_policy', 'OPEN_PAGE or CLOSE_PAGE', c.row_buf_policy);
  if (c.enable_self_refresh) bad('[system] enable_self_refresh', 'false (self-refresh is not modelled)', true, 'unsupported');
  if (issues.length > 0) throw new EinsimError(issues);

  // InitDRAMParams: GDDR5/6 may merge all banks into one group.
  let bankgroups = c.bankgroups;
  let banksPerGroup = c.banks_per_group;
  if (!c.bankgroup_enable) {
    banksPerGroup *= bankgroups;
    bankgroups = 1;
  }
  // burst_cycle: data-bus cycles per burst; BL = 0 means an ideal bus.
  const divisor = protocol === 'GDDR5' ? 4 : protocol === 'GDDR5X' ? 8 : protocol === 'GDDR6' ? 16 : 2;
  const burstCycles = c.BL === 0 ? 0 : Math.floor(c.BL / divisor);
  const burstLength = c.BL === 0 ? (isHbm(protocol) ? 4 : 8) : c.BL;
  // "column" means device_width bits: GDDR rows hold BL columns per .ini column, HBM two.
  const columns = isGddr(protocol) ? c.columns * burstLength : isHbm(protocol) ? c.columns * 2 : c.columns;
  const devicesPerRank = Math.floor(c.bus_width / c.device_width);
  if (devicesPerRank < 1) bad('[system] bus_width', `at least device_width (${c.device_width})`, c.bus_width);

  // CalculateSize: integer MB arithmetic, as DRAMsim3 does it.
  const banks = bankgroups * banksPerGroup;
  const pageBytes = Math.floor((columns * c.device_width) / 8);
  const megsPerBank = Math.floor((pageBytes * Math.floor(c.rows / 1024)) / 1024);
  const megsPerRank = megsPerBank * banks * devicesPerRank;
  const ranks = megsPerRank > c.channel_size || megsPerRank === 0 ? 1 : Math.floor(c.channel_size / megsPerRank);

  // timing.cc: GDDR and HBM use tRCDRD/tRCDWR, other protocols tRCD - AL for both.
  const gddrOrHbm = isGddr(protocol) || isHbm(protocol);
  // timing.cc: tPPD rows exist only for GDDR and LPDDR4; channel_state.cc checks t32AW only for GDDR.
  const hasPpd = isGddr(protocol) || protocol === 'LPDDR4';
  // timing.cc: with a single bank group the _L values are replaced by the _S values.
  const oneGroup = bankgroups === 1;
  const timing: DramTiming = {
    AL: c.AL,
    CL: c.CL,
    CWL: c.CWL,
    tBURST: burstCycles,
    tCCD_S: c.tCCD_S,
    tCCD_L: oneGroup ? c.tCCD_S : c.tCCD_L,
    tRTRS: c.tRTRS,
    tRTP: c.tRTP,
    tWTR_S: c.tWTR_S,
    tWTR_L: oneGroup ? c.tWTR_S : c.tWTR_L,
    tWR: c.tWR,
    tRP: c.tRP,
    tRRD_S: c.tRRD_S,
    tRRD_L: oneGroup ? c.tRRD_S : c.tRRD_L,
    tRAS: c.tRAS,
    tRCDRD: gddrOrHbm ? c.tRCDRD : c.tRCD - c.AL,
    tRCDWR: gddrOrHbm ? c.tRCDWR : c.tRCD - c.AL,
    tRC: c.tRAS + c.tRP,
    tRFC: c.tRFC,
    tRFCb: c.tRFCb,
    tREFI: c.tREFI,
    tREFIb: c.tREFIb,
    tFAW: c.tFAW,
    t32AW: isGddr(protocol) ? c.t32AW : 0,
    tPPD: hasPpd ? c.tPPD : 0,
  };

  if (issues.length > 0) throw new EinsimError(issues);
  return {
    name,
    source,
    protocol,
    tCKns: c.tCK,
    requestBytes: Math.floor(c.bus_width / 8) * burstLength,
    org: {
      channels: c.channels,
      ranks,
      bankgroups,
      banksPerGroup,
      rows: c.rows,
      columns,
      deviceWidthBits: c.device_width,
      devicesPerRank,
      busWidthBits: c.bus_width,
      burstLength,
    },
    timing,
    controller: {
      addressMapping: c.address_mapping,
      queueStructure: c.queue_structure as QueueStructure,
      refreshPolicy: c.refresh_policy as RefreshPolicy,
      rowBufferPolicy: c.row_buf_policy as RowBufferPolicy,
      cmdQueueSize: c.cmd_queue_size,
      transQueueSize: c.trans_queue_size,
      unifiedQueue: c.unified_queue,
      dualCommandIssue: c.hbm_dual_cmd && isHbm(protocol),
    },
    // DRAMsim3 always prices energy, with its built-in currents when [power] is absent.
    power: {
      VDD: c.VDD,
      IDD0: c.IDD0,
      IDD2N: c.IDD2N,
      IDD2P: c.IDD2P,
      IDD3N: c.IDD3N,
      IDD4R: c.IDD4R,
      IDD4W: c.IDD4W,
      IDD5AB: c.IDD5AB,
      IDD5PB: c.IDD5PB,
      IDD6x: c.IDD6x,
      source,
    },
  };
}
