import { describe, expect, it } from 'vitest';
import { gridPoints } from '../../src/sweep/points.js';
import { evaluatePoint } from '../../src/sweep/run-sweep.js';
import { fakeRegistry, FAKE_ARCH_YAML } from '../helpers/fake-engine.js';
import { gemmYaml } from '../helpers/gemm-yaml.js';

const GEMM = gemmYaml(8, 8, 8);

describe('evaluatePoint', () => {
  const input = { archText: FAKE_ARCH_YAML, archFile: 'a.yaml', workloadText: GEMM, workloadFile: 'g.yaml', registry: fakeRegistry };

  it('applies arch fields and workload params per point', () => {
    const outs = [...gridPoints({ 'structure.pes': [4, 16], 'param.M': [8, 16] })].map((p) => evaluatePoint(input, p));
    const cycles = outs.map((o) => (o.ok ? o.report.totals.cycles : -1));
    // fake engine: cycles = ceil(M·N·K / pes)
    expect(cycles).toEqual([128, 256, 32, 64]);
  });

  it('takes the architecture and workload texts of the arch / workload axes from input.files', () => {
    const big = FAKE_ARCH_YAML.replace(/pes: \d+/, 'pes: 64');
    expect(big).not.toBe(FAKE_ARCH_YAML);
    const files = { 'small.yaml': { path: 'small.yaml', text: FAKE_ARCH_YAML }, 'big.yaml': { path: 'big.yaml', text: big }, 'g16.yaml': { path: 'g16.yaml', text: gemmYaml(16, 8, 8) } };
    const outs = [...gridPoints({ arch: ['small.yaml', 'big.yaml'], workload: ['g16.yaml'] })].map((p) => evaluatePoint({ ...input, files }, p));
    const cycles = outs.map((o) => (o.ok ? o.report.totals.cycles : -1));
    const pes = Number(/pes: (\d+)/.exec(FAKE_ARCH_YAML)?.[1]);
    expect(cycles).toEqual([Math.ceil((16 * 8 * 8) / pes), Math.ceil((16 * 8 * 8) / 64)]);
    expect(outs.map((o) => (o.ok ? o.report.arch.file : ''))).toEqual(['small.yaml', 'big.yaml']);
    // A file the caller did not read is a programming error, not a skipped point.
    expect(() => evaluatePoint({ ...input, files }, { arch: 'other.yaml' })).toThrow(/readAxisFiles/);
  });

  it('skips an invalid point with its reason instead of failing the sweep', () => {
    const o = evaluatePoint(input, { 'structure.pes': 0 });
    expect(o.ok).toBe(false);
    if (!o.ok) expect(o.reason).toContain('structure.pes');
  });
});

describe('evaluatePoints on worker threads', () => {
  it('gives the same outcomes, in order, as evaluating in this thread', async () => {
    const { evaluatePoints } = await import('../../src/sweep/parallel.js');
    const { readFileSync } = await import('node:fs');
    const { join } = await import('node:path');
    const { REPO_ROOT } = await import('../helpers/ref.js');
    const file = join(REPO_ROOT, 'arch', 'scale32.yaml');
    const input = { archText: readFileSync(file, 'utf8'), archFile: file, workloadText: GEMM, workloadFile: 'g.yaml' };
    const points = [...gridPoints({ 'structure.rows': [4, 8, 0], 'param.M': [8, 16] })];
    const threaded = await evaluatePoints(input, points, 2);
    const inline = await evaluatePoints(input, points, 1);
    expect(threaded).toEqual(inline);
    expect(threaded.filter((o) => !o.ok)).toHaveLength(2);
  });
});
