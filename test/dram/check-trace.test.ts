// The command-trace checker must catch each kind of violation (a checker that passes
// everything is worse than none), and accept what the controller emits.
import { describe, expect, it } from 'vitest';
import { checkCommandTrace } from '../../src/dram/check-trace.js';
import type { CommandRecord } from '../../src/dram/command-log.js';
import { simulate } from '../../src/dram/memory-system.js';
import { generatePattern } from '../../src/dram/patterns.js';
import { dramPreset } from '../../src/dram/presets/index.js';

const DDR4 = dramPreset('DDR4_8Gb_x8_3200'); // tRCD 22, tRAS 52, tRP 22, tFAW 34, tRRD_S 4
const cmd = (cycle: number, command: string, rank = 0, bankgroup = 0, bank = 0, row = 5, column = 0): CommandRecord => ({
  cycle,
  channel: 0,
  rank,
  bankgroup,
  bank,
  row,
  column,
  command,
});
const rules = (records: CommandRecord[]) => checkCommandTrace(DDR4, records).map((v) => v.rule);

describe('command-trace checker', () => {
  it('accepts ACT→RD at tRCD and flags it at tRCD − 1', () => {
    expect(rules([cmd(100, 'ACT'), cmd(122, 'RD')])).toEqual([]);
    expect(rules([cmd(100, 'ACT'), cmd(121, 'RD')])).toEqual(['ACT→RD waits tRCD']);
  });

  it('flags a RD to a closed bank and to the wrong row', () => {
    expect(rules([cmd(100, 'RD')])).toEqual(['RD/WR only to the open row']);
    expect(rules([cmd(100, 'ACT'), cmd(130, 'RD', 0, 0, 0, 6)])).toEqual(['RD/WR only to the open row']);
  });

  it('flags an ACT to an open bank and a PRE to a closed one', () => {
    expect(rules([cmd(100, 'ACT'), cmd(300, 'ACT')])).toContain('bank precharged before ACT/REF');
    expect(rules([cmd(100, 'PRE')])).toEqual(['PRE only to an open bank']);
  });

  it('flags a fifth ACT inside tFAW', () => {
    const acts = [0, 1, 2, 3].map((g) => cmd(100 + 4 * g, 'ACT', 0, g, 0));
    expect(rules([...acts, cmd(100 + 33, 'ACT', 0, 0, 1)])).toEqual(['at most 4 ACT per rank in tFAW']);
    expect(rules([...acts, cmd(100 + 34, 'ACT', 0, 0, 1)])).toEqual([]);
  });

  it('flags REF while a bank of the rank is open, and ACT within tRFC', () => {
    expect(rules([cmd(100, 'ACT', 0, 2, 1), cmd(500, 'REF', 0, -1, -1, -1)])).toContain('bank precharged before ACT/REF');
    expect(rules([cmd(100, 'REF', 0, -1, -1, -1), cmd(659, 'ACT', 0, 3, 3)])).toEqual(['REF→ACT waits tRFC']);
    expect(rules([cmd(100, 'REF', 0, -1, -1, -1), cmd(660, 'ACT', 0, 3, 3)])).toEqual([]);
  });

  it('flags two commands in one cycle on a single command bus', () => {
    expect(rules([cmd(100, 'ACT', 0, 0, 0), cmd(100, 'ACT', 1, 0, 0)])).toEqual(['one command per cycle on the command bus']);
  });

  it('flags a rank left without refresh for more than 9 × tREFI', () => {
    const v = checkCommandTrace(DDR4, [cmd(10, 'ACT')], { endCycle: 9 * 12480 + 1 });
    expect(v.map((x) => x.rule)).toEqual(['refresh at least every 9 × tREFI', 'refresh at least every 9 × tREFI']);
  });

  it('finds nothing wrong with the controller’s own trace, and something once any command is moved one cycle earlier', () => {
    const result = simulate(DDR4, generatePattern({ pattern: 'rand', bytes: 1 << 15, requestBytes: 64, transactionBytes: 64, writeFraction: 0.3 }), { recordCommands: true });
    const trace = [...result.commandLog!.records()];
    expect(checkCommandTrace(DDR4, trace, { endCycle: result.cycles })).toEqual([]);
    // Each command issued exactly when it became legal breaks a rule one cycle earlier; most are.
    let caught = 0;
    let tight = 0;
    for (let i = 1; i < trace.length; i += 37) {
      const moved = trace.map((r, j) => (j === i ? { ...r, cycle: r.cycle - 1 } : r));
      if (moved[i].cycle < moved[i - 1].cycle) continue; // would also break time order; skip
      tight++;
      if (checkCommandTrace(DDR4, moved).length > 0) caught++;
    }
    expect(tight).toBeGreaterThan(10);
    expect(caught / tight).toBeGreaterThan(0.5);
  });
});
