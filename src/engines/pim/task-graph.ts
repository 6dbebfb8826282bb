// A decode step as a dependence graph of tasks on two resources. Every step (an Einsum in one
// repetition, repeat.ts) becomes
//   fetch  (banks) ordinary reads of the cascade inputs it needs (LayerNorm gains, the token)
//   gemv   (banks) one part of a GEMV: its channel programs, issued through the DRAM model
//   sum    (host)  the host's additions of that part's partial sums (a reduction tiled by the buffer)
//   host   (host)  one part of a host Einsum (LayerNorm, softmax, GELU, residual)
// with an edge wherever a part reads what another part wrote: the regions of regions.ts, so the
// softmax of heads 2–3 waits for QKᵀ of heads 2–3 only, and the next layer's projections wait for
// all of LayerNorm. A repetition reads the layer output of the one before through `feeds:`.
// Parameter fetches run at most one repetition ahead (the ASIC keeps two layers' LayerNorm
// parameters: 16 KB for GPT-3 XL), i.e. once the previous repetition has started computing.
// Without overlap every task waits for the one before it: the sequential model.
import { readsOf } from '../../einsum/graph.js';
import { tensorBytes } from '../../einsum/analysis.js';
import type { Cascade, Einsum } from '../../einsum/types.js';
import { bindEinsum, type Binding } from './binding.js';
import { baseTensor } from '../../einsum/analysis.js';
import type { GemvShape } from './gemv.js';
import { hostCost, hostCostOfOps } from './host.js';
import { partialSumAdds, type GemvPlan } from './layout.js';
import type { Resource, SchedulableTask } from './list-schedule.js';
import type { PimMachine } from './machine.js';
import { partRanges, pipelineSplits, type BindingView, type Split } from './pipeline.js';
import { overlaps, readRegions, restrictEinsum, writeRegion, type Box, type RankRange, type TensorRegion } from './regions.js';
import { carriedInputs, executionOrder, type Step } from './repeat.js';

export type TaskKind = 'fetch' | 'gemv' | 'sum' | 'host';

export interface PimTask extends SchedulableTask {
  kind: TaskKind;
  resource: Resource;
  /** Index of the step in `steps`. */
  step: number;
  /** The part of the step (absent: all of it). */
  range?: RankRange;
  deps: number[];
  /** A duration guess in DRAM cycles for priorities (host tasks: exact). */
  estimateCycles: number;
  gemv?: { shape: GemvShape; plan: GemvPlan };
  /** fetch: bytes per channel. */
  fetchBytesPerChannel?: number;
  /** host, sum: host clock cycles. */
  hostCycles?: number;
  /** What the task writes and reads (base tensors): the dependences, for tests and traces. */
  writes?: TensorRegion;
  reads: TensorRegion[];
}

export interface TaskGraph {
  steps: Step[];
  tasks: PimTask[];
  /** Longest path from each task to the end (estimates): the list schedule's priority. */
  priority: Float64Array;
  /** Einsum id → its cut (absent: not cut). */
  splits: Map<string, Split>;
}

interface PartWork {
  range?: RankRange;
  einsum: Einsum;
  gemv?: { shape: GemvShape; plan: GemvPlan; adds: number };
  hostCycles?: number;
}

