// Channels move in lock-step whenever they receive the same programs, so the engine simulates
// one PimChannel per *history*: the set of channels that have received identical programs so far.
// A GEMV whose mapping gives two channels of one history different programs splits it (the
// state is cloned), so every physical channel is always represented by exactly one history.
import type { ChannelPlan, GbLoad } from './layout.js';
import { readoutBurstsPerRank } from './readout.js';
import type { PimChannel } from './scheduler.js';

/** What decides a channel program's command stream: two plans with one signature issue the same commands. */
export interface StreamShape {
  unitsPerChannel: number;
  readoutBytesPerValue: number;
  ranks: number;
  burstBytes: number;
}

/**
 * Group channels whose programs issue identical command streams. Which tile or heads a load
 * holds does not change its commands, and neither does how full its last slot is beyond the
 * number of read-out bursts; so loads are compared on buffer bytes, dot products per unit,
 * commands per dot product and last-slot bursts (the exact read-out bytes are counted from the
 * plans, per channel).
 */
export function groupChannels(plans: ChannelPlan[], s: StreamShape): { plan: ChannelPlan; channels: number[] }[] {
  const bursts = (values: number) => readoutBurstsPerRank(values, s.readoutBytesPerValue, s.ranks, s.burstBytes);
  const key = (l: GbLoad) => {
    const lastSlotUnits = l.pieces - (l.piecesPerUnit - 1) * s.unitsPerChannel;
    return `${l.vectorBytes}/${l.piecesPerUnit}/${l.commandsPerPiece}/${bursts(lastSlotUnits)}`;
  };
  const groups = new Map<string, { plan: ChannelPlan; channels: number[] }>();
  plans.forEach((plan, c) => {
    const k = plan.loads.map(key).join(',');
    const g = groups.get(k);
    if (g) g.channels.push(c);
    else groups.set(k, { plan, channels: [c] });
  });
  return [...groups.values()];
}

export interface Assignment<P> {
  history: PimChannel;
  plan: P;
}

/**
 * Pair every history with the program its channels get, splitting histories whose channels get
 * different programs. `groups` partitions the channels (each group shares one plan).
 */
export function assignPrograms<P = ChannelPlan>(histories: PimChannel[], groups: { plan: P; channels: number[] }[]): { histories: PimChannel[]; work: Assignment<P>[] } {
  const planOf = new Map<number, number>();
  groups.forEach((g, i) => g.channels.forEach((c) => planOf.set(c, i)));
  const next: PimChannel[] = [];
  const work: Assignment<P>[] = [];
  for (const h of histories) {
    const byPlan = new Map<number, number[]>();
    for (const c of h.channels) {
      const p = planOf.get(c);
      if (p === undefined) throw new Error(`channel ${c} has no program`);
      const list = byPlan.get(p);
      if (list) list.push(c);
      else byPlan.set(p, [c]);
    }
    let first = true;
    for (const [p, channels] of byPlan) {
      const target = first ? h : h.clone(channels);
      if (first) target.channels = channels;
      first = false;
      next.push(target);
      work.push({ history: target, plan: groups[p].plan });
    }
  }
  return { histories: next, work };
}
