// The PIM engine's run: the decode step as a dependence graph of tasks (task-graph.ts) scheduled
// on two resources, the banks and the host (list-schedule.ts). A bank task is issued through the
// DRAM timing model when it starts: a GEMV part maps onto the banks (layout.ts), each channel's
// program (program.ts) goes command by command through the channel state (scheduler.ts); a
// parameter fetch reads cascade inputs with ordinary bank commands. A host task takes the host
// unit for its cost. The banks and the host work at the same time wherever the data allow it
// (`host.overlap`, default on); without it every task waits for the one before (the sequential
// model). Time is kept in DRAM clock cycles and reported in the arch file's clock.
import type { Arch } from '../../arch/types.js';
import type { Cascade } from '../../einsum/types.js';
import { EinsimError } from '../../errors.js';
import { capacityProblem } from './check.js';
import type { RunOptions } from '../engine.js';
import { mergeActions, mergeTraffic, type EngineResult, type TraceEvent } from '../result.js';
import { rooflineComparisons } from './baselines.js';
import { bindEinsum, type Binding } from './binding.js';
import { assignPrograms, groupChannels } from './channel-groups.js';
import { difference, totals, type Totals } from './counts.js';
import { einsumResult, runBreakdown, type StepRecord } from './einsum-result.js';
import { gemvMacs } from './gemv.js';
import { listSchedule, unionLength, type TaskTiming } from './list-schedule.js';
import type { ChannelPlan, GbLoad } from './layout.js';
import { machineOf, type PimMachine } from './machine.js';
import { emitChannelProgram } from './program.js';
import { PimChannel } from './scheduler.js';
import type { PimStructure } from './structure.js';
import { buildTaskGraph, type PimTask, type TaskGraph } from './task-graph.js';
import { commandTraceArtifact } from './trace.js';
import { rowHitRate } from './row-hit-rate.js';

/** A scheduled decode step: the task graph, when each task ran, and the channel histories after it. */
export interface PimSchedule {
  machine: PimMachine;
  bindings: Map<string, Binding>;
  graph: TaskGraph;
  timing: TaskTiming[];
  /** DRAM cycles from the first task's start to the last task's finish. */
  latencyCycles: number;
  histories: PimChannel[];
  /** Per step (index of graph.steps): what it cost, or undefined when it did not run. */
  records: (StepRecord | undefined)[];
}

