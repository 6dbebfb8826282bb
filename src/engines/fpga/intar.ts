// InTAR mode (He et al., arXiv 2502.08807; reference fpga.md §1.1–1.2): a fixed set of compute cores
// (CC) runs a static schedule of task groups. Within a group, stages stream into each other on
// separate cores (task-pipeline), run side by side (task-parallel), or one stage takes every core
// (sequential); between groups each core reads its next config instruction (10–20 ns) or, as the
// alternative the reference asks for, loads a partial bitstream. Intermediates between groups stay
// in the cores' scratchpads while they fit, else go through off-chip memory.
//
// The schedule follows InTAR's rule: pipeline when a producer's intermediate is large, run
// sequentially otherwise. "Large" is at least `pipelineThresholdBytes` (default: one core's
// scratchpad, which the producing core could not hold). The arch file's `intar.pipelineOverrides`,
// then a `pipeline: true | false` annotation on the consuming Einsum, override the rule for its
// input edges. Only edges the consumer can stream are ever pipelined (order.ts). Cores go to a
// pipeline's stages one each, spare cores to the slowest stage (compute or off-chip streams: a core
// brings its ports); more stages than cores share cores longest-first (LPT).
import { lanesFor, macRate } from './allocate.js';
import { stageTiming, type StageTiming } from './compute.js';
import type { ModelContext } from './context.js';
import { groupStages } from './grouping.js';
import { memoryCycles, type Stream } from './offchip.js';
import { stageTraffic, type FpgaPlan, type GroupPlan, type Placement, type Residence, type StagePlan } from './plan.js';
import { intermediates } from './sequential.js';
import type { Stage, StageEdge, StageGraph } from './stages.js';
import { switchCycles, type IntarParams } from './structure.js';

export function planIntar(g: StageGraph, ctx: ModelContext): FpgaPlan {
  const { s } = ctx;
  const p = s.intar as IntarParams;
  const dspsPerCore = Math.floor(ctx.budget / p.computeCores);
  const capacity = Math.min(p.computeCores * p.scratchpadBytesPerCore, ctx.onchipBytes);
  const groups = groupStages(g, pipelineRule(g, p));
  const groupOf = new Map(groups.flatMap((m, i) => m.map((id) => [id, i] as const)));
  const spilled = chooseSpills(g, groups, groupOf, capacity);
  const residence = (tensor: string): Residence => {
    const edges = g.edges.filter((e) => e.tensor === tensor);
    if (edges.every((e) => groupOf.get(e.from) === groupOf.get(e.to))) return 'fifo';
    return spilled.has(tensor) ? 'off-chip' : 'on-chip';
  };
  const problems = new Map<string, string>();
  const byId = new Map(g.stages.map((st) => [st.id, st]));
  const stagePlans = new Map<string, StagePlan>();
  const groupPlans: GroupPlan[] = [];
  const switchCost = switchCycles(p.reconfiguration, ctx.clockHz);
  let t = 0;
  for (const [gi, members] of groups.entries()) {
    const stages = members.map((id) => byId.get(id) as Stage);
    // A core brings its lanes and its ports: a stage's time on k cores is its compute or its
    // off-chip streams over k ports, whichever is longer.
    const standalone = (st: Stage, k: number): number => {
      const memory = stageTraffic(g, st, residence, k, ctx).memoryCycles;
      return Math.max(stageTiming(st, Math.max(1, k * lanesFor(st, dspsPerCore, ctx.alloc)), s).cycles, memory);
    };
    const coresOf = assignCores(stages, p.computeCores, standalone);
    const sw = gi === 0 ? 0 : switchCost;
    const start = t + sw;
    const timings = new Map<string, StageTiming>();
    const streams: Stream[] = [];
    const load = new Array<number>(p.computeCores).fill(0);
    let sfuOnly = 0;
    for (const st of stages) {
      const cores = coresOf.get(st.id) ?? [];
      const lanes = cores.length * lanesFor(st, dspsPerCore, ctx.alloc);
      const rate = macRate(st, ctx.alloc);
      if (typeof rate === 'string') problems.set(st.id, rate);
      else if (st.mac && lanes < 1) problems.set(st.id, `task ${st.id}: a compute core of ${dspsPerCore} DSPs cannot do one ${st.mac.precisionKey} MAC per cycle`);
      const timing = stageTiming(st, Math.max(1, lanes), s);
      timings.set(st.id, timing);
      if (cores.length === 0) sfuOnly = Math.max(sfuOnly, timing.cycles);
      const shared = cores.length === 1 && stages.filter((o) => coresOf.get(o.id)?.[0] === cores[0]).length > 1;
      for (const c of cores) load[c] = shared ? load[c] + timing.cycles : Math.max(load[c], timing.cycles);
      // A core holds its operands (the X cache of the self-attention kernel) in arrays of its own,
      // beside the scratchpad that carries intermediates between groups.
      const traffic = stageTraffic(g, st, residence, Math.max(1, cores.length), ctx);
      streams.push(...traffic.streams);
      stagePlans.set(st.id, { stage: st, dsps: cores.length * dspsPerCore, lanes, cores, group: gi, start, end: start, timing, memoryCycles: traffic.memoryCycles, readBytes: traffic.readBytes, writeBytes: traffic.writeBytes, bufferBytes: st.order?.bufferBytes ?? 0 });
    }
    const compute = Math.max(sfuOnly, ...load);
    const memory = memoryCycles(streams, ctx.portBytesPerCycle, ctx.device, ctx.clockHz);
    const inner = g.edges.filter((e) => groupOf.get(e.from) === gi && groupOf.get(e.to) === gi);
    const fill = s.pipeline.depthCycles * chainLength(members, inner);
    const end = start + Math.max(compute, memory) + fill;
    for (const id of members) {
      const sp = stagePlans.get(id) as StagePlan;
      sp.end = start + Math.max(sp.timing.cycles, sp.memoryCycles);
    }
    groupPlans.push({ index: gi, pattern: members.length === 1 ? 'sequential' : inner.length > 0 ? 'pipeline' : 'parallel', stages: members, start, end, computeCycles: compute, memoryCycles: memory, fillCycles: fill, switchCycles: sw });
    t = end;
  }
  const placements: Placement[] = intermediates(g).map((x) => {
    const r = residence(x.tensor);
    const reason = r === 'fifo' ? 'pipelined: streamed between cores of one task group' : r === 'on-chip' ? 'kept in the cores\u2019 scratchpads between task groups' : `spilled to off-chip memory: the live intermediates exceed the scratchpads (${p.computeCores} × ${p.scratchpadBytesPerCore} B)`;
    return { ...x, residence: r, reason };
  });
  return {
    mode: 'intar',
    graph: g,
    stages: g.stages.map((st) => stagePlans.get(st.id) as StagePlan),
    groups: groupPlans,
    placements,
    cycles: t,
    switchCycles: groupPlans.reduce((a, gp) => a + gp.switchCycles, 0),
    dspBudget: ctx.budget,
    dspsUsed: dspsPerCore * p.computeCores,
    problems,
  };
}

