// Read-out bursts: each rank reads its share of the values a whole burst at a time, and the
// scheduler issues exactly that many RDMACs per rank (the count channel grouping compares on).
import { describe, expect, it } from 'vitest';
import { machineOf } from '../../../src/engines/pim/machine.js';
import { readoutBurstsPerRank } from '../../../src/engines/pim/readout.js';
import { PimChannel } from '../../../src/engines/pim/scheduler.js';
import { pimArch } from './run.js';

describe('readoutBurstsPerRank', () => {
  it('splits the bytes over the ranks, then rounds each share up to whole bursts', () => {
    expect(readoutBurstsPerRank(16, 2, 1, 32)).toBe(1); // 32 B: one burst
    expect(readoutBurstsPerRank(17, 2, 1, 32)).toBe(2); // 34 B: a partial burst costs a whole one
    expect(readoutBurstsPerRank(64, 2, 2, 32)).toBe(2); // 128 B over 2 ranks: 64 B each
    expect(readoutBurstsPerRank(33, 2, 2, 32)).toBe(2); // 66 B: 33 B per rank, rounded up twice
    expect(readoutBurstsPerRank(1, 4, 2, 32)).toBe(1);
  });

  it('is the number of RDMACs the scheduler issues per rank', () => {
    for (const name of ['pim-gpt', 'attacc'] as const) {
      const m = machineOf(pimArch(name));
      const ranks = m.device.dram.org.ranks;
      for (const values of [1, 16, 17, 100, 257]) {
        const h = PimChannel.create(m.device.dram, m.compiled, m.ids, { refresh: { mode: 'off', maxPostponed: 8, maxPulledIn: 8 }, nCCDAB: m.nCCDAB, readoutBytesPerValue: 2 }, [0], true);
        h.openRow();
        h.mac(1);
        h.readout(values);
        const perRank = new Map<number, number>();
        for (const r of h.log!.records()) if (r.command === 'RDMAC') perRank.set(r.rank, (perRank.get(r.rank) ?? 0) + 1);
        expect([...perRank.keys()].sort(), `${name}, ${values} values`).toEqual(Array.from({ length: ranks }, (_, i) => i));
        for (const n of perRank.values()) expect(n).toBe(readoutBurstsPerRank(values, 2, ranks, m.device.dram.requestBytes));
      }
    }
  });
});
