// Command and byte counts summed over channel histories, each weighted by the channels it stands
// for; a step's counts are the difference of the sums before and after it (splitting a history
// keeps the sum, so differences stay exact).
import type { ChannelCounts, PimChannel } from './scheduler.js';

/** ChannelCounts summed over physical channels. */
export type Totals = ChannelCounts;

export function totals(histories: readonly PimChannel[], nCmd: number): Totals {
  const t: Totals = { commands: new Float64Array(nCmd), activeRankCycles: 0, idleRankCycles: 0, gbWriteBytes: 0, hostReadBytes: 0 };
  for (const h of histories) {
    const k = h.channels.length;
    for (let i = 0; i < nCmd; i++) t.commands[i] += h.counts.commands[i] * k;
    t.activeRankCycles += h.counts.activeRankCycles * k;
    t.idleRankCycles += h.counts.idleRankCycles * k;
    t.gbWriteBytes += h.counts.gbWriteBytes * k;
    t.hostReadBytes += h.counts.hostReadBytes * k;
  }
  return t;
}

export function difference(after: Totals, before: Totals): Totals {
  return {
    commands: after.commands.map((x, i) => x - before.commands[i]),
    activeRankCycles: after.activeRankCycles - before.activeRankCycles,
    idleRankCycles: after.idleRankCycles - before.idleRankCycles,
    gbWriteBytes: after.gbWriteBytes - before.gbWriteBytes,
    hostReadBytes: after.hostReadBytes - before.hostReadBytes,
  };
}
