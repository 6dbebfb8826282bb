// `einsim compare` and sweeps over architecture files, as a user runs them.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { einsim, expectCleanFailure } from '../helpers/cli.js';

describe('einsim compare', () => {
  const archs = ['arch/tpu-128.yaml', 'arch/fusemax.yaml', 'arch/fpga-u280-intar.yaml'];

  it('runs one workload on several engines; each row is what `run` reports, refusals are rows', () => {
    const r = einsim('compare', '-w', 'workloads/attention-1pass.yaml', '-a', ...archs, '--json', '-j', '2');
    expect(r.code).toBe(0);
    const c = JSON.parse(r.stdout);
    expect(c.baseline).toBe('arch/tpu-128.yaml');
    expect(c.rows.map((x: { status: string }) => x.status)).toEqual(['ok', 'ok', 'refused']);
    expect(c.rows[2].reason).toContain('structure.mode');
    // The systolic array runs only the GEMM-like Einsums of attention: not the same work.
    expect(c.partial).toBe(true);
    expect(c.rows[0].einsumsRun).toBeLessThan(c.rows[0].einsums);
    expect(c.rows[1].einsumsRun).toBe(c.rows[1].einsums);
    const run = JSON.parse(einsim('run', '-w', 'workloads/attention-1pass.yaml', '-a', 'arch/fusemax.yaml', '--json').stdout);
    expect(c.rows[1].cycles).toBe(run.totals.cycles);
    expect(c.rows[1].energyPj).toBe(run.totals.energyPj);
    expect(c.rows[1].speedup).toBeCloseTo(c.rows[0].seconds / run.totals.seconds, 12);
  });

  it('prints a table (baseline, refusal, coverage warning), CSV and a plot', () => {
    const table = einsim('compare', '-w', 'workloads/attention-1pass.yaml', '-a', ...archs);
    expect(table.code).toBe(0);
    expect(table.stdout).toMatch(/baseline arch\/tpu-128\.yaml/);
    expect(table.stdout).toMatch(/fusemax\s+spatial/);
    expect(table.stdout).toContain('arch/fpga-u280-intar.yaml: refused:');
    expect(table.stdout).toContain('Not the same work');
    const plot = join(mkdtempSync(join(tmpdir(), 'einsim-compare-')), 'c.svg');
    const csv = einsim('compare', '-w', 'workloads/gemm.yaml', '-p', 'M=64', '-a', 'arch/scale32.yaml', 'arch/eyeriss.yaml', '--csv', '--plot', plot, '-j', '1');
    expect(csv.code).toBe(0);
    const lines = csv.stdout.trim().split('\n');
    expect(lines[0]).toBe('arch,status,name,engine,clock_hz,einsums_run,einsums,cycles,seconds,speedup,macs,energy_pj,energy_ratio,area_um2,edp_pj_s,reason');
    expect(lines).toHaveLength(3);
    expect(lines[1]).toMatch(/^arch\/scale32\.yaml,ok,.*,1,/);
    expect(readFileSync(plot, 'utf8')).toContain('<svg');
  });

  it('stops with the file\'s own error on a missing architecture or workload', () => {
    expect(expectCleanFailure(einsim('compare', '-a', 'arch/tpu-128.yaml', 'arch/nope.yaml'), 1)[0]).toContain('arch/nope.yaml');
    expect(expectCleanFailure(einsim('compare', '-a', 'arch/tpu-128.yaml', '-w', 'workloads/nope.yaml'), 1)[0]).toContain('workloads/nope.yaml');
    expectCleanFailure(einsim('compare', '-a', 'arch/tpu-128.yaml', '-j', '0'), 1);
  });
});

describe('einsim sweep over architecture files', () => {
  it('sweeps arch=FILES with other axes and puts every engine on one Pareto front', () => {
    const r = einsim('sweep', '-w', 'workloads/gemm.yaml', '--axis', 'arch=arch/scale32.yaml,arch/fusemax.yaml', '--axis', 'param.M=64,128');
    expect(r.code).toBe(0);
    const lines = r.stdout.trim().split('\n');
    expect(lines[0]).toBe('arch,param.M,status,cycles,seconds,energy_pj,area_um2,pareto,reason');
    expect(lines.slice(1).map((l) => l.split(',').slice(0, 3).join(','))).toEqual([
      'arch/scale32.yaml,64,ok',
      'arch/scale32.yaml,128,ok',
      'arch/fusemax.yaml,64,ok',
      'arch/fusemax.yaml,128,ok',
    ]);
    const run = JSON.parse(einsim('run', '-w', 'workloads/gemm.yaml', '-a', 'arch/fusemax.yaml', '-p', 'M=128', '--json').stdout);
    expect(Number(lines[4].split(',')[3])).toBe(Number(run.totals.cycles.toPrecision(15)));
  });

  it('refuses a param axis that no swept workload has, instead of skipping every point', () => {
    const [line] = expectCleanFailure(einsim('sweep', '-w', 'workloads/gemm.yaml', '-a', 'arch/scale32.yaml', '--axis', 'param.KV=1,2'), 1);
    expect(line).toContain('--axis param.KV');
    expect(line).toMatch(/a param of .*gemm\.yaml \(M, K, N\)/);
    // With a workload axis the param need only exist in one workload; the others' points are skipped.
    const r = einsim('sweep', '-a', 'arch/scale32.yaml', '--axis', 'workload=workloads/gemm.yaml,workloads/conv.yaml', '--axis', 'param.M=16');
    expect(r.code).toBe(0);
    const rows = r.stdout.trim().split('\n').slice(1);
    expect(rows.map((l) => l.split(',').slice(0, 3).join(','))).toEqual(['workloads/gemm.yaml,16,ok', 'workloads/conv.yaml,16,skipped']);
  });

  it('checks each file of a file axis before any point runs', () => {
    const out = expectCleanFailure(einsim('sweep', '--axis', 'arch=arch/tpu-128.yaml,workloads/gemm.yaml'), 7);
    expect(out[0]).toContain('workloads/gemm.yaml');
  });
});