/** Run the task graph of `cascade` on the machine: the schedule, with every bank task issued to the DRAM model. */
export function schedulePim(cascade: Cascade, arch: Arch<PimStructure>, trace: boolean): PimSchedule {
  const m = machineOf(arch);
  const s = m.structure;
  const nCmd = m.compiled.commands.length;
  const dramPerHost = 1 / s.host.clockHz / m.tCKseconds;
  const bindings = new Map(cascade.einsums.map((e) => [e.id, bindEinsum(e, cascade, m)]));
  const graph = buildTaskGraph(cascade, bindings, m, s.host.overlap);
  const streamShape = { unitsPerChannel: m.unitsPerChannel, readoutBytesPerValue: s.pim.readoutBytesPerValue, ranks: m.device.dram.org.ranks, burstBytes: m.device.dram.requestBytes };
  const refresh = { mode: s.dram.refresh, maxPostponed: s.dram.maxRefreshPostponed, maxPulledIn: s.dram.maxRefreshPostponed };
  const channelOptions = { refresh, nCCDAB: m.nCCDAB, readoutBytesPerValue: s.pim.readoutBytesPerValue };
  let histories = [PimChannel.create(m.device.dram, m.compiled, m.ids, channelOptions, range(s.dram.channels), trace)];
  const records: (StepRecord | undefined)[] = new Array(graph.steps.length);
  let lastBankStep = -1;

  const recordOf = (task: PimTask): StepRecord => {
    let r = records[task.step];
    if (!r) {
      const e = graph.steps[task.step].einsum;
      const b = bindings.get(e.id)!;
      const split = graph.splits.get(e.id);
      const pim = b.unit === 'pim';
      r = { unit: pim ? 'pim' : 'host', dramCycles: 0, hostCycles: 0, macCommandCycles: 0, macs: pim ? gemvMacs(b.shape) : 0, readoutBytes: 0, delta: zeroTotals(nCmd), plans: [], cutRank: split?.rank, parts: 0 };
      records[task.step] = r;
    }
    return r;
  };

  /** What each channel's global buffer holds (the vector piece of its last load), to skip refilling it. */
  const buffer: (string | undefined)[] = new Array(s.dram.channels);

  const runTask = (i: number, start: number): { finish: number; freeAt: number } => {
    const task = graph.tasks[i];
    const record = recordOf(task);
    if (task.resource === 'host') {
      // Whole DRAM cycles (commands issue on cycle boundaries); 1e-6 absorbs the clock ratio's rounding.
      const finish = start + Math.ceil(task.hostCycles! * dramPerHost - 1e-6);
      record.hostCycles += task.hostCycles!;
      record.dramCycles += finish - start;
      if (task.kind === 'host') record.parts++;
      return { finish, freeAt: finish };
    }
    const before = totals(histories, nCmd);
    let finish = start;
    let freeAt = start;
    if (task.kind === 'fetch') {
      for (const h of histories) {
        h.begin(start);
        h.readToHost(task.fetchBytesPerChannel!);
        finish = Math.max(finish, h.finish());
        freeAt = Math.max(freeAt, h.commandsDone());
      }
    } else {
      const { shape, plan } = task.gemv!;
      const keyOf = bufferKey(graph, task);
      // Channels with the same program and the same answer to "does the buffer hold the first vector" issue the same commands.
      const groups: { plan: { channel: ChannelPlan; holds: boolean }; channels: number[] }[] = [];
      for (const g of groupChannels(plan.channels, streamShape)) {
        const byHolds = new Map<boolean, number[]>();
        for (const c of g.channels) {
          const first = plan.channels[c].loads[0];
          const holds = first !== undefined && buffer[c] === keyOf(first);
          byHolds.set(holds, [...(byHolds.get(holds) ?? []), c]);
        }
        for (const [holds, channels] of byHolds) groups.push({ plan: { channel: g.plan, holds }, channels });
      }
      const assigned = assignPrograms(histories, groups);
      histories = assigned.histories;
      let macCommands = 0;
      for (const { history, plan: work } of assigned.work) {
        const macBefore = history.counts.commands[m.ids.MACAB];
        history.begin(start);
        emitChannelProgram(work.channel, { unitsPerChannel: m.unitsPerChannel, commandsPerRow: plan.commandsPerRow, vectors: shape.vectors }, history, work.holds);
        finish = Math.max(finish, history.finish());
        freeAt = Math.max(freeAt, history.commandsDone());
        macCommands = Math.max(macCommands, history.counts.commands[m.ids.MACAB] - macBefore);
      }
      plan.channels.forEach((ch, c) => {
        const last = ch.loads.at(-1);
        if (last) buffer[c] = keyOf(last);
      });
      record.macCommandCycles += macCommands * m.nCCDAB;
      record.readoutBytes += plan.channels.reduce((a, p) => a + p.loads.reduce((b, l) => b + l.pieces, 0), 0) * shape.vectors * s.pim.readoutBytesPerValue;
      record.plans.push(plan);
      record.parts++;
    }
    for (const h of histories) h.settle(finish);
    addInto(record.delta, difference(totals(histories, nCmd), before));
    record.dramCycles += finish - start;
    lastBankStep = task.step;
    return { finish, freeAt };
  };

  const timing = listSchedule(graph.tasks, graph.priority, graph.tasks.map((t) => t.estimateCycles), runTask);
  const latencyCycles = timing.reduce((a, x) => Math.max(a, x.finish), 0);
  // Background cycles of the banks up to the end belong to the run; book them on the last bank step.
  if (lastBankStep >= 0) {
    const before = totals(histories, nCmd);
    for (const h of histories) h.settle(latencyCycles);
    addInto(records[lastBankStep]!.delta, difference(totals(histories, nCmd), before));
  }
  return { machine: m, bindings, graph, timing, latencyCycles, histories, records };
}

