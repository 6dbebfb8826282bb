// The built CLI, as a user runs it (`npm test` builds dist/ first): exit codes, one line per
// issue on stderr, no stack traces, valid JSON.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { einsim, einsimIn, expectCleanFailure } from '../helpers/cli.js';

const fixture = (name: string) => join('test', 'fixtures', 'workloads', name);

describe('einsim check', () => {
  it('prints the per-Einsum table of a shipped workload and exits 0', () => {
    const r = einsim('check', 'workloads/attention-1pass.yaml');
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    for (const id of ['BQK', 'LM', 'RM ↻m1', 'SLNV', 'AV', 'total']) expect(r.stdout).toContain(id);
    expect(r.stdout).toContain('recurrence over m1: SPD → RD');
    // Columns line up: every table row is as wide as the header or ends in the intensity column.
    const header = r.stdout.split('\n').find((l) => l.includes('iteration space'))!;
    const rows = r.stdout.split('\n').filter((l) => /^\s*\d+\s{2}\S/.test(l));
    expect(rows).toHaveLength(12);
    for (const row of rows) expect(row.length).toBe(header.length);
  });

  it('prints valid JSON with --json, honouring --param overrides', () => {
    const r = einsim('check', 'workloads/attention-3pass.yaml', '--json', '--param', 'M=512', '--param', 'P=256');
    expect(r.code).toBe(0);
    const json = JSON.parse(r.stdout);
    expect(json.params).toMatchObject({ M: 512, P: 256, E: 64, F: 64 });
    expect(json.einsums.map((e: { id: string }) => e.id)).toEqual(['QK', 'GM', 'SN', 'SD', 'A', 'AV']);
    expect(json.totals.ops.mac).toBe(2 * 512 * 256 * 64);
  });

  it('prints one line per issue for a malformed workload, exit 1', () => {
    const lines = expectCleanFailure(einsim('check', fixture('several-issues.yaml')), 2);
    expect(lines[0]).toMatch(/^einsim: test\/fixtures\/workloads\/several-issues\.yaml:6: einsums\[0\]: expected a tensor declared/);
    expect(lines[1]).toMatch(/several-issues\.yaml:7: einsums\[1\]: expected 1 argument for tanh/);
  });

  it('rejects a YAML syntax error, a missing file, an unknown extension and a bad --param cleanly', () => {
    expectCleanFailure(einsim('check', fixture('yaml-syntax.yaml')), 1);
    expect(expectCleanFailure(einsim('check', 'nope/missing.yaml'), 1)[0]).toContain('expected a readable file, received ENOENT');
    expect(expectCleanFailure(einsim('check', 'layers.txt'), 1)[0]).toContain('expected a workload .yaml file or a SCALE-Sim topology .csv');
    expect(expectCleanFailure(einsim('check', 'layers.csv'), 1)[0]).toContain('expected a readable file');
    expect(expectCleanFailure(einsim('check', 'workloads/gemm.yaml', '--param', 'M'), 1)[0]).toContain('<cli>: --param: expected NAME=NUMBER');
    expect(expectCleanFailure(einsim('check', 'workloads/gemm.yaml', '--param', 'Z=3'), 1)[0]).toContain('<cli>: --param Z: expected a param of');
  });

  it('finds shipped workloads from any working directory, as run does, and a file in the cwd first', () => {
    const elsewhere = mkdtempSync(join(tmpdir(), 'einsim-cwd-'));
    const small = ['-p', 'M=4', '-p', 'N=4', '-p', 'K=4'];
    const run = einsimIn(elsewhere, 'run', '-w', 'workloads/gemm.yaml', '-a', 'arch/tpu-128.yaml', ...small, '--json');
    expect(run.stderr).toBe('');
    const check = einsimIn(elsewhere, 'check', 'workloads/gemm.yaml', ...small, '--json', '-a', 'arch/tpu-128.yaml');
    expect(check.stderr).toBe('');
    expect(check.code).toBe(0);
    const checked = JSON.parse(check.stdout);
    expect(checked.name).toBe('gemm');
    expect(checked.file).toBe(JSON.parse(run.stdout).workload.file);
    const same = einsimIn(elsewhere, 'check', 'workloads/gemm.yaml', '--equivalent', 'workloads/gemm.yaml', ...small);
    expect(same.code).toBe(0);
    expect(same.stdout).toContain('equivalent');
    // The user's own workloads/gemm.yaml, relative to the cwd, wins over the shipped one.
    mkdirSync(join(elsewhere, 'workloads'));
    writeFileSync(join(elsewhere, 'workloads', 'gemm.yaml'), 'name: mine\nparams: { M: 2 }\ntensors: { X: [m], Y: [m] }\neinsums: ["Y[m] = X[m]"]\n');
    expect(JSON.parse(einsimIn(elsewhere, 'check', 'workloads/gemm.yaml', '--json').stdout).name).toBe('mine');
  });

  it('prints warnings on stderr and still succeeds', () => {
    const dir = mkdtempSync(join(tmpdir(), 'einsim-'));
    const file = join(dir, 'w.yaml');
    writeFileSync(file, 'name: w\nparams: { M: 2 }\ntensors: { X: [m], U: [m], Y: [m] }\neinsums: ["Y[m] = X[m]"]\n');
    const r = einsim('check', file);
    expect(r.code).toBe(0);
    expect(r.stderr.trimEnd().split('\n')).toEqual([`einsim: warning: ${file}:3: tensors.U: expected every input to be read by an Einsum, received U is never read`]);
  });

  it('shows examples in --help', () => {
    const r = einsim('check', '--help');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Examples:');
    expect(r.stdout).toContain('einsim check workloads/attention-1pass.yaml');
  });
});

describe('einsim list', () => {
  it('lists every shipped workload with its name', () => {
    const r = einsim('list');
    expect(r.code).toBe(0);
    for (const w of ['attention-1pass', 'attention-3pass', 'attention-naive', 'gemm', 'gemv', 'conv', 'depthwise-conv']) {
      expect(r.stdout).toContain(`workloads/${w}.yaml`);
    }
    expect(r.stdout).toContain('Architectures');
  });

  it('prints valid JSON with --json', () => {
    const json = JSON.parse(einsim('list', '--json').stdout);
    expect(json.workloads.find((w: { name: string }) => w.name === 'attention-1pass').description).toContain('FuseMax');
    expect(Array.isArray(json.architectures)).toBe(true);
  });

  it('shows examples in --help', () => {
    expect(einsim('list', '--help').stdout).toContain('einsim list --json');
  });
});

describe('einsim without a command', () => {
  it('exits 1 with a usage hint and no stack trace', () => {
    const r = einsim();
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('Name a command');
    expect(r.stderr).not.toMatch(/^\s+at /m);
  });
});

describe('--help', () => {
  it('every command shows at least one example', () => {
    const top = einsim('--help').stdout;
    const commands = [...top.matchAll(/^ {2}einsim (\w+)/gm)].map((m) => m[1]);
    expect(commands).toEqual(expect.arrayContaining(['check', 'list', 'run', 'explain', 'sweep', 'repro', 'dram']));
    for (const c of commands) expect(einsim(c, '--help').stdout, c).toMatch(/Examples:\n {2}einsim /);
  });
});
