// The engine's loop model: lanes across outputs and (short) reductions, II beats, and one pipeline
// fill per restart of the pipelined loop (UG1393's Depth + II × (N − 1)).
import { describe, expect, it } from 'vitest';
import { macTiming, stageTiming } from '../../../src/engines/fpga/compute.js';
import { buildStages } from '../../../src/engines/fpga/stages.js';
import { buildTasks } from '../../../src/engines/fpga/tasks.js';
import { arch, cascade, ffnText, workload } from './helpers.js';

const pipeline = { depthCycles: 8, initiationInterval: 1, maxReductionUnroll: 64 };

describe('MAC engine timing', () => {
  it('a GEMV on 16 lanes: 16 outputs per beat, the 256-long reduction pipelined, one fill per group of 16 outputs', () => {
    const [t] = buildTasks(cascade(ffnText(256, 1024, 2048, 256)));
    const m = macTiming(t, 16, pipeline);
    expect([m.outputLanes, m.reductionLanes]).toEqual([16, 1]);
    expect(m.idealCycles).toBe(16384);
    expect(m.fillCycles).toBe(64 * 8);
    expect(m.cycles).toBe(16384 + 512);
  });

  it('a 3×3 convolution on 144 lanes unrolls the window: 16 pixels per beat, one fill per image row', () => {
    const t = buildTasks(workload('cnn-4l')).find((x) => x.id === 'C1');
    if (!t) throw new Error('no C1');
    const m = macTiming(t, 144, pipeline);
    expect([m.outputLanes, m.reductionLanes]).toEqual([16, 9]);
    expect(m.cycles).toBe(224 * 224 / 16 + 224 * 8);
  });

  it('pays whole beats for partial groups, and splits a short window over fewer lanes than taps', () => {
    const t = buildTasks(cascade(ffnText(100, 10, 1, 1)))[0];
    expect(macTiming(t, 4, pipeline).cycles).toBe(3 * 100 + 3 * 8);
    const conv = buildTasks(workload('cnn-4l')).find((x) => x.id === 'C1');
    if (!conv) throw new Error('no C1');
    const m = macTiming(conv, 4, pipeline);
    expect([m.outputLanes, m.reductionLanes]).toEqual([1, 4]);
    expect(m.cycles).toBe(224 * 224 * 3 + 224 * 224 * 8);
  });

  it('runs the SFU chain beside a progressive MAC loop, and after an outer-product one', () => {
    const s = arch('intar').structure;
    const g = buildStages(buildTasks(workload('self-attention')));
    const S = g.stages.find((x) => x.id === 'S');
    if (!S) throw new Error('stages missing');
    expect(S.emitsAtEnd).toBe(true);
    const t = stageTiming(S, 16, s);
    // SM, SE, SD, P: 65,536 elements each at 16 per cycle, pipelined beside each other.
    expect(t.sfuCycles).toBe(65536 / 16 + 8);
    expect(t.cycles).toBe((t.mac?.cycles ?? 0) + t.sfuCycles);
    // C1 streams its 224×224 outputs into its ReLU (U1), so the two overlap: the stage takes the
    // longer of the two, not their sum. On 16 lanes the MAC loop is the longer; on 2,304 lanes
    // (256 pixels per beat) the ReLU is.
    const C1 = buildStages(buildTasks(workload('cnn-4l'))).stages.find((x) => x.id === 'C1');
    if (!C1) throw new Error('no C1');
    expect(C1.emitsAtEnd).toBe(false);
    expect(C1.sfus.map((x) => x.id)).toEqual(['U1']);
    const relu = Math.ceil(C1.sfus[0].points / s.sfu.lanes) + s.pipeline.depthCycles;
    const narrow = stageTiming(C1, 16, s);
    expect(narrow.sfuCycles).toBe(relu);
    expect(narrow.mac?.cycles).toBeGreaterThan(relu);
    expect(narrow.cycles).toBe(narrow.mac?.cycles);
    const wide = stageTiming(C1, 2304, s);
    expect(wide.mac?.cycles).toBe(196 + 196 * 8); // ⌈50,176 / 256⌉ beats, one fill per 256 outputs
    expect(wide.mac?.cycles).toBeLessThan(relu);
    expect(wide.cycles).toBe(relu);
  });
});
