// SCALE-Sim v2 .cfg files (scalesim.md §1, scale_config.read_conf_file): INI read with Python's
// configparser semantics — case-insensitive keys, `:` or `=`, values stripped, `#`/`;` comment lines,
// indented lines continue the previous value — mapped onto a SystolicConfig.
import { EinsimError } from '../errors.js';
import type { Issue } from '../errors.js';
import type { SystolicConfig } from '../engines/systolic/types.js';

export interface ScaleSimCfg {
  runName: string;
  config: SystolicConfig;
}

interface Entry {
  value: string;
  line: number;
}

type Sections = Map<string, Map<string, Entry>>;

/** SCALE-Sim's fixed word size: single_layer_sim.run, `word_size = 1  # bytes`. */
const SCALESIM_WORD_BYTES = 1;
/** Default offsets (scale_config.__init__): 0, 10 000 000, 20 000 000. */
const DEFAULT_OFFSETS = { IfmapOffset: 0, FilterOffset: 10_000_000, OfmapOffset: 20_000_000 };

function parseIni(text: string, file: string): Sections {
  const sections: Sections = new Map();
  let current: Map<string, Entry> | null = null;
  let last: Entry | null = null;
  const lines = text.split(/\r\n|\n|\r/);
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i];
    const lineNo = i + 1;
    const trimmed = raw.trim();
    if (trimmed === '') {
      last = null;
      continue;
    }
    if (trimmed.startsWith('#') || trimmed.startsWith(';')) continue;
    if (/^\s/.test(raw) && last) {
      // configparser: an indented line continues the previous value.
      last.value = `${last.value}\n${trimmed}`;
      continue;
    }
    const header = /^\[([^\]]*)\]\s*$/.exec(trimmed);
    if (header) {
      const name = header[1];
      if (sections.has(name)) {
        throw new EinsimError({ file, line: lineNo, path: `[${name}]`, code: 'duplicate', expected: 'each section once', received: `a second [${name}]` });
      }
      current = new Map();
      sections.set(name, current);
      last = null;
      continue;
    }
    if (!current) {
      throw new EinsimError({ file, line: lineNo, path: '', code: 'parse', expected: 'a [section] header before the first key', received: JSON.stringify(trimmed.slice(0, 40)) });
    }
    const sep = /[:=]/.exec(trimmed);
    if (!sep || sep.index === 0) {
      throw new EinsimError({ file, line: lineNo, path: '', code: 'parse', expected: '`key: value` or `key = value`', received: JSON.stringify(trimmed.slice(0, 40)) });
    }
    const key = trimmed.slice(0, sep.index).trim().toLowerCase();
    const value = trimmed.slice(sep.index + 1).trim();
    if (current.has(key)) {
      throw new EinsimError({ file, line: lineNo, path: key, code: 'duplicate', expected: 'each key once per section', received: `a second ${key}` });
    }
    last = { value, line: lineNo };
    current.set(key, last);
  }
  return sections;
}

/** Parses a SCALE-Sim .cfg; the dataflow comes from the file (callers may override it per run). */
export function parseScaleSimCfg(text: string, file: string): ScaleSimCfg {
  const sections = parseIni(text, file);
  const issues: Issue[] = [];
  const get = (section: string, key: string): Entry | undefined => {
    const s = sections.get(section);
    if (!s) {
      issues.push({ file, path: `${section}.${key}`, code: 'missing', expected: `a [${section}] section with ${key}` });
      return undefined;
    }
    const e = s.get(key.toLowerCase());
    if (!e) issues.push({ file, path: `${section}.${key}`, code: 'missing', expected: `${key} in [${section}]` });
    return e;
  };
  const int = (section: string, key: string, min: number, fallback?: number): number => {
    const s = sections.get(section);
    if (fallback !== undefined && s && !s.has(key.toLowerCase())) return fallback;
    const e = get(section, key);
    if (!e) return NaN;
    // Python int(): optional sign, digits, underscores between digits, surrounding whitespace.
    const ok = /^[+-]?\d+(_\d+)*$/.test(e.value);
    const v = ok ? Number(e.value.replace(/_/g, '')) : NaN;
    if (!ok || !Number.isSafeInteger(v) || v < min) {
      issues.push({ file, line: e.line, path: `${section}.${key}`, code: ok ? 'invalid_value' : 'invalid_type', expected: `an integer ≥ ${min}`, received: JSON.stringify(e.value) });
      return NaN;
    }
    return v;
  };

  const runName = get('general', 'run_name')?.value ?? '';
  const mode = get('run_presets', 'InterfaceBandwidth');
  let bandwidthMode: 'CALC' | 'USER' = 'CALC';
  if (mode) {
    if (mode.value === 'CALC' || mode.value === 'USER') bandwidthMode = mode.value;
    else issues.push({ file, line: mode.line, path: 'run_presets.InterfaceBandwidth', code: 'invalid_value', expected: 'CALC or USER', received: JSON.stringify(mode.value) });
  }
  const A = 'architecture_presets';
  const rows = int(A, 'ArrayHeight', 1);
  const cols = int(A, 'ArrayWidth', 1);
  // SCALE-Sim's buffers need E ≥ 100 words (one address per CALC set), i.e. at least 1 KB.
  const ifmapKb = int(A, 'IfmapSramSzkB', 1);
  const filterKb = int(A, 'FilterSramSzkB', 1);
  const ofmapKb = int(A, 'OfmapSramSzkB', 1);
  const ifmapOffset = int(A, 'IfmapOffset', 0, DEFAULT_OFFSETS.IfmapOffset);
  const filterOffset = int(A, 'FilterOffset', 0, DEFAULT_OFFSETS.FilterOffset);
  const ofmapOffset = int(A, 'OfmapOffset', 0, DEFAULT_OFFSETS.OfmapOffset);
  const df = get(A, 'Dataflow');
  let dataflow: 'os' | 'ws' | 'is' = 'os';
  if (df) {
    if (df.value === 'os' || df.value === 'ws' || df.value === 'is') dataflow = df.value;
    else issues.push({ file, line: df.line, path: `${A}.Dataflow`, code: 'invalid_value', expected: 'one of os, ws, is', received: JSON.stringify(df.value) });
  }
  // Bandwidth is read only in USER mode, and only its first element is used (single_layer_sim.run).
  let userBandwidthWordsPerCycle = 0;
  if (bandwidthMode === 'USER' && mode?.value === 'USER') {
    const bw = get(A, 'Bandwidth');
    if (bw) {
      const parts = bw.value.split(',').map((p) => p.trim());
      const bad = parts.find((p) => !/^[+-]?\d+(_\d+)*$/.test(p));
      const first = Number(parts[0]?.replace(/_/g, ''));
      if (bad !== undefined || !Number.isSafeInteger(first) || first < 1) {
        issues.push({ file, line: bw.line, path: `${A}.Bandwidth`, code: 'invalid_value', expected: 'a comma-separated list of integers, the first ≥ 1 (words per cycle)', received: JSON.stringify(bw.value) });
      } else userBandwidthWordsPerCycle = first;
    }
  }
  if (issues.length > 0) throw new EinsimError(issues);
  return {
    runName,
    config: {
      rows,
      cols,
      ifmapSramBytes: ifmapKb * 1024,
      filterSramBytes: filterKb * 1024,
      ofmapSramBytes: ofmapKb * 1024,
      ifmapOffset,
      filterOffset,
      ofmapOffset,
      dataflow,
      bandwidthMode,
      userBandwidthWordsPerCycle,
      wordBytes: SCALESIM_WORD_BYTES,
    },
  };
}
