import { describe, expect, it } from 'vitest';
import { runSpatialModel } from '../../../src/engines/spatial/model.js';
import { makespan, sampleSchedule, type ScheduleSpec } from '../../../src/engines/spatial/schedule.js';
import { arch, workload } from './helpers.js';

const exact = (spec: ScheduleSpec): number => Math.max(...sampleSchedule(spec, Math.ceil(spec.tiles), spec.iterations).map((j) => j.end));

describe('two-array list scheduler', () => {
  const onePass = workload('workloads/fusemax/attention-1pass.yaml', { seq: 1024, B: 1, H: 1 });

  it('finds FuseMax\u2019s waterfall: 138 cycles per 256×256 tile when interleaved', () => {
    const spec = runSpatialModel(onePass, arch('fusemax').structure, 940e6).kernels[0].spec;
    const jobs = sampleSchedule({ ...spec, tiles: 1, iterations: 4 }, 1, 4);
    const rm = jobs.filter((j) => j.id === 'RM').map((j) => j.start);
    expect(rm.slice(1).map((t, i) => t - rm[i])).toEqual([138, 138, 138]);
  });

  it('exposes the round trip LM → RM → SLN when not interleaved: 459 cycles per tile', () => {
    const spec = runSpatialModel(onePass, arch('fusemax-arch').structure, 940e6).kernels[0].spec;
    const jobs = sampleSchedule({ ...spec, tiles: 1, iterations: 4 }, 1, 4);
    const qk = jobs.filter((j) => j.id === 'BQK').map((j) => j.start);
    expect(qk.slice(1).map((t, i) => t - qk[i])).toEqual([459, 459, 459]);
    const lm = jobs.find((j) => j.id === 'LM' && j.iteration === 0)!;
    expect(jobs.find((j) => j.id === 'RM' && j.iteration === 0)!.start).toBe(lm.end + 256);
  });

  it('overlaps FLAT\u2019s QK of the next rows with the softmax of these: the 1-D array sets the pace', () => {
    const three = workload('workloads/fusemax/attention-3pass.yaml', { seq: 1024, B: 1, H: 1 });
    const spec = runSpatialModel(three, arch('flat').structure, 940e6).kernels[0].spec;
    const oneD = spec.jobs.filter((j) => j.array === '1d').reduce((a, j) => a + j.duration, 0);
    expect(makespan({ ...spec, tiles: 40 }) / (40 * oneD)).toBeCloseTo(1, 2);
  });

  it.each([
    ['fusemax', 'workloads/fusemax/attention-1pass.yaml'],
    ['fusemax-arch', 'workloads/fusemax/attention-1pass.yaml'],
    ['fusemax-cascade', 'workloads/fusemax/attention-1pass.yaml'],
    ['flat', 'workloads/fusemax/attention-3pass.yaml'],
    ['flat', 'workloads/attention-1pass.yaml'],
  ])('extrapolating a few simulated tiles and iterations matches simulating them all (%s, %s)', (archName, file) => {
    const c = workload(file, file.includes('fusemax/') ? { seq: 4096, B: 1, H: 1 } : {});
    const spec = runSpatialModel(c, arch(archName).structure, 940e6).kernels[0].spec;
    for (const [tiles, iterations] of [
      [1, 16],
      [2, 13],
      [9, 1],
      [7, 11],
    ]) {
      const s = { ...spec, tiles, iterations: spec.jobs.some((j) => j.phase === 'body') ? iterations : 1 };
      expect(makespan(s) / exact(s)).toBeCloseTo(1, 2);
    }
  });
});