/** How the banks' GEMV work and the host's work covered the latency (DRAM cycles). */
export interface Overlap {
  /** Banks running GEMV parts. */
  gemvBankCycles: number;
  /** Host busy (host Einsums and partial-sum additions). */
  hostBusyCycles: number;
  /** Time with GEMV work going on: banks on a GEMV or the host adding its partial sums. */
  gemvCoveredCycles: number;
  /** Host partial-sum additions while no bank runs a GEMV. */
  exposedPartialSumCycles: number;
  /** Host busy while the banks are idle. */
  hostOnlyCycles: number;
}

export function overlapOf(sched: Pick<PimSchedule, 'graph' | 'timing'>): Overlap {
  const of = (kinds: PimTask['kind'][]) => sched.timing.filter((_, i) => kinds.includes(sched.graph.tasks[i].kind));
  const gemv = of(['gemv']);
  const banks = of(['gemv', 'fetch']);
  const host = of(['host', 'sum']);
  const gemvCovered = unionLength([...gemv, ...of(['sum'])]);
  const gemvBank = unionLength(gemv);
  return {
    gemvBankCycles: gemvBank,
    hostBusyCycles: host.reduce((a, x) => a + x.finish - x.start, 0),
    gemvCoveredCycles: gemvCovered,
    exposedPartialSumCycles: gemvCovered - gemvBank,
    hostOnlyCycles: unionLength([...banks, ...host]) - unionLength(banks),
  };
}

export function simulatePim(cascade: Cascade, arch: Arch<PimStructure>, options: RunOptions): EngineResult {
  // Weights or inputs that do not fit are not in the device, and a model that assumes they are
  // would report made-up latencies: refuse, with the reason `einsim check --arch` gives.
  const capacity = capacityProblem(cascade, arch);
  if (capacity !== undefined) {
    throw new EinsimError({ file: arch.file, path: 'structure', code: 'unsupported', expected: `a device that holds ${cascade.name}'s resident matrices and inputs`, received: capacity });
  }
  const sched = schedulePim(cascade, arch, options.trace);
  const { machine: m, bindings, graph, latencyCycles: now, histories, records } = sched;
  const s = m.structure;
  const nCmd = m.compiled.commands.length;
  const einsums = cascade.einsums.map((e) => {
    const list = records.filter((r, i): r is StepRecord => r !== undefined && graph.steps[i].einsum.id === e.id);
    return einsumResult(e, bindings.get(e.id)!, list, m, arch.clockHz);
  });
  const all = totals(histories, nCmd);
  const c = (name: keyof PimMachine['ids']) => all.commands[m.ids[name]];
  const columnAccesses = c('MACAB') * m.unitsPerChannel + c('RD');
  const activations = c('ACTAB') * m.unitsPerChannel * s.pim.banksPerMacUnit + c('ACT');
  const seconds = now * m.tCKseconds;
  const toReport = (dram: number) => dram * m.tCKseconds * arch.clockHz;
  const ov = overlapOf(sched);
  const cycles = seconds * arch.clockHz;
  const share = (x: number) => (now > 0 ? x / now : 0);
  const result: EngineResult = {
    engine: 'pim',
    clockHz: arch.clockHz,
    units: { pim_mac: m.totalLanes, host: 1 },
    cycles,
    stallCycles: 0,
    breakdown: runBreakdown(einsums, cycles, toReport(ov.hostOnlyCycles)),
    einsums,
    actions: mergeActions(einsums.map((x) => x.actions)),
    traffic: mergeTraffic(einsums.map((x) => x.traffic)),
    details: {
      device: m.device.dram.name,
      perTokenLatencyUs: seconds * 1e6,
      tokensPerSecond: seconds > 0 ? 1 / seconds : 0,
      rowHitRate: rowHitRate(activations, columnAccesses),
      schedule: s.host.overlap ? 'overlap' : 'sequential',
      nonGemvShareOfLatency: share(now - ov.gemvCoveredCycles),
      hostPartialSumShareOfLatency: share(ov.exposedPartialSumCycles),
      hostBusyUs: ov.hostBusyCycles * m.tCKseconds * 1e6,
      hostBusyShareOfLatency: share(ov.hostBusyCycles),
      gemvBankBusyUs: ov.gemvBankCycles * m.tCKseconds * 1e6,
      gemvBankBusyShareOfLatency: share(ov.gemvBankCycles),
      peakMacsPerSecond: m.peakMacsPerSecond,
      peakInternalBandwidthBytesPerSecond: m.internalBytesPerSecond,
      achievedInternalBandwidthBytesPerSecond: ov.gemvBankCycles > 0 ? (c('MACAB') * m.unitsPerChannel * m.device.columnBytes) / (ov.gemvBankCycles * m.tCKseconds) : 0,
      allBankMacSpacingCycles: m.nCCDAB,
      dramClockHz: 1 / m.tCKseconds,
      refreshes: c('REF'),
      allBankActivations: c('ACTAB'),
      allBankMacCommands: c('MACAB'),
      channelHistoriesSimulated: histories.length,
      scheduledTasks: graph.tasks.length,
      ...rooflineComparisons(cascade, s.baselines, seconds),
    },
  };
  result.stallCycles = result.breakdown.stallCycles;
  if (options.trace) {
    result.timeline = timelineOf(sched);
    result.artifacts = [commandTraceArtifact(histories)];
  }
  return result;
}

