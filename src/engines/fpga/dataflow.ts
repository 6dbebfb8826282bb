// Dataflow mode (reference fpga.md §1.1, §3.4): every stage has its own engine (the DSP budget split
// statically) and all run at once, connected by FIFOs; intermediates never leave the chip. Stages
// joined by coupled edges form a stream cluster that runs in lock-step at the pace of its slowest
// member (throughput = slowest stage); a cluster starts when every cluster it holds a tensor from
// has ended. A fast producer whose consumer waits on another input therefore waits too: the
// pipeline stall InTAR's self-attention baseline shows (V's projection cannot run ahead of S′·V).
import { allocateDsps } from './allocate.js';
import { stageTiming } from './compute.js';
import type { ModelContext } from './context.js';
import { groupStages } from './grouping.js';
import { memoryCycles } from './offchip.js';
import { stageTraffic, type FpgaPlan, type GroupPlan, type Placement, type StagePlan } from './plan.js';
import { intermediates } from './sequential.js';
import type { StageGraph } from './stages.js';

export function planDataflow(g: StageGraph, ctx: ModelContext): FpgaPlan {
  const { s } = ctx;
  const alloc = allocateDsps(g.stages, s.dataflow.allocation, ctx.alloc);
  const clusters = groupStages(g, (e) => e.coupled);
  const clusterOf = new Map(clusters.flatMap((c, i) => c.map((id) => [id, i] as const)));
  const onChip = (): 'on-chip' => 'on-chip';
  const byId = new Map<string, StagePlan>();
  const groups: GroupPlan[] = [];
  for (const [i, members] of clusters.entries()) {
    const start = Math.max(0, ...g.edges.filter((e) => clusterOf.get(e.to) === i && clusterOf.get(e.from) !== i).map((e) => groups[clusterOf.get(e.from) as number].end));
    const plans = members.map((id) => {
      const stage = g.stages.find((x) => x.id === id) as StagePlan['stage'];
      const lanes = alloc.lanes.get(id) ?? 0;
      const timing = stageTiming(stage, Math.max(1, lanes), s);
      const { streams: all, memoryCycles: memory, readBytes, writeBytes } = stageTraffic(g, stage, onChip, 1, ctx);
      return { stage, lanes, timing, memory, all, plan: { stage, dsps: alloc.dsps.get(id) ?? 0, lanes, cores: [], group: i, start, end: start + Math.max(timing.cycles, memory), timing, memoryCycles: memory, readBytes, writeBytes, bufferBytes: stage.order?.bufferBytes ?? 0 } satisfies StagePlan };
    });
    const compute = Math.max(...plans.map((p) => p.timing.cycles));
    // All members' ports are busy at once: the device's aggregate bandwidth may bind too.
    const memory = memoryCycles(plans.flatMap((p) => p.all), ctx.portBytesPerCycle, ctx.device, ctx.clockHz);
    const fill = s.pipeline.depthCycles * (members.length - 1);
    const end = start + Math.max(compute, memory, ...plans.map((p) => p.plan.end - start)) + fill;
    for (const p of plans) byId.set(p.stage.id, p.plan);
    groups.push({ index: i, pattern: members.length > 1 ? 'pipeline' : 'sequential', stages: members, start, end, computeCycles: compute, memoryCycles: memory, fillCycles: fill, switchCycles: 0 });
  }
  const placements: Placement[] = intermediates(g).map((p) => {
    const together = p.to.every((to) => clusterOf.get(to) === clusterOf.get(p.from)) && g.edges.filter((e) => e.tensor === p.tensor).every((e) => e.coupled);
    return { ...p, residence: together ? 'fifo' : 'on-chip', reason: together ? 'streamed through a FIFO between stages running together' : 'held on chip by the consumer until the producer has finished' };
  });
  return {
    mode: 'dataflow',
    graph: g,
    stages: g.stages.map((st) => byId.get(st.id) as StagePlan),
    groups,
    placements,
    cycles: Math.max(0, ...groups.map((c) => c.end)),
    switchCycles: 0,
    dspBudget: ctx.budget,
    dspsUsed: [...alloc.dsps.values()].reduce((a, b) => a + b, 0),
    problems: alloc.problems,
  };
}
