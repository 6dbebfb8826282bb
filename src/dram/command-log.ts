// The issued DRAM command trace: one row per command (cycle, channel, rank, bank group, bank,
// row, column, command). Recorded only when asked for (it never changes the numbers), read
// by the trace checker (check-trace.ts) and written by `einsim dram --trace-out`.

export interface CommandRecord {
  cycle: number;
  channel: number;
  rank: number;
  bankgroup: number;
  bank: number;
  /** -1 where the command has no row (PRE, REF). */
  row: number;
  column: number;
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
export function parseCommandTrace(text: string): CommandRecord[] {
  const out: CommandRecord[] = [];
  for (const line of text.split(/\r?\n/)) {
    const t = line.trim();
    if (t === '' || t.startsWith('#') || t === COMMAND_TRACE_HEADER) continue;
    const [cycle, channel, rank, bankgroup, bank, row, column, command] = t.split(',');
    out.push({ cycle: Number(cycle), channel: Number(channel), rank: Number(rank), bankgroup: Number(bankgroup), bank: Number(bank), row: Number(row), column: Number(column), command: command.trim() });
  }
  return out;
}
