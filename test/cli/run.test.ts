// `einsim run` as a user runs it: the default quick start, JSON/CSV, traces, SCALE-Sim reports,
// and clean failures.
import { existsSync, mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { einsim, expectCleanFailure } from '../helpers/cli.js';
import { refPath } from '../helpers/ref.js';

describe('einsim run', () => {
  it('with no arguments runs ResNet-50 on the default array and prints the table', () => {
    const r = einsim('run');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('resnet50 on tpu-128 (systolic');
    expect(r.stdout).toMatch(/conv1\s+array/);
    expect(r.stdout).toContain('energy by component');
  });

  it('prints valid JSON and CSV', () => {
    const j = einsim('run', '-w', 'workloads/gemm.yaml', '-a', 'arch/scale32.yaml', '-p', 'M=64', '--json');
    expect(j.code).toBe(0);
    const report = JSON.parse(j.stdout);
    expect(report.totals.macs).toBe(64 * 3072 * 768);
    expect(report.energy.lines.every((l: { source: string }) => l.source.length > 0)).toBe(true);
    const c = einsim('run', '-w', 'workloads/gemm.yaml', '-a', 'arch/scale32.yaml', '-p', 'M=64', '--csv');
    expect(c.stdout.trim().split('\n')).toHaveLength(3);
  });

  it('writes traces, a Perfetto timeline and SCALE-Sim reports without changing the numbers', () => {
    const dir = mkdtempSync(join(tmpdir(), 'einsim-run-'));
    const args = ['run', '-w', 'workloads/gemm.yaml', '-a', 'arch/eyeriss.yaml', '-p', 'M=16', '-p', 'N=16', '-p', 'K=16', '--json'];
    const plain = einsim(...args);
    const traced = einsim(...args, '--trace', join(dir, 't'), '--scalesim-reports', join(dir, 's'));
    expect(traced.code).toBe(0);
    expect(JSON.parse(traced.stdout)).toEqual(JSON.parse(plain.stdout));
    const timeline = JSON.parse(readFileSync(join(dir, 't', 'timeline.json'), 'utf8'));
    expect(timeline.traceEvents.length).toBeGreaterThan(1);
    expect(readdirSync(join(dir, 't')).length).toBeGreaterThan(1);
    expect(readFileSync(join(dir, 's', 'COMPUTE_REPORT.csv'), 'utf8')).toMatch(/^LayerID, Total Cycles/);
  });

  it('takes a SCALE-Sim cfg and topology as they are', () => {
    const r = einsim('run', '-a', refPath('scalesim', 'inputs', 'configs', 'scale32.cfg'), '-w', refPath('scalesim', 'inputs', 'topologies', 'custom_gemm', 'g_129x129x129.csv'), '--dataflow', 'ws', '--json');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).totals.cycles).toBe(5574);
  });

  it('fails cleanly on a bad architecture field and writes nothing', () => {
    const dir = mkdtempSync(join(tmpdir(), 'einsim-run-'));
    const out = join(dir, 'r.json');
    const r = einsim('run', '--set', 'structure.rows=0', '--out', out);
    expect(expectCleanFailure(r, 1)[0]).toMatch(/arch\/tpu-128.yaml:\d+: structure.rows: expected a value ≥ 1, received 0/);
    expect(existsSync(out)).toBe(false);
  });
});
