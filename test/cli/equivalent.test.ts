// `einsim check A --equivalent B`: the teaching tool that says whether two cascades compute the
// same thing, and the SCALE-Sim topology route through `check`.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { einsim, expectCleanFailure } from '../helpers/cli.js';
import { refPath } from '../helpers/ref.js';

describe('einsim check --equivalent', () => {
  it('reports the shipped 1-pass and 3-pass attention cascades as equivalent (exit 0)', () => {
    const r = einsim('check', 'workloads/attention-1pass.yaml', '--equivalent', 'workloads/attention-3pass.yaml', '-p', 'M=1024');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/attention-1pass vs attention-3pass: equivalent/);
    expect(r.stdout).toMatch(/AV: \d\.\d\de-1[0-9]/);
  });

  it('reports a 1-pass cascade with a wrong rescale as NOT equivalent (exit 1), and --json says so', () => {
    const dir = mkdtempSync(join(tmpdir(), 'einsim-eq-'));
    const broken = join(dir, 'broken.yaml');
    const text = readFileSync('workloads/attention-1pass.yaml', 'utf8');
    const wrong = text.replace('PRM[m1,p] = exp(RM[m1,p] - RM[m1+1,p])', 'PRM[m1,p] = exp(LM[m1,p] - RM[m1+1,p])');
    expect(wrong).not.toBe(text);
    writeFileSync(broken, wrong);
    const r = einsim('check', broken, '--equivalent', 'workloads/attention-naive.yaml', '-p', 'M=1024', '--json');
    expect(r.code).toBe(1);
    const json = JSON.parse(r.stdout);
    expect(json.equivalent).toBe(false);
    expect(json.maxRelDiff).toBeGreaterThan(1e-3);
  });

  it('refuses a comparison too large for the reference evaluator with one clear line', () => {
    const r = einsim('check', 'workloads/attention-1pass.yaml', '--equivalent', 'workloads/attention-3pass.yaml', '-p', 'P=4096');
    const [line] = expectCleanFailure(r, 1);
    expect(line).toContain('--param');
  });
});

describe('einsim check on a SCALE-Sim topology', () => {
  it('imports the CSV and prints its layers', () => {
    const r = einsim('check', refPath('scalesim', 'inputs', 'topologies', 'conv_nets', 'alexnet.csv'));
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('SCALE-Sim conv topology alexnet');
  });

  it('rejects --param on a CSV', () => {
    const r = einsim('check', refPath('scalesim', 'inputs', 'topologies', 'custom_gemm', 'g_7x7x7.csv'), '-p', 'M=3');
    expect(expectCleanFailure(r, 1)[0]).toContain('--param');
  });
});

describe('einsim check --arch (fit without simulating)', () => {
  it('says which Einsums a systolic array cannot run, and why', () => {
    const r = einsim('check', 'workloads/attention-3pass.yaml', '-a', 'arch/tpu-128.yaml', '--json');
    expect(r.code).toBe(0);
    const fit = JSON.parse(r.stdout).fit as { einsum: string; ok: boolean; reason: string }[];
    expect(fit.filter((f) => f.ok).map((f) => f.einsum)).toEqual(['QK', 'AV']);
    expect(fit.find((f) => f.einsum === 'GM')?.reason).toContain('max reduction');
  });
});