/** One Perfetto event per task, on a "PIM banks" and a "host" track. */
function timelineOf(sched: PimSchedule): TraceEvent[] {
  const us = sched.machine.tCKseconds * 1e6;
  return sched.graph.tasks.map((task, i) => {
    const step = sched.graph.steps[task.step];
    const t = sched.timing[i];
    const part = task.range ? ` [${task.range.rank} ${task.range.lo}…${task.range.hi - 1}]` : '';
    return {
      name: `${step.einsum.id}${task.kind === 'fetch' ? ' (fetch)' : task.kind === 'sum' ? ' (partial sums)' : ''}${part}`,
      cat: task.kind,
      ph: 'X',
      ts: t.start * us,
      dur: (t.finish - t.start) * us,
      pid: 1,
      tid: task.resource === 'banks' ? 'PIM banks' : 'host',
      args: { repetition: step.repetition, einsum: step.einsum.text },
    };
  });
}

/**
 * Names the vector piece a load puts in the global buffer: the vector tensor in this repetition,
 * the (tile, batch) groups, and for a part cut along a batch rank its offset (its groups are
 * numbered from its first head). Two loads with one name need the same buffer content.
 */
function bufferKey(graph: TaskGraph, task: PimTask): (load: GbLoad) => string {
  const step = graph.steps[task.step];
  const split = graph.splits.get(step.einsum.id);
  const owner = `${task.gemv!.shape.vector}@${step.inBlock ? step.repetition : 'once'}${split?.role === 'batch' && task.range ? `+${task.range.lo}` : ''}`;
  return (l) => `${owner}|${l.firstGroup}:${l.vectorGroups}`;
}

function zeroTotals(nCmd: number): Totals {
  return { commands: new Float64Array(nCmd), activeRankCycles: 0, idleRankCycles: 0, gbWriteBytes: 0, hostReadBytes: 0 };
}

function addInto(a: Totals, b: Totals): void {
  for (let i = 0; i < a.commands.length; i++) a.commands[i] += b.commands[i];
  a.activeRankCycles += b.activeRankCycles;
  a.idleRankCycles += b.idleRankCycles;
  a.gbWriteBytes += b.gbWriteBytes;
  a.hostReadBytes += b.hostReadBytes;
}

function range(n: number): number[] {
  return Array.from({ length: n }, (_, i) => i);
}
