// ChannelState.clone(): a copy goes on exactly as the original would have (same readiness, bank
// state and counts as a state replayed from scratch), and nothing issued to the copy reaches the
// original, not through any field, including ones added after this test was written.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ChannelState } from '../../src/dram/channel-state.js';
import { fromDramsim3, type DramConfig } from '../../src/dram/config.js';
import { DRAMSIM3_PRESETS } from '../../src/dram/presets/dramsim3.js';
import { dramPreset } from '../../src/dram/presets/index.js';
import { compileFor, type CompiledStandard } from '../../src/dram/standard.js';
import { machineOf } from '../../src/engines/pim/machine.js';
import { pimArch } from '../engines/pim/run.js';

const D3 = DRAMSIM3_PRESETS.DDR4_8Gb_x8_3200;
const fourRanks: DramConfig = fromDramsim3({ ...D3.config, channel_size: 32768 }, 'four ranks', D3.source);
const attacc = machineOf(pimArch('attacc'));

/** Organisation and compiled standard: ranks, bank groups and tFAW windows, and a PIM extension. */
const CASES: [string, () => [DramConfig['org'], CompiledStandard]][] = [
  ['DDR4, 4 ranks', () => [fourRanks.org, compileFor(fourRanks)]],
  ['HBM2', () => [dramPreset('HBM2_8Gb_x128').org, compileFor(dramPreset('HBM2_8Gb_x128'))]],
  ['AttAcc PIM standard, 2 ranks', () => [attacc.device.dram.org, attacc.compiled]],
];

type Step = { cmd: number; bank: number; row: number; gap: number };

/** Issue each command at the first cycle it is ready (after the previous one plus a gap); returns the next free cycle. */
function drive(s: ChannelState, steps: Step[], clk: number): number {
  for (const { cmd, bank, row, gap } of steps) {
    const b = bank % s.banks;
    const ready = s.rankLevel[cmd] === 1 ? s.readyAtRank(cmd, s.rankOf(b)) : s.readyAt(cmd, b);
    const t = Math.max(clk + gap, ready);
    s.issue(cmd, b, row, t);
    clk = t + 1;
  }
  return clk;
}

/** What the rest of the simulator can see: readiness of every command everywhere, bank state, counts. */
function observable(s: ChannelState) {
  const ready: number[] = [];
  for (let c = 0; c < s.nCmd; c++) {
    for (let b = 0; b < s.banks; b++) ready.push(s.readyAt(c, b));
    for (let r = 0; r < s.ranks; r++) ready.push(s.readyAtRank(c, r));
  }
  return { ready, openRow: [...s.openRow], rowHits: [...s.rowHits], openBanksInRank: [...s.openBanksInRank], issueCount: s.issueCount };
}

/** Every field's content, copied: typed arrays and arrays of them as plain arrays. */
function contents(s: ChannelState): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(s)) {
    if (ArrayBuffer.isView(v)) out[k] = Array.from(v as unknown as ArrayLike<number>);
    else if (Array.isArray(v)) out[k] = v.map((x) => (ArrayBuffer.isView(x) ? Array.from(x as unknown as ArrayLike<number>) : x));
    else if (typeof v === 'number') out[k] = v;
  }
  return out;
}

describe('ChannelState.clone', () => {
  for (const [name, make] of CASES) {
    it(`${name}: the copy continues like a replay, and the original does not move`, () => {
      const [org, compiled] = make();
      const nCmd = compiled.commands.length;
      const step = fc.record({ cmd: fc.integer({ min: 0, max: nCmd - 1 }), bank: fc.nat(1023), row: fc.integer({ min: 0, max: 7 }), gap: fc.oneof(fc.constant(0), fc.nat(200)) });
      fc.assert(
        fc.property(fc.array(step, { maxLength: 40 }), fc.array(step, { minLength: 1, maxLength: 40 }), (prefix, suffix) => {
          const original = new ChannelState(org, compiled);
          const at = drive(original, prefix, 0);
          const copy = original.clone();
          const seen = observable(original);
          const fields = contents(original);
          expect(observable(copy)).toEqual(seen);

          drive(copy, suffix, at);
          expect(observable(original)).toEqual(seen);
          expect(contents(original)).toEqual(fields);

          const replay = new ChannelState(org, compiled);
          drive(replay, suffix, drive(replay, prefix, 0));
          expect(observable(copy)).toEqual(observable(replay));
        }),
        { numRuns: 40 },
      );
    });
  }
});
