// Sequential mode (reference fpga.md §1.1): one stage at a time. Every intermediate between stages
// goes through off-chip memory (the sequential baselines' offchip_Q/K/V ports,
// OswaldHe/InTAR:benchmark/self-attn/sequential/sequential_hbm_config.ini). With shared datapaths
// a stage runs on every DSP; with per-task datapaths each stage owns its share and the others idle
// (an HLS loop nest per task, as the self-attention and CNN baselines are written). Off-chip
// transfers overlap compute (ping-pong buffers) or, without overlap, add to it.
import { allocateDsps, lanesFor } from './allocate.js';
import { stageTiming } from './compute.js';
import type { ModelContext } from './context.js';
import { stageTraffic, type FpgaPlan, type Placement, type StagePlan } from './plan.js';
import type { StageGraph } from './stages.js';

export function planSequential(g: StageGraph, ctx: ModelContext): FpgaPlan {
  const { s } = ctx;
  const perTask = s.sequential.datapaths === 'per-task';
  const alloc = allocateDsps(g.stages, s.dataflow.allocation, ctx.alloc);
  const problems = new Map(alloc.problems);
  const offchip = (): 'off-chip' => 'off-chip';
  let t = 0;
  const stages: StagePlan[] = g.stages.map((stage, i) => {
    const dsps = !stage.mac ? 0 : perTask ? (alloc.dsps.get(stage.id) ?? 0) : ctx.budget;
    const lanes = perTask ? (alloc.lanes.get(stage.id) ?? 0) : lanesFor(stage, dsps, ctx.alloc);
    if (!perTask && stage.mac && lanes >= 1) problems.delete(stage.id);
    const timing = stageTiming(stage, Math.max(1, lanes), s);
    const { memoryCycles: memory, readBytes, writeBytes } = stageTraffic(g, stage, offchip, 1, ctx);
    const span = s.sequential.overlap ? Math.max(timing.cycles, memory) : timing.cycles + memory;
    const plan: StagePlan = { stage, dsps, lanes, cores: [], group: i, start: t, end: t + span, timing, memoryCycles: memory, readBytes, writeBytes, bufferBytes: stage.order?.bufferBytes ?? 0 };
    t += span;
    return plan;
  });
  const placements: Placement[] = intermediates(g).map((p) => ({ ...p, residence: 'off-chip', reason: 'sequential: every intermediate is written to off-chip memory and read back' }));
  const dspsUsed = perTask ? [...alloc.dsps.values()].reduce((a, b) => a + b, 0) : ctx.budget;
  return {
    mode: 'sequential',
    graph: g,
    stages,
    groups: stages.map((p, i) => ({ index: i, pattern: 'sequential', stages: [p.stage.id], start: p.start, end: p.end, computeCycles: p.timing.cycles, memoryCycles: p.memoryCycles, fillCycles: p.timing.mac?.fillCycles ?? 0, switchCycles: 0 })),
    placements,
    cycles: t,
    switchCycles: 0,
    dspBudget: ctx.budget,
    dspsUsed,
    problems,
  };
}

/** Every tensor carried by a stage edge, with its producer and consumer stages. */
export function intermediates(g: StageGraph): Omit<Placement, 'residence' | 'reason'>[] {
  const out = new Map<string, Omit<Placement, 'residence' | 'reason'>>();
  for (const e of g.edges) {
    const p = out.get(e.tensor) ?? { tensor: e.tensor, bytes: e.bytes, from: e.from, to: [] };
    p.to.push(e.to);
    out.set(e.tensor, p);
  }
  return [...out.values()];
}