export function buildTaskGraph(cascade: Cascade, bindings: ReadonlyMap<string, Binding>, m: PimMachine, overlap: boolean): TaskGraph {
  const s = m.structure;
  const t = m.device.dram.timing;
  const dramPerHost = 1 / s.host.clockHz / m.tCKseconds;
  const steps = executionOrder(cascade);
  const carried = carriedInputs(cascade);
  const views = new Map<string, BindingView>();
  for (const [id, b] of bindings) views.set(id, b.unit === 'pim' ? { unit: 'pim', shape: b.shape } : { unit: b.unit });
  const cost = (e: Einsum): number | null => {
    const b = bindEinsum(e, cascade, m);
    return b.unit === 'pim' ? gemvEstimate(b.plan, b.shape, m) : null;
  };
  const splits = overlap ? pipelineSplits(cascade, views, cost) : new Map<string, Split>();
  const recurrence = new Map<string, number>();
  cascade.recurrences.forEach((r, i) => r.einsums.forEach((id) => recurrence.set(id, i)));

  const partsCache = new Map<string, PartWork[]>();
  const partsOf = (e: Einsum, b: Binding): PartWork[] => {
    let parts = partsCache.get(e.id);
    if (!parts) {
      parts = cutStep(e, b, splits.get(e.id), cascade, m);
      partsCache.set(e.id, parts);
    }
    return parts;
  };

  const tasks: PimTask[] = [];
  const add = (task: Omit<PimTask, 'id'>): number => {
    // Without overlap, every task waits for the one created before it.
    if (!overlap && tasks.length > 0) task.deps.push(tasks.length - 1);
    task.deps = [...new Set(task.deps)];
    tasks.push(task as PimTask);
    return tasks.length - 1;
  };
  /** Latest writers of each tensor: the task and the box it wrote. */
  const writers = new Map<string, { task: number; box: Box }[]>();
  /** Cascade inputs on the host: the repetition key they were fetched for and the fetch task. */
  const fetched = new Map<string, { key: string; task: number }>();
  /** First computing task of each repetition (parameter fetches wait for the one before theirs). */
  const repetitionStart = new Map<number, number>();
  const recurrenceTasks = new Map<string, number[]>();
  let lastRepetition = -1;

  steps.forEach((step, si) => {
    const e = step.einsum;
    const b = bindings.get(e.id)!;
    if (b.unit === 'unsupported') return;
    const key = step.inBlock ? `rep${step.repetition}` : 'once';

    // Inputs to bring from DRAM (deduplicated per repetition) and earlier fetches to wait for.
    const fetchDeps: number[] = [];
    let bytes = 0;
    const wanted = b.unit === 'pim' ? [b.shape.vector] : readsOf(e).map((a) => a.tensor);
    for (const name of new Set(wanted.map((x) => baseTensor(cascade, x)))) {
      const decl = cascade.tensors[name];
      if (decl.role !== 'input') continue;
      if (step.inBlock && step.repetition > 0 && carried.has(name)) continue;
      const f = fetched.get(name);
      if (f?.key === key) {
        fetchDeps.push(f.task);
        continue;
      }
      fetched.set(name, { key, task: tasks.length });
      bytes += tensorBytes(decl); // a base tensor (never a view)
    }
    if (bytes > 0) {
      const perChannel = Math.ceil(bytes / s.dram.channels);
      const ahead = step.inBlock ? repetitionStart.get(step.repetition - 1) : repetitionStart.get(lastRepetition);
      const id = add({
        kind: 'fetch',
        resource: 'banks',
        step: si,
        deps: ahead === undefined ? [] : [ahead],
        estimateCycles: Math.ceil(perChannel / m.device.dram.requestBytes) * t.tBURST + t.tRCDRD + t.tRP,
        fetchBytesPerChannel: perChannel,
        reads: [],
      });
      fetchDeps.push(id);
    }

    const group = recurrence.get(e.id);
    const groupKey = `${group}/${key}`;
    const pending: { tensor: string; task: number; box: Box }[] = [];
    for (const part of partsOf(e, b)) {
      const reads = readRegions(e, cascade, part.range);
      const deps = [...fetchDeps];
      for (const r of reads) {
        const source = step.inBlock && step.repetition > 0 && carried.has(r.tensor) ? carried.get(r.tensor)! : r.tensor;
        for (const w of writers.get(source) ?? []) if (overlaps(r.box, w.box)) deps.push(w.task);
      }
      if (group !== undefined) deps.push(...(recurrenceTasks.get(groupKey) ?? []));
      const writes = writeRegion(e, part.range);
      let last: number;
      if (part.gemv) {
        const g = part.gemv;
        last = add({ kind: 'gemv', resource: 'banks', step: si, range: part.range, deps, estimateCycles: gemvEstimate(g.plan, g.shape, m), gemv: { shape: g.shape, plan: g.plan }, writes, reads });
        if (g.adds > 0) {
          const cycles = hostCostOfOps({ add: g.adds }, s.host).cycles;
          last = add({ kind: 'sum', resource: 'host', step: si, range: part.range, deps: [last], estimateCycles: cycles * dramPerHost, hostCycles: cycles, writes, reads: [] });
        }
      } else {
        const cycles = part.hostCycles!;
        last = add({ kind: 'host', resource: 'host', step: si, range: part.range, deps, estimateCycles: cycles * dramPerHost, hostCycles: cycles, writes, reads });
      }
      pending.push({ tensor: writes.tensor, task: last, box: writes.box });
      if (step.inBlock && !repetitionStart.has(step.repetition)) repetitionStart.set(step.repetition, last);
      if (group !== undefined) recurrenceTasks.set(groupKey, [...(recurrenceTasks.get(groupKey) ?? []), last]);
    }
    writers.set(e.output.tensor, pending.map(({ task, box }) => ({ task, box })));
    if (step.inBlock) lastRepetition = step.repetition;
  });

  // Longest path to the end, over the estimates (tasks are in a topological order).
  const priority = new Float64Array(tasks.length);
  const after = new Float64Array(tasks.length);
  for (let i = tasks.length - 1; i >= 0; i--) {
    priority[i] = tasks[i].estimateCycles + after[i];
    for (const d of tasks[i].deps) after[d] = Math.max(after[d], priority[i]);
  }
  return { steps, tasks, priority, splits };
}

/** The parts of one Einsum's step: the restricted Einsum and what running it costs. */
function cutStep(e: Einsum, b: Binding, split: Split | undefined, cascade: Cascade, m: PimMachine): PartWork[] {
  const whole = (): PartWork[] => [b.unit === 'pim' ? { einsum: e, gemv: { shape: b.shape, plan: b.plan, adds: partialSumAdds(b.plan) } } : { einsum: e, hostCycles: hostCost(e, m.structure.host).cycles }];
  if (!split) return whole();
  const parts: PartWork[] = [];
  for (const range of partRanges(split)) {
    const einsum = restrictEinsum(e, range);
    if (b.unit !== 'pim') {
      parts.push({ range, einsum, hostCycles: hostCost(einsum, m.structure.host).cycles });
      continue;
    }
    const pb = bindEinsum(einsum, cascade, m);
    if (pb.unit !== 'pim') return whole();
    parts.push({ range, einsum, gemv: { shape: pb.shape, plan: pb.plan, adds: partialSumAdds(pb.plan) } });
  }
  return parts;
}

/** DRAM cycles the busiest channel needs for a GEMV part: MAC commands plus a row switch per row. */
function gemvEstimate(plan: GemvPlan, shape: GemvShape, m: PimMachine): number {
  const t = m.device.dram.timing;
  let worst = 0;
  for (const ch of plan.channels) {
    let commands = 0;
    let rows = 0;
    for (const l of ch.loads) {
      const c = l.piecesPerUnit * l.commandsPerPiece * shape.vectors;
      commands += c;
      rows += Math.ceil(c / plan.commandsPerRow);
    }
    worst = Math.max(worst, commands * m.nCCDAB + rows * (m.device.tRCDMAC + t.tRTP + t.tRP));
  }
  return worst;
}
