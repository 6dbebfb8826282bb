// Timing rules of the JEDEC table, each probed at the constraint − 1 (not ready) and at the
// constraint (ready), on the DRAMsim3 presets. Expected cycle counts are worked out by hand
// from the .ini values and DRAMsim3's timing.cc formulas, not read back from the table.
import { describe, expect, it } from 'vitest';
import { engineFor, type Engine } from './helpers/dram.js';

const T0 = 1000; // issue the preceding command here, far from cycle 0

interface Case {
  rule: string;
  preset: string;
  before: [cmd: string, rank: number, bg: number, bank: number][];
  after: [cmd: string, rank: number, bg: number, bank: number];
  /** Cycles from the last `before` command to the earliest `after`. */
  cycles: number;
}

// DDR4_8Gb_x8_3200: CL 22, CWL 16, tBURST 4 (BL8), tRCD 22, tRP 22, tRAS 52, tRC 74, tCCD 4/8,
// tRRD 4/8, tFAW 34, tWTR 4/12, tWR 24, tRTP 12, tRTRS 1, tRFC 560; 2 ranks.
const DDR4 = 'DDR4_8Gb_x8_3200';
const cases: Case[] = [
  { rule: 'ACT→RD waits nRCD', preset: DDR4, before: [['ACT', 0, 0, 0]], after: ['RD', 0, 0, 0], cycles: 22 },
  { rule: 'ACT→WR waits nRCD', preset: DDR4, before: [['ACT', 0, 0, 0]], after: ['WR', 0, 0, 0], cycles: 22 },
  { rule: 'ACT→PRE waits nRAS', preset: DDR4, before: [['ACT', 0, 0, 0]], after: ['PRE', 0, 0, 0], cycles: 52 },
  { rule: 'ACT→ACT same bank waits nRC', preset: DDR4, before: [['ACT', 0, 0, 0]], after: ['ACT', 0, 0, 0], cycles: 74 },
  { rule: 'ACT→ACT same bank group waits nRRD_L', preset: DDR4, before: [['ACT', 0, 1, 0]], after: ['ACT', 0, 1, 3], cycles: 8 },
  { rule: 'ACT→ACT other bank group waits nRRD_S', preset: DDR4, before: [['ACT', 0, 1, 0]], after: ['ACT', 0, 2, 0], cycles: 4 },
  { rule: 'PRE→ACT waits nRP', preset: DDR4, before: [['PRE', 0, 0, 2]], after: ['ACT', 0, 0, 2], cycles: 22 },
  { rule: 'PRE→REF waits nRP', preset: DDR4, before: [['PRE', 0, 0, 2]], after: ['REF', 0, 0, 0], cycles: 22 },
  { rule: 'RD→RD same bank group waits nCCD_L', preset: DDR4, before: [['RD', 0, 3, 0]], after: ['RD', 0, 3, 1], cycles: 8 },
  { rule: 'RD→RD other bank group waits nCCD_S', preset: DDR4, before: [['RD', 0, 3, 0]], after: ['RD', 0, 0, 1], cycles: 4 },
  { rule: 'RD→RD other rank waits tBURST + tRTRS', preset: DDR4, before: [['RD', 0, 3, 0]], after: ['RD', 1, 3, 0], cycles: 5 },
  // RL + tBURST − WL + tRTRS = 22 + 4 − 16 + 1
  { rule: 'RD→WR waits the read-to-write turnaround', preset: DDR4, before: [['RD', 0, 0, 0]], after: ['WR', 0, 2, 1], cycles: 11 },
  // (RL + tBURST) + tBURST + tRTRS − (WL + tBURST) = 26 + 4 + 1 − 20
  { rule: 'RD→WR other rank waits the turnaround', preset: DDR4, before: [['RD', 0, 0, 0]], after: ['WR', 1, 0, 0], cycles: 11 },
  { rule: 'RD→PRE waits nRTP', preset: DDR4, before: [['RD', 0, 0, 0]], after: ['PRE', 0, 0, 0], cycles: 12 },
  // WL + tBURST + tWTR_L = 16 + 4 + 12
  { rule: 'WR→RD same bank group waits nWTR_L', preset: DDR4, before: [['WR', 0, 1, 1]], after: ['RD', 0, 1, 2], cycles: 32 },
  { rule: 'WR→RD other bank group waits nWTR_S', preset: DDR4, before: [['WR', 0, 1, 1]], after: ['RD', 0, 2, 2], cycles: 24 },
  { rule: 'WR→WR same bank group waits nCCD_L', preset: DDR4, before: [['WR', 0, 1, 1]], after: ['WR', 0, 1, 2], cycles: 8 },
  { rule: 'WR→WR other rank waits tBURST', preset: DDR4, before: [['WR', 0, 1, 1]], after: ['WR', 1, 1, 1], cycles: 4 },
  // WL + tBURST + tWR = 16 + 4 + 24
  { rule: 'WR→PRE waits write recovery nWR', preset: DDR4, before: [['WR', 0, 0, 0]], after: ['PRE', 0, 0, 0], cycles: 44 },
  // AL + tBURST + tRTP + tRP = 0 + 4 + 12 + 22
  { rule: 'RDA→ACT waits nRTP + nRP', preset: DDR4, before: [['RDA', 0, 0, 0]], after: ['ACT', 0, 0, 0], cycles: 38 },
  { rule: 'WRA→ACT waits nWR + nRP', preset: DDR4, before: [['WRA', 0, 0, 0]], after: ['ACT', 0, 0, 0], cycles: 66 },
  { rule: 'REF→ACT waits nRFC', preset: DDR4, before: [['REF', 1, 0, 0]], after: ['ACT', 1, 3, 3], cycles: 560 },
  // tFAW: the fifth ACT waits for the first to leave the window (4 ACTs 4 cycles apart).
  {
    rule: 'fifth ACT in a rank waits nFAW after the first',
    preset: DDR4,
    before: [['ACT', 0, 0, 0], ['ACT', 0, 1, 0], ['ACT', 0, 2, 0], ['ACT', 0, 3, 0]],
    after: ['ACT', 0, 0, 1],
    cycles: 34 - 3 * 4,
  },
  // HBM2_8Gb_x128: tRCDRD 14, tBURST 2 (BL4), tCCD 1/2, tRTP not in the .ini: DRAMsim3 default 5.
  { rule: 'ACT→RD waits nRCDRD (HBM2)', preset: 'HBM2_8Gb_x128', before: [['ACT', 0, 0, 0]], after: ['RD', 0, 0, 0], cycles: 14 },
  { rule: 'RD→RD other bank group waits the burst when tCCD_S < tBURST (HBM2)', preset: 'HBM2_8Gb_x128', before: [['RD', 0, 0, 0]], after: ['RD', 0, 1, 0], cycles: 2 },
  { rule: 'RD→PRE waits the default nRTP 5 (HBM2)', preset: 'HBM2_8Gb_x128', before: [['RD', 0, 0, 0]], after: ['PRE', 0, 0, 0], cycles: 5 },
  // GDDR6_8Gb_x16: one bank group of 16 (bankgroup_enable = false), tPPD 2, tRCDWR 20.
  { rule: 'PRE→PRE waits nPPD (GDDR6)', preset: 'GDDR6_8Gb_x16', before: [['PRE', 0, 0, 3]], after: ['PRE', 0, 0, 9], cycles: 2 },
  { rule: 'ACT→WR waits nRCDWR (GDDR6)', preset: 'GDDR6_8Gb_x16', before: [['ACT', 0, 0, 0]], after: ['WR', 0, 0, 0], cycles: 20 },
  { rule: 'ACT→ACT waits nRRD_S when bank groups are off (GDDR6)', preset: 'GDDR6_8Gb_x16', before: [['ACT', 0, 0, 0]], after: ['ACT', 0, 0, 5], cycles: 9 },
  { rule: 'PRE→PRE waits nPPD (LPDDR4)', preset: 'LPDDR4_8Gb_x16_2400', before: [['PRE', 0, 0, 0]], after: ['PRE', 0, 1, 0], cycles: 2 },
];

