// `einsim sweep` and `einsim explain` as a user runs them.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { einsim, expectCleanFailure } from '../helpers/cli.js';
import { refPath } from '../helpers/ref.js';

describe('einsim sweep', () => {
  it('prints one CSV row per point, marks the Pareto front, and plots it', () => {
    const plot = join(mkdtempSync(join(tmpdir(), 'einsim-sweep-')), 'p.svg');
    const r = einsim('sweep', '-w', 'workloads/gemm.yaml', '-a', 'arch/scale32.yaml', '-p', 'M=64', '--axis', 'structure.rows=8,16,32', '--axis', 'structure.cols=8,32', '--plot', plot);
    expect(r.code).toBe(0);
    const lines = r.stdout.trim().split('\n');
    expect(lines[0]).toBe('structure.rows,structure.cols,status,cycles,seconds,energy_pj,area_um2,pareto,reason');
    expect(lines).toHaveLength(1 + 6);
    expect(lines.filter((l) => l.includes(',yes,')).length).toBeGreaterThan(0);
    expect(readFileSync(plot, 'utf8')).toContain('<svg');
  });

  it('skips invalid points with their reason and rejects a malformed axis', () => {
    const r = einsim('sweep', '-w', 'workloads/gemm.yaml', '-a', 'arch/scale32.yaml', '-p', 'M=16', '--axis', 'structure.rows=0,8');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^0,skipped,.*structure\.rows/m);
    expectCleanFailure(einsim('sweep', '--axis', 'structure.rows'), 1);
  });
});

describe('einsim sweep on SCALE-Sim files', () => {
  it('reads a .cfg architecture and a topology .csv as run does, and sweeps the .cfg fields', () => {
    const cfg = refPath('scalesim', 'inputs', 'configs', 'scale32.cfg');
    const topo = refPath('scalesim', 'inputs', 'topologies', 'custom_gemm', 'g_128x128x128.csv');
    const r = einsim('sweep', '-a', cfg, '-w', topo, '--axis', 'structure.rows=16,32');
    expect(r.code).toBe(0);
    const rows = r.stdout.trim().split('\n').slice(1);
    expect(rows).toHaveLength(2);
    for (const row of rows) expect(row).toMatch(/^\d+,ok,/);
    // The 32-row point is the .cfg as it is: the same cycles as `einsim run` on it.
    const run = JSON.parse(einsim('run', '-a', cfg, '-w', topo, '--json').stdout);
    expect(Number(rows[1].split(',')[2])).toBe(run.totals.cycles);
  });
});

describe('einsim explain', () => {
  it('explains a systolic run: dataflow, folds, and where the cycles went', () => {
    const r = einsim('explain', '-w', 'workloads/gemm.yaml', '-a', 'arch/eyeriss.yaml', '-p', 'M=32', '-p', 'N=32', '-p', 'K=32');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Output stationary');
    expect(r.stdout).toContain('Where the cycles went:');
    expect(r.stdout).toMatch(/fill\s+[\d,]+/);
  });

  it('explains the spatial engine: passes and binding', () => {
    const r = einsim('explain', '-w', 'workloads/attention-3pass.yaml', '-a', 'arch/flat.yaml');
    expect(r.code).toBe(0);
    expect(r.stdout.toLowerCase()).toContain('pass');
  });
});
