// `einsim dram`: the documented options and JSON keys, run through the command's pure core
// (files come from a fake reader) and once through the real CLI entry point.
import { describe, expect, it } from 'vitest';
import { main } from '../../../src/cli/main.js';
import { runDramCommand, type DramCliOptions } from '../../../src/cli/commands/dram.js';
import { readRef, refPath } from '../../helpers/ref.js';

const defaults: DramCliOptions = {
  bytes: 1048576,
  stride: 4096,
  region: 2 ** 30,
  seed: 42,
  writeFraction: 0,
  drainWrites: true,
  json: true,
  check: false,
  listPresets: false,
};
const files: Record<string, string> = {
  'app.trace': '0x0 READ 0\n0x40 READ 0\n0x80 WRITE 1\n0x1000000 READ 5\n',
  'ddr4.ini': readRef('pim', 'dramsim3-configs', 'DDR4_8Gb_x8_3200.ini'),
};
const read = (p: string) => {
  if (!(p in files)) throw new Error(`no file ${p}`);
  return files[p];
};
const run = async (o: Partial<DramCliOptions>) => JSON.parse((await runDramCommand({ ...defaults, ...o }, read)).text);

describe('einsim dram', () => {
  it('prints cycles, bandwidthGBps, rowHitRate, avgReadLatencyCycles and energyPj for a pattern (--json)', async () => {
    const j = await run({ preset: 'DDR4_8Gb_x8_3200', pattern: 'seq' });
    expect(Object.keys(j).slice(0, 5)).toEqual(['cycles', 'bandwidthGBps', 'rowHitRate', 'avgReadLatencyCycles', 'energyPj']);
    // dramsim3_stream_vs_random.csv ddr4_seq
    expect(j.cycles).toBe(98969);
    expect(j.bandwidthGBps).toBeCloseTo(16.82, 2);
    expect(j.commands.ACT).toBe(139);
  });

  it('runs a DRAMsim3 .ini through --config exactly like the named preset', async () => {
    const a = await run({ config: 'ddr4.ini', pattern: 'rand', bytes: 65536 });
    const b = await run({ preset: 'DDR4_8Gb_x8_3200', pattern: 'rand', bytes: 65536 });
    expect(a.cycles).toBe(b.cycles);
    expect(a.energyPj).toBe(b.energyPj);
  });

  it('honours --mapping, --request, --stride and --region', async () => {
    const bg = await run({ preset: 'DDR4_8Gb_x8_3200', pattern: 'seq', mapping: 'bgint' });
    expect(bg.cycles).toBe(69342); // dramsim3_stream_vs_random.csv ddr4_seq_bgint
    const big = await run({ preset: 'DDR4_8Gb_x8_3200', pattern: 'seq', bytes: 4096, request: 256 });
    expect(big.requests).toBe(64); // 16 requests of 256 B = 64 transactions of 64 B
    const stride = await run({ preset: 'DDR4_8Gb_x8_3200', pattern: 'stride', bytes: 65536, stride: 1 << 20 });
    expect(stride.rowHitRate).toBe(0); // every request in a new row of the same bank
    const small = await run({ preset: 'DDR4_8Gb_x8_3200', pattern: 'rand', bytes: 65536, region: 8192 });
    expect(small.rowHitRate).toBeGreaterThan(0.9); // an 8 KB region is one DRAM row
  });

  it('switches to closed page with --page closed (every access is RDA, no row hits)', async () => {
    const j = await run({ preset: 'DDR4_8Gb_x8_3200', pattern: 'seq', bytes: 65536, page: 'closed' });
    expect([j.commands.RD, j.commands.RDA, j.rowHitRate]).toEqual([0, 1024, 0]);
  });

  it('reads a DRAMsim3 address trace', async () => {
    const j = await run({ preset: 'DDR4_8Gb_x8_3200', trace: 'app.trace' });
    expect([j.requests, j.readRequests, j.writeRequests]).toEqual([4, 3, 1]);
    expect(j.commands.RD).toBe(3);
    expect(j.commands.WR).toBe(1);
  });

  it('checks its own command trace with --check', async () => {
    const out = await runDramCommand({ ...defaults, preset: 'HBM2_8Gb_x128', pattern: 'rand', bytes: 65536, check: true, json: false }, read);
    expect(out.violations).toEqual([]);
    expect(out.text).toMatch(/trace check +every timing rule and bank-state rule holds/);
    const lines = [...out.commandTrace!];
    expect(lines[0]).toBe('cycle,channel,rank,bankgroup,bank,row,col,command');
    expect(lines.length).toBeGreaterThan(1000);
  });

  it('reports null energy for a preset without sourced currents', async () => {
    expect((await run({ preset: 'HBM3-6400', pattern: 'seq', bytes: 65536 })).energyPj).toBeNull();
  });

  it('asks for exactly one configuration and one request source', async () => {
    await expect(run({ pattern: 'seq' })).rejects.toThrow(/exactly one of --preset/);
    await expect(run({ preset: 'DDR4-3200' })).rejects.toThrow(/exactly one of --trace/);
  });

  it('exits 1 with a one-line message for a user error, 0 on success (real entry point)', async () => {
    const errors: string[] = [];
    const out: string[] = [];
    const err = process.stderr.write;
    const std = process.stdout.write;
    process.stderr.write = ((s: string) => errors.push(s) > 0) as typeof process.stderr.write;
    process.stdout.write = ((s: string) => out.push(s) > 0) as typeof process.stdout.write;
    try {
      expect(await main(['dram', '--preset', 'DDR9', '--pattern', 'seq'])).toBe(1);
      expect(await main(['dram', '--config', refPath('pim', 'dramsim3-configs', 'GDDR6_8Gb_x16.ini'), '--pattern', 'seq', '--bytes', '65536'])).toBe(0);
    } finally {
      process.stderr.write = err;
      process.stdout.write = std;
    }
    expect(errors.join('')).toMatch(/^einsim: <cli>: --preset: expected a DRAM preset/);
    expect(out.join('')).toMatch(/DRAM GDDR6_8Gb_x16/);
  });
});
