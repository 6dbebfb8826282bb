// A PIM layer on top of the DRAM model: its own commands (all-bank ACT, all-bank MAC column
// command paced by nCCDAB, all-bank PRE) are rows of the same timing table, issued through
// the controller onto the same bank state, and checked by the same trace checker.
import { describe, expect, it } from 'vitest';
import { checkCommandTrace } from '../../src/dram/check-trace.js';
import { MemorySystem } from '../../src/dram/memory-system.js';
import { dramPreset } from '../../src/dram/presets/index.js';
import { extendStandard, JEDEC_STANDARD } from '../../src/dram/standard.js';

// AttAcc-style all-bank commands (pim.md §0, §2): MACAB reads 32 B from every bank at once,
// spaced by nCCDAB (AttAcc: 4 CK without the power cap).
const PIM = extendStandard(JEDEC_STANDARD, {
  name: 'JEDEC + all-bank PIM',
  commands: [
    { name: 'ACTAB', target: 'rank', requires: 'closed', effect: 'open' },
    { name: 'MACAB', target: 'rank', requires: 'row-open', effect: 'access' },
    { name: 'PREAB', target: 'rank', requires: 'open', effect: 'close' },
  ],
  constraints: [
    { scope: 'sameBank', preceding: ['ACTAB'], following: ['MACAB', 'RD', 'WR'], latency: 'tRCDRD', rule: 'ACTAB→MACAB waits tRCD' },
    { scope: 'sameBank', preceding: ['ACTAB'], following: ['PREAB', 'PRE'], latency: 'tRAS', rule: 'ACTAB→PREAB waits tRAS' },
    { scope: 'sameRank', preceding: ['MACAB'], following: ['MACAB'], latency: 'nCCDAB', rule: 'MACAB→MACAB waits nCCDAB' },
    { scope: 'sameBank', preceding: ['MACAB'], following: ['PREAB'], latency: 'tRTP', rule: 'MACAB→PREAB waits tRTP' },
    { scope: 'sameBank', preceding: ['PREAB'], following: ['ACTAB', 'ACT', 'REF'], latency: 'tRP', rule: 'PREAB→ACTAB waits tRP' },
    { scope: 'sameBank', preceding: ['PRE'], following: ['ACTAB'], latency: 'tRP', rule: 'PRE→ACTAB waits tRP' },
  ],
});

describe('PIM commands through the DRAM model', () => {
  const config = dramPreset('GDDR6-14000');
  // Each test builds its own memory, so either runs alone.
  const setup = () => {
    const sys = new MemorySystem(config, { standard: PIM, extraTiming: { nCCDAB: 4 }, recordCommands: true });
    const ch = sys.controllers[0];
    const [ACTAB, MACAB, PREAB] = ['ACTAB', 'MACAB', 'PREAB'].map((n) => sys.command(n));
    return { sys, ch, ACTAB, MACAB, PREAB, bank0: ch.state.bankIndex(0, 0, 0) };
  };

  it('paces all-bank commands by the table: ACTAB→MACAB tRCD, MACAB→MACAB nCCDAB, then PREAB', () => {
    const { ch, ACTAB, MACAB, PREAB, bank0 } = setup();
    let t = ch.state.readyAtRank(ACTAB, 0);
    ch.issueCommand(ACTAB, bank0, 42, -1, t);
    const first = ch.state.readyAtRank(MACAB, 0);
    expect(first).toBe(t + config.timing.tRCDRD);
    t = first;
    for (let i = 0; i < 8; i++) {
      t = Math.max(t, ch.state.readyAtRank(MACAB, 0));
      ch.issueCommand(MACAB, bank0, 42, i, t);
      expect(ch.state.readyAtRank(MACAB, 0)).toBe(t + 4);
    }
    // Every bank of the rank has the row open and saw 8 column accesses.
    expect([...ch.state.openRow]).toEqual(new Array(16).fill(42));
    expect([...ch.state.rowHits]).toEqual(new Array(16).fill(8));
    t = ch.state.readyAtRank(PREAB, 0);
    ch.issueCommand(PREAB, bank0, -1, -1, t);
    expect(ch.state.openBanksInRank[0]).toBe(0);
    expect(ch.counters.commands[MACAB]).toBe(8);
  });

  it('the trace checker knows the PIM rows: the emitted trace is legal, a MACAB one cycle early is not', () => {
    const { sys, ch, ACTAB, MACAB, PREAB, bank0 } = setup();
    // One row: ACTAB, 8 MACAB each as early as allowed, PREAB (the sequence the test above checks).
    ch.issueCommand(ACTAB, bank0, 42, -1, ch.state.readyAtRank(ACTAB, 0));
    for (let i = 0; i < 8; i++) ch.issueCommand(MACAB, bank0, 42, i, ch.state.readyAtRank(MACAB, 0));
    ch.issueCommand(PREAB, bank0, -1, -1, ch.state.readyAtRank(PREAB, 0));
    const trace = [...sys.log!.records()];
    const check = (records: typeof trace) => checkCommandTrace(config, records, { standard: PIM, extraTiming: { nCCDAB: 4 } });
    expect(trace.map((r) => r.command)).toEqual(['ACTAB', ...new Array(8).fill('MACAB'), 'PREAB']);
    expect(check(trace)).toEqual([]);
    const early = trace.map((r, i) => (i === 3 ? { ...r, cycle: r.cycle - 1 } : r));
    expect(check(early).map((v) => v.rule)).toEqual(['MACAB→MACAB waits nCCDAB']);
    const tooSoon = trace.map((r, i) => (i === 1 ? { ...r, cycle: r.cycle - 1 } : r));
    expect(check(tooSoon).map((v) => v.rule)).toEqual(['ACTAB→MACAB waits tRCD']);
  });
});
