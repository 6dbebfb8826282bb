// Invariants of the controller on random request streams (fast-check): the issued command
// trace obeys every timing and bank-state rule (checked by the independent trace checker),
// achieved bandwidth never exceeds the peak, the row-hit rates are what the issued trace shows,
// every read completes no sooner than the read latency allows, and energy is non-negative.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkCommandTrace } from '../../src/dram/check-trace.js';
import type { CommandRecord } from '../../src/dram/command-log.js';
import { derivedTiming, fromDramsim3, type DramConfig } from '../../src/dram/config.js';
import { DRAMSIM3_PRESETS } from '../../src/dram/presets/dramsim3.js';
import { simulate, type RequestStream } from '../../src/dram/memory-system.js';
import { dramPreset } from '../../src/dram/presets/index.js';

const D3 = DRAMSIM3_PRESETS.DDR4_8Gb_x8_3200;
const variants: Record<string, DramConfig> = {
  'DDR4 closed page': fromDramsim3({ ...D3.config, row_buf_policy: 'CLOSE_PAGE' }, 'closed', D3.source),
  'DDR4 per-rank queues, 4 ranks': fromDramsim3({ ...D3.config, queue_structure: 'PER_RANK', channel_size: 32768 }, 'per-rank', D3.source),
  'HBM2 unified queue': fromDramsim3({ ...DRAMSIM3_PRESETS.HBM2_8Gb_x128.config, unified_queue: true }, 'unified', D3.source),
};

const CASES: [preset: string, mapping?: string][] = [
  ...Object.keys(variants).map((k): [string] => [k]),
  ['DDR4_8Gb_x8_3200'],
  ['DDR4_8Gb_x8_3200', 'bgint'],
  ['DDR4_8Gb_x16_3200', 'chrobabgraco'],
  ['HBM2_8Gb_x128'],
  ['GDDR6_8Gb_x16'],
  ['LPDDR4_8Gb_x16_2400', 'rorabachcobg'],
  ['HBM3-6400'],
  ['GDDR6-14000'],
];

const READS = new Set(['RD', 'RDA']);
const COLUMN = new Set(['RD', 'RDA', 'WR', 'WRA']);
const CLOSES = new Set(['ACT', 'PRE', 'RDA', 'WRA']);

/**
 * Row hits replayed from the issued trace alone: a column command is a hit when an earlier
 * column command reached the same bank since that bank's row was opened (DRAMsim3 counts a hit
 * when row_hit_count ≠ 0). Independent of the counters the controller keeps.
 */
function rowHitsOf(records: Iterable<CommandRecord>): { columns: number; hits: number; reads: number; readHits: number } {
  const accessed = new Set<string>();
  const out = { columns: 0, hits: 0, reads: 0, readHits: 0 };
  for (const r of records) {
    const bank = `${r.channel}/${r.rank}/${r.bankgroup}/${r.bank}`;
    if (COLUMN.has(r.command)) {
      const hit = accessed.has(bank);
      out.columns++;
      if (hit) out.hits++;
      if (READS.has(r.command)) {
        out.reads++;
        if (hit) out.readHits++;
      }
      accessed.add(bank);
    }
    if (CLOSES.has(r.command)) accessed.delete(bank);
  }
  return out;
}

/** Addresses that hit few rows often (so hits, conflicts and write-after-read all happen). */
const streamArb = fc
  .array(
    fc.record({
      row: fc.integer({ min: 0, max: 7 }),
      offset: fc.integer({ min: 0, max: 1 << 16 }),
      write: fc.boolean(),
      // Mostly back-to-back, sometimes long pauses so refreshes fall inside the run.
      gap: fc.oneof(fc.integer({ min: 0, max: 3 }), fc.integer({ min: 0, max: 400 })),
    }),
    { minLength: 1, maxLength: 250 },
  )
  .map((reqs): RequestStream => {
    const address = new Float64Array(reqs.length);
    const isWrite = new Uint8Array(reqs.length);
    const arrivalCycle = new Float64Array(reqs.length);
    let t = 0;
    reqs.forEach((r, i) => {
      address[i] = r.row * (1 << 24) + r.offset * 64;
      isWrite[i] = r.write ? 1 : 0;
      t += r.gap;
      arrivalCycle[i] = t;
    });
    return { count: reqs.length, address, isWrite, arrivalCycle };
  });

describe('controller invariants on random streams', () => {
  for (const [preset, mapping] of CASES) {
    it(`${preset}${mapping ? ` (${mapping})` : ''}: legal command trace, bandwidth ≤ peak, row-hit rates as the trace shows`, () => {
      const config = variants[preset] ?? dramPreset(preset);
      const readDelay = derivedTiming(config.timing).readDelay;
      fc.assert(
        fc.property(streamArb, fc.integer({ min: 1, max: 8 }), (requests, issueWidth) => {
          const r = simulate(config, requests, { mapping, issueWidth, recordCommands: true });
          const violations = checkCommandTrace(config, r.commandLog!.records(), { endCycle: r.cycles });
          expect(violations).toEqual([]);
          expect(r.bandwidthGBps).toBeLessThanOrEqual(r.peakBandwidthGBps * (1 + 1e-12));
          const trace = rowHitsOf(r.commandLog!.records());
          expect(trace.columns).toBe(r.commands.RD + r.commands.RDA + r.commands.WR + r.commands.WRA);
          expect(r.rowHitRate).toBe(trace.columns > 0 ? trace.hits / trace.columns : 0);
          expect(r.readRowHitRate).toBe(trace.reads > 0 ? trace.readHits / trace.reads : 0);
          // Every request moves data exactly once (reads of a buffered write are served from it).
          expect(r.commands.RD + r.commands.RDA).toBeLessThanOrEqual(r.readRequests);
          expect(r.commands.WR + r.commands.WRA).toBeLessThanOrEqual(r.writeRequests);
          if (r.readRequests > 0 && r.commands.RD > 0) expect(r.avgReadLatencyCycles).toBeGreaterThanOrEqual(1);
          expect(r.cycles).toBeGreaterThanOrEqual(r.commands.RD > 0 ? readDelay : 0);
          if (r.energyBreakdownPj) for (const v of Object.values(r.energyBreakdownPj)) expect(v).toBeGreaterThanOrEqual(0);
        }),
        { numRuns: 25 },
      );
    });
  }
});
