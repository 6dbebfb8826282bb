// DRAMsim3's configuration vocabulary: every key its Config class reads, with the default it
// uses when a file omits the key (umd-memsys/DRAMsim3@2981759 src/configuration.cc,
// InitSystemParams / InitDRAMParams / InitTimingParams / InitPowerParams). Keys keep DRAMsim3's
// spelling so a preset reads like the .ini it reproduces. Keys DRAMsim3 does not read (tRFC2,
// tWR2, IPP0, thermal settings...) are ignored, as DRAMsim3 ignores them.
import { EinsimError, type Issue } from '../errors.js';
import { iniKey, leadingNumber, parseIni, parseIniBoolean, type IniDocument } from './ini.js';

type FieldType = 'int' | 'real' | 'string' | 'bool';
interface FieldSpec {
  section: 'dram_structure' | 'timing' | 'power' | 'system';
  type: FieldType;
  default: number | string | boolean;
}

const int = (section: FieldSpec['section'], d: number) => ({ section, type: 'int', default: d }) as const;
const real = (section: FieldSpec['section'], d: number) => ({ section, type: 'real', default: d }) as const;
const str = (section: FieldSpec['section'], d: string) => ({ section, type: 'string', default: d }) as const;
const bool = (section: FieldSpec['section'], d: boolean) => ({ section, type: 'bool', default: d }) as const;

/** Key → section, type and DRAMsim3's default (configuration.cc). */
export const DRAMSIM3_FIELDS = {
  // [dram_structure] InitDRAMParams
  protocol: str('dram_structure', 'DDR3'),
  bankgroups: int('dram_structure', 2),
  banks_per_group: int('dram_structure', 2),
  bankgroup_enable: bool('dram_structure', true),
  rows: int('dram_structure', 1 << 16),
  columns: int('dram_structure', 1 << 10),
  device_width: int('dram_structure', 8),
  BL: int('dram_structure', 8),
  num_dies: int('dram_structure', 1),
  hbm_dual_cmd: bool('dram_structure', true),
  // [timing] InitTimingParams (all in clock cycles except tCK in ns)
  tCK: real('timing', 1.0),
  AL: int('timing', 0),
  CL: int('timing', 12),
  CWL: int('timing', 12),
  tCCD_L: int('timing', 6),
  tCCD_S: int('timing', 4),
  tRTRS: int('timing', 2),
  tRTP: int('timing', 5),
  tWTR_L: int('timing', 5),
  tWTR_S: int('timing', 5),
  tWR: int('timing', 10),
  tRP: int('timing', 10),
  tRRD_L: int('timing', 4),
  tRRD_S: int('timing', 4),
  tRAS: int('timing', 24),
  tRCD: int('timing', 10),
  tRFC: int('timing', 74),
  tCKE: int('timing', 6),
  tCKESR: int('timing', 12),
  tXS: int('timing', 432),
  tXP: int('timing', 8),
  tRFCb: int('timing', 20),
  tREFI: int('timing', 7800),
  tREFIb: int('timing', 1950),
  tFAW: int('timing', 50),
  tRPRE: int('timing', 1),
  tWPRE: int('timing', 1),
  tPPD: int('timing', 0),
  t32AW: int('timing', 330),
  tRCDRD: int('timing', 24),
  tRCDWR: int('timing', 20),
  // [power] InitPowerParams (V and mA per device)
  VDD: real('power', 1.2),
  IDD0: real('power', 48),
  IDD2P: real('power', 25),
  IDD2N: real('power', 34),
  IDD3N: real('power', 43),
  IDD4W: real('power', 123),
  IDD4R: real('power', 135),
  IDD5AB: real('power', 250),
  IDD5PB: real('power', 5),
  IDD6x: real('power', 31),
  // [system] InitSystemParams
  channel_size: int('system', 1024),
  channels: int('system', 1),
  bus_width: int('system', 64),
  address_mapping: str('system', 'chrobabgraco'),
  queue_structure: str('system', 'PER_BANK'),
  row_buf_policy: str('system', 'OPEN_PAGE'),
  cmd_queue_size: int('system', 16),
  trans_queue_size: int('system', 32),
  unified_queue: bool('system', false),
  write_buf_size: int('system', 16),
  refresh_policy: str('system', 'RANK_LEVEL_STAGGERED'),
  enable_self_refresh: bool('system', false),
  sref_threshold: int('system', 1000),
  aggressive_precharging_enabled: bool('system', false),
} as const satisfies Record<string, FieldSpec>;

type Fields = typeof DRAMSIM3_FIELDS;
type ValueOf<T extends FieldType> = T extends 'string' ? string : T extends 'bool' ? boolean : number;

/** A DRAMsim3 configuration with every key DRAMsim3 reads. */
export type Dramsim3Config = { [K in keyof Fields]: ValueOf<Fields[K]['type']> };
/** What a file (or a preset) states; the rest takes DRAMsim3's defaults. */
export type Dramsim3ConfigInput = Partial<Dramsim3Config>;

export const DRAMSIM3_PROTOCOLS = ['DDR3', 'DDR4', 'GDDR5', 'GDDR5X', 'GDDR6', 'LPDDR', 'LPDDR3', 'LPDDR4', 'HBM', 'HBM2'] as const;
export type Dramsim3Protocol = (typeof DRAMSIM3_PROTOCOLS)[number];

export function withDramsim3Defaults(input: Dramsim3ConfigInput): Dramsim3Config {
  const out: Record<string, unknown> = {};
  for (const [key, spec] of Object.entries(DRAMSIM3_FIELDS)) {
    out[key] = (input as Record<string, unknown>)[key] ?? spec.default;
  }
  return out as Dramsim3Config;
}

/** Parse DRAMsim3 .ini text into a full configuration (defaults filled in). */
export function parseDramsim3Ini(text: string, file = '<string>'): Dramsim3Config {
  return dramsim3FromIni(parseIni(text, file));
}

export function dramsim3FromIni(doc: IniDocument): Dramsim3Config {
  const issues: Issue[] = [];
  const input: Record<string, unknown> = {};
  for (const [key, spec] of Object.entries(DRAMSIM3_FIELDS) as [string, FieldSpec][]) {
    const entry = doc.entries.get(iniKey(spec.section, key));
    if (!entry) continue;
    const path = `[${spec.section}] ${key}`;
    if (spec.type === 'string') {
      input[key] = entry.value;
    } else if (spec.type === 'bool') {
      const b = parseIniBoolean(entry.value);
      if (b === undefined) issues.push({ file: doc.file, line: entry.line, path, code: 'invalid_type', expected: 'true or false', received: entry.value });
      else input[key] = b;
    } else {
      const n = leadingNumber(entry.value, spec.type === 'int');
      if (n === undefined) issues.push({ file: doc.file, line: entry.line, path, code: 'invalid_type', expected: spec.type === 'int' ? 'an integer' : 'a number', received: entry.value });
      else input[key] = n;
    }
  }
  if (issues.length > 0) throw new EinsimError(issues);
  return withDramsim3Defaults(input as Dramsim3ConfigInput);
}
