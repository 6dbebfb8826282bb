// Cycles of one stage on an engine of `lanes` MAC lanes. The engine is an HLS PE array: a
// reduction up to `maxReductionUnroll` long (a convolution window) is unrolled across lanes and
// summed by an adder tree; the remaining lanes compute that many output points in parallel. Its
// loop nest is pipelined at II, and the pipelined loop pays its depth each time it restarts
// (AMD UG1393: Latency = Depth + II × (TripCount − 1), reference fpga.md §3.4): once per group of
// output points when the reduction loop is pipelined, once per row of outputs when the reduction is
// unrolled. Partial groups (extents the lanes do not divide) cost full beats.
import type { FpgaStructure } from './structure.js';
import type { Stage } from './stages.js';
import type { Task } from './tasks.js';

export interface MacTiming {
  cycles: number;
  /** MACs ÷ lanes: every lane busy every cycle. */
  idealCycles: number;
  fillCycles: number;
  /** Lanes across output points and across the reduction. */
  outputLanes: number;
  reductionLanes: number;
}

export function macTiming(task: Task, lanes: number, p: FpgaStructure['pipeline']): MacTiming {
  const K = task.reductionLength;
  const reductionLanes = K <= p.maxReductionUnroll ? Math.min(K, lanes) : 1;
  const outputLanes = Math.max(1, Math.floor(lanes / reductionLanes));
  const beats = Math.ceil(task.outputPoints / outputLanes) * Math.ceil(K / reductionLanes);
  const unrolled = reductionLanes === K;
  const restarts = unrolled ? Math.ceil(task.outputPoints / Math.max(outputLanes, task.rowPoints)) : Math.ceil(task.outputPoints / outputLanes);
  const fillCycles = restarts * p.depthCycles;
  return { cycles: beats * p.initiationInterval + fillCycles, idealCycles: task.macs / lanes, fillCycles, outputLanes, reductionLanes };
}

/** Cycles of an SFU task: one element per lane per cycle, one pipeline fill. */
export function sfuCycles(task: Task, s: FpgaStructure): number {
  return Math.ceil(task.points / s.sfu.lanes) + s.pipeline.depthCycles;
}

export interface StageTiming {
  /** MAC engine and SFU chain together (the SFUs after an outer-product MAC wait for it). */
  cycles: number;
  mac: MacTiming | null;
  sfuCycles: number;
}

/** A stage's compute cycles on `lanes` lanes: its SFU chain streams beside the MAC loop, or after it. */
export function stageTiming(stage: Stage, lanes: number, s: FpgaStructure): StageTiming {
  const mac = stage.mac ? macTiming(stage.mac, lanes, s.pipeline) : null;
  const sfu = stage.sfus.reduce((m, t) => Math.max(m, sfuCycles(t, s)), 0);
  const macCycles = mac?.cycles ?? 0;
  return { cycles: stage.emitsAtEnd ? macCycles + sfu : Math.max(macCycles, sfu), mac, sfuCycles: sfu };
}
