import { describe, expect, it } from 'vitest';
import { assignPrograms, groupChannels } from '../../../src/engines/pim/channel-groups.js';
import { totals } from '../../../src/engines/pim/counts.js';
import { planGemv } from '../../../src/engines/pim/layout.js';
import { machineOf } from '../../../src/engines/pim/machine.js';
import { PimChannel } from '../../../src/engines/pim/scheduler.js';
import { shape, timingSnapshot } from './helpers.js';
import { pimArch } from './run.js';

const m = machineOf(pimArch('pim-gpt'));
const options = { refresh: { mode: 'off', maxPostponed: 8, maxPulledIn: 8 } as const, nCCDAB: m.nCCDAB, readoutBytesPerValue: 2 };
const stream = { unitsPerChannel: 16, readoutBytesPerValue: 2, ranks: 1, burstBytes: 32 };

describe('channel histories', () => {
  it('channels whose loads differ only in tile or heads share one history; different loads split it', () => {
    const tiled = planGemv(shape({ outputs: 6144, reduction: 2048 }), m.geometry);
    if (!tiled.ok) throw new Error(tiled.reason);
    expect(groupChannels(tiled.plan.channels, stream)).toHaveLength(1); // tile 0 on channels 0-3, tile 1 on 4-7
    const uneven = planGemv(shape({ outputs: 50257, reduction: 2048 }), m.geometry);
    if (!uneven.ok) throw new Error(uneven.reason);
    expect(groupChannels(uneven.plan.channels, stream).length).toBeGreaterThan(1);
  });

  it('a split clones the state: the copies run on independently and the weighted counts are kept', () => {
    const h = PimChannel.create(m.device.dram, m.compiled, m.ids, options, [0, 1, 2, 3], false);
    h.openRow();
    h.mac(10);
    const before = totals([h], m.compiled.commands.length);
    const { histories, work } = assignPrograms([h], [
      { plan: 'a', channels: [0, 2] },
      { plan: 'b', channels: [1, 3] },
    ]);
    expect(histories.map((x) => x.channels)).toEqual([[0, 2], [1, 3]]);
    expect(work.map((w) => w.plan)).toEqual(['a', 'b']);
    expect(totals(histories, m.compiled.commands.length)).toEqual(before);
    const [a, b] = histories;
    a.mac(5);
    expect(b.counts.commands[m.ids.MACAB]).toBe(10);
    expect(a.counts.commands[m.ids.MACAB]).toBe(15);
    expect(timingSnapshot(b.state)).not.toEqual(timingSnapshot(a.state));
    b.mac(5);
    expect(timingSnapshot(b.state)).toEqual(timingSnapshot(a.state));
    expect(b.clk).toBe(a.clk);
  });

  it('a clone of a two-rank channel (AttAcc) shares no timing state with the original', () => {
    const att = machineOf(pimArch('attacc'));
    const h = PimChannel.create(att.device.dram, att.compiled, att.ids, { ...options, nCCDAB: att.nCCDAB }, [0, 1], false);
    h.openRow();
    h.mac(4);
    const c = h.clone([1]);
    const before = timingSnapshot(h.state);
    c.readout(64); // data-bus commands to both ranks raise the other rank's constraints
    c.mac(8);
    expect(timingSnapshot(h.state)).toEqual(before);
    expect(timingSnapshot(c.state)).not.toEqual(before);
  });
});