function issueAll(e: Engine, before: Case['before']): number {
  let t = T0;
  for (const [i, [cmd, r, g, b]] of before.entries()) {
    if (i > 0) t = Math.max(t + 1, e.state.readyAt(e.cmd(cmd), e.bank(r, g, b)));
    e.state.issue(e.cmd(cmd), e.bank(r, g, b), 7, t);
  }
  return t;
}

function readyAt(e: Engine, [cmd, r, g, b]: Case['after']): number {
  return cmd === 'REF' ? e.state.readyAtRank(e.cmd(cmd), r) : e.state.readyAt(e.cmd(cmd), e.bank(r, g, b));
}

describe('JEDEC timing table (DRAMsim3 timing.cc)', () => {
  for (const c of cases) {
    it(`${c.rule} (${c.preset}: ${c.cycles} cycles)`, () => {
      const e = engineFor(c.preset);
      const last = issueAll(e, c.before);
      const ready = readyAt(e, c.after);
      // At the constraint − 1 the command is not ready; at the constraint it is.
      expect(ready > last + c.cycles - 1).toBe(true);
      expect(ready <= last + c.cycles).toBe(true);
    });
  }

  it('no PRE→PRE spacing on DDR4 (tPPD applies to GDDR and LPDDR4 only)', () => {
    const e = engineFor(DDR4);
    e.state.issue(e.cmd('PRE'), e.bank(0, 0, 0), -1, T0);
    expect(e.state.readyAt(e.cmd('PRE'), e.bank(0, 0, 1))).toBeLessThanOrEqual(T0);
  });

  it('a 33rd ACT within t32AW waits for the first to leave the window (GDDR6)', () => {
    const e = engineFor('GDDR6_8Gb_x16');
    const act = e.cmd('ACT');
    let t = T0;
    const first = t;
    for (let i = 0; i < 32; i++) {
      const bank = e.bank(0, 0, i % 16);
      t = Math.max(t, e.state.readyAt(act, bank), e.state.earliest[bank * e.state.nCmd + act]);
      // Spread ACTs over the banks, ignoring the same-bank tRC: only the windows are probed.
      e.state.earliest[bank * e.state.nCmd + act] = 0;
      e.state.issue(act, bank, 1, t);
      t += 1;
    }
    // tFAW 32 alone would allow the next ACT long before first + t32AW (420).
    const ready = e.state.readyAt(act, e.bank(0, 0, 15));
    expect(ready).toBe(first + 420);
  });
});
