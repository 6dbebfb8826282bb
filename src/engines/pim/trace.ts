// The DRAM command trace of a PIM run, in the DRAM model's CSV format (src/dram/command-log.ts),
// so its trace checker can replay it. Channels that received identical command streams are
// written once, under the lowest channel number, with a comment naming the channels it stands for.
import { commandTraceLines, type CommandRecord } from '../../dram/command-log.js';
import type { TraceArtifact } from '../result.js';
import type { PimChannel } from './scheduler.js';

export function commandTraceArtifact(histories: readonly PimChannel[]): TraceArtifact {
  return {
    path: 'pim/dram-commands.csv',
    // Lines end in a newline: the trace writer (src/report/write-output.ts) writes them as they are.
    lines: function* () {
      yield '# DRAM command trace of a PIM run; channels with identical command streams are listed once:\n';
      for (const h of histories) yield `# channel ${h.channels[0]} stands for channels ${h.channels.join(' ')}\n`;
      for (const line of commandTraceLines(traceRecords(histories))) yield `${line}\n`;
    },
  };
}

/** Every logged command, each history under its first channel, in cycle order. */
export function traceRecords(histories: readonly PimChannel[]): CommandRecord[] {
  const records: CommandRecord[] = [];
  for (const h of histories) {
    if (!h.log) continue;
    for (const r of h.log.records()) records.push({ ...r, channel: h.channels[0] });
  }
  return records.sort((a, b) => a.cycle - b.cycle || a.channel - b.channel);
}
