// The issued DRAM command trace: one row per command (cycle, channel, rank, bank group, bank,
// row, column, command). Recorded only when asked for (it never changes the numbers), read
// by the trace checker (check-trace.ts) and written by `einsim dram --trace-out`.
import { EinsimError, type Issue } from '../errors.js';
import type { DecodedAddress } from './address-mapping.js';

/** Where and when a command issued; row, column, bank group and bank are -1 where they do not apply (PRE has no column, REF no bank). */
export interface CommandRecord extends DecodedAddress {
  cycle: number;
  command: string;
}

export class CommandLog {
  length = 0;
  cycle = new Float64Array(1024);
  /** channel, rank, bankgroup, bank, row, column, command index: 7 ints per record. */
  fields = new Int32Array(1024 * 7);

  constructor(readonly commandNames: readonly string[]) {}

  push(cycle: number, channel: number, rank: number, bankgroup: number, bank: number, row: number, column: number, command: number): void {
    if (this.length === this.cycle.length) {
      const c = new Float64Array(this.length * 2);
      c.set(this.cycle);
      this.cycle = c;
      const f = new Int32Array(this.length * 2 * 7);
      f.set(this.fields);
      this.fields = f;
    }
    const i = this.length++;
    this.cycle[i] = cycle;
    const f = this.fields;
    const o = i * 7;
    f[o] = channel;
    f[o + 1] = rank;
    f[o + 2] = bankgroup;
    f[o + 3] = bank;
    f[o + 4] = row;
    f[o + 5] = column;
    f[o + 6] = command;
  }

  get(i: number): CommandRecord {
    const o = i * 7;
    const f = this.fields;
    return {
      cycle: this.cycle[i],
      channel: f[o],
      rank: f[o + 1],
      bankgroup: f[o + 2],
      bank: f[o + 3],
      row: f[o + 4],
      column: f[o + 5],
      command: this.commandNames[f[o + 6]],
    };
  }

  *records(): Iterable<CommandRecord> {
    for (let i = 0; i < this.length; i++) yield this.get(i);
  }
}

export const COMMAND_TRACE_HEADER = 'cycle,channel,rank,bankgroup,bank,row,col,command';

/** CSV lines of a command trace, header first (streams: large traces never sit in one string). */
export function* commandTraceLines(records: Iterable<CommandRecord>): Iterable<string> {
  yield COMMAND_TRACE_HEADER;
  for (const r of records) yield `${r.cycle},${r.channel},${r.rank},${r.bankgroup},${r.bank},${r.row},${r.column},${r.command}`;
}

/** Parse a command trace written by `commandTraceLines` (for `einsim dram --check-trace`). */
export function parseCommandTrace(text: string, file = '<trace>'): CommandRecord[] {
  const out: CommandRecord[] = [];
  const issues: Issue[] = [];
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const t = lines[i].trim();
    if (t === '' || t.startsWith('#') || t === COMMAND_TRACE_HEADER) continue;
    const f = t.split(',');
    const nums = f.slice(0, 7).map(Number);
    if (f.length !== 8 || nums.some((n) => !Number.isInteger(n))) {
      if (issues.length < 20) issues.push({ file, line: i + 1, path: '', code: 'parse', expected: COMMAND_TRACE_HEADER, received: t });
      continue;
    }
    const [cycle, channel, rank, bankgroup, bank, row, column] = nums;
    out.push({ cycle, channel, rank, bankgroup, bank, row, column, command: f[7].trim() });
  }
  if (issues.length > 0) throw new EinsimError(issues);
  return out;
}