/** Which stage edges InTAR pipelines: streamable, and large or annotated. */
function pipelineRule(g: StageGraph, p: IntarParams): (e: StageEdge) => boolean {
  const threshold = p.pipelineThresholdBytes ?? p.scratchpadBytesPerCore;
  const annotated = (stageId: string): boolean | undefined => {
    const tasks = g.stages.find((x) => x.id === stageId)?.tasks ?? [];
    const override = tasks.map((t) => p.pipelineOverrides[t.id]).find((v) => typeof v === 'boolean');
    if (override !== undefined || !p.honorAnnotations) return override;
    return tasks.map((t) => t.einsum.annotations.pipeline).find((a) => typeof a === 'boolean') as boolean | undefined;
  };
  return (e) => {
    if (!e.coupled) return false;
    const a = annotated(e.to);
    return a ?? e.bytes >= threshold;
  };
}

/**
 * Cores for the stages of one group. One stage: all cores. Fewer MAC stages than cores: one each,
 * then each spare core to the currently slowest stage. More: longest first onto the least-loaded
 * core. SFU-only stages take no core.
 */
export function assignCores(stages: readonly Stage[], cores: number, cycles: (s: Stage, k: number) => number): Map<string, number[]> {
  const mac = stages.filter((s) => s.mac);
  const out = new Map<string, number[]>();
  if (mac.length === 0) return out;
  if (mac.length <= cores) {
    const count = new Map(mac.map((s) => [s.id, 1]));
    for (let spare = cores - mac.length; spare > 0; spare--) {
      const slowest = mac.reduce((a, b) => (cycles(b, count.get(b.id) as number) > cycles(a, count.get(a.id) as number) ? b : a));
      count.set(slowest.id, (count.get(slowest.id) as number) + 1);
    }
    let next = 0;
    for (const s of mac) {
      const k = count.get(s.id) as number;
      out.set(s.id, Array.from({ length: k }, (_, i) => next + i));
      next += k;
    }
    return out;
  }
  const load = new Array<number>(cores).fill(0);
  for (const s of [...mac].sort((a, b) => cycles(b, 1) - cycles(a, 1) || a.index - b.index)) {
    const c = load.indexOf(Math.min(...load));
    load[c] += cycles(s, 1);
    out.set(s.id, [c]);
  }
  return out;
}

/** Longest chain of stage edges inside a group: the pipeline fills once per hop. */
function chainLength(members: readonly string[], inner: readonly StageEdge[]): number {
  const depth = new Map(members.map((id) => [id, 0]));
  for (const id of members) for (const e of inner) if (e.from === id) depth.set(e.to, Math.max(depth.get(e.to) ?? 0, (depth.get(id) ?? 0) + 1));
  return Math.max(0, ...depth.values());
}

/**
 * Intermediates crossing group boundaries live in the scratchpads from their producer's group to
 * their last consumer's; where the live set exceeds the capacity, the largest go off chip.
 */
function chooseSpills(g: StageGraph, groups: string[][], groupOf: Map<string, number>, capacity: number): Set<string> {
  const crossing = intermediates(g)
    .filter((x) => x.to.some((to) => groupOf.get(to) !== groupOf.get(x.from)))
    .map((x) => ({ ...x, first: groupOf.get(x.from) as number, last: Math.max(...x.to.map((to) => groupOf.get(to) as number)) }));
  const spilled = new Set<string>();
  for (let boundary = 0; boundary < groups.length - 1; boundary++) {
    const live = crossing.filter((x) => x.first <= boundary && x.last > boundary && !spilled.has(x.tensor)).sort((a, b) => b.bytes - a.bytes);
    let bytes = live.reduce((a, x) => a + x.bytes, 0);
    for (const x of live) {
      if (bytes <= capacity) break;
      spilled.add(x.tensor);
      bytes -= x.bytes;
    }
  }
  return spilled;
}
