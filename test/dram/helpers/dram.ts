// Test helpers for the DRAM model: a bare timing engine for a preset, and a quote-aware CSV
// reader (the reference DRAM tables quote fields that contain commas).
import { ChannelState } from '../../../src/dram/channel-state.js';
import { commandIndex } from '../../../src/dram/command-index.js';
import type { DramConfig } from '../../../src/dram/config.js';
import { dramPreset } from '../../../src/dram/presets/index.js';
import { compileFor } from '../../../src/dram/standard.js';
import { readRef } from '../../helpers/ref.js';

export interface Engine {
  config: DramConfig;
  state: ChannelState;
  cmd: (name: string) => number;
  bank: (rank: number, bankgroup: number, bank: number) => number;
}

export function engineFor(preset: string | DramConfig): Engine {
  const config = typeof preset === 'string' ? dramPreset(preset) : preset;
  const compiled = compileFor(config);
  const state = new ChannelState(config.org, compiled);
  return {
    config,
    state,
    cmd: (name) => commandIndex(compiled, name),
    bank: (r, g, b) => state.bankIndex(r, g, b),
  };
}

/** Parse CSV text with RFC 4180 quoting into objects keyed by the header. */
export function parseCsv(text: string): Record<string, string>[] {
  const rows: string[][] = [];
  let field = '';
  let row: string[] = [];
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      row.push(field);
      field = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      field = '';
      if (row.some((c) => c !== '')) rows.push(row);
      row = [];
    } else field += ch;
  }
  row.push(field);
  if (row.some((c) => c !== '')) rows.push(row);
  const [header, ...body] = rows;
  return body.map((r) => Object.fromEntries(header.map((k, i) => [k.trim(), (r[i] ?? '').trim()])));
}

export function readRefCsvQuoted(...parts: string[]): Record<string, string>[] {
  return parseCsv(readRef(...parts));
}
