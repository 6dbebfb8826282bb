// The PIM engine's run: the cascade in execution order (repeated layers unrolled), one step at a
// time. A GEMV step maps its matrix onto the banks (layout.ts), emits each channel's program
// (program.ts) and issues it through the DRAM timing model (scheduler.ts); the host then adds the
// partial sums of a tiled reduction. Every other Einsum runs on the host unit, after reading the
// parameters it needs (LayerNorm gains...) from DRAM with ordinary bank reads. Steps run one after
// another: in a decode step each needs its predecessor's result. Time is kept in DRAM clock
// cycles and reported in the arch file's clock.
import type { Arch } from '../../arch/types.js';
import { PRECISION_BYTES, type Cascade, type Einsum } from '../../einsum/types.js';
import type { RunOptions } from '../engine.js';
import { mergeActions, mergeTraffic, type EngineResult, type TraceEvent } from '../result.js';
import { rooflineComparisons } from './baselines.js';
import { assignPrograms, groupChannels } from './channel-groups.js';
import { difference, totals } from './counts.js';
import { einsumResult, sumBreakdowns, type StepRecord } from './einsum-result.js';
import { baseTensor, classifyGemv, gemvMacs, type GemvShape } from './gemv.js';
import { hostCost, hostCostOfOps, missingHostOps } from './host.js';
import { partialSumAdds, planGemv, type GemvPlan } from './layout.js';
import { machineOf, type PimMachine } from './machine.js';
import { emitChannelProgram } from './program.js';
import { carriedInputs, executionOrder, type Step } from './repeat.js';
import { PimChannel } from './scheduler.js';
import type { PimStructure } from './structure.js';
import { commandTraceArtifact } from './trace.js';

/** How one Einsum runs: in the banks (with its mapping) or on the host, or not at all. */
export type Binding =
  | { unit: 'pim'; shape: GemvShape; plan: GemvPlan }
  | { unit: 'host'; why: string }
  | { unit: 'unsupported'; reason: string };

export function bindEinsum(einsum: Einsum, cascade: Cascade, m: PimMachine): Binding {
  const g = classifyGemv(einsum, cascade);
  if (g.ok) {
    const p = planGemv(g.shape, m.geometry);
    if (p.ok) return { unit: 'pim', shape: g.shape, plan: p.plan };
    return { unit: 'host', why: `GEMV not mappable: ${p.reason}` };
  }
  const missing = missingHostOps(einsum, m.structure.host);
  if (missing.length > 0) return { unit: 'unsupported', reason: `the host has no cost for ${missing.join(', ')} (add host.opCycles)` };
  return { unit: 'host', why: g.reason };
}

export function simulatePim(cascade: Cascade, arch: Arch<PimStructure>, options: RunOptions): EngineResult {
  const m = machineOf(arch);
  const s = m.structure;
  const nCmd = m.compiled.commands.length;
  const dramCyclesPerHostCycle = 1 / s.host.clockHz / m.tCKseconds;
  const bindings = new Map(cascade.einsums.map((e) => [e.id, bindEinsum(e, cascade, m)]));
  const carried = carriedInputs(cascade);
  const streamShape = { unitsPerChannel: m.unitsPerChannel, readoutBytesPerValue: s.pim.readoutBytesPerValue, ranks: m.device.dram.org.ranks, burstBytes: m.device.dram.requestBytes };

  const refresh = { mode: s.dram.refresh, maxPostponed: s.dram.maxRefreshPostponed, maxPulledIn: s.dram.maxRefreshPostponed };
  const channelOptions = { refresh, nCCDAB: m.nCCDAB, readoutBytesPerValue: s.pim.readoutBytesPerValue };
  let histories = [PimChannel.create(m.device.dram, m.compiled, m.ids, channelOptions, range(s.dram.channels), options.trace)];
  const records = new Map<string, StepRecord[]>();
  const timeline: TraceEvent[] = [];
  /** Cascade inputs on the host, with the repetition they were fetched for. */
  const fetched = new Map<string, string>();
  let now = 0;
  let nonGemvCycles = 0;
  let partialSumCycles = 0;

  for (const step of executionOrder(cascade)) {
    const e = step.einsum;
    const binding = bindings.get(e.id)!;
    if (binding.unit === 'unsupported') continue;
    const before = totals(histories, nCmd);
    const start = now;
    let record: Omit<StepRecord, 'delta'>;
    if (binding.unit === 'pim') {
      const ready = fetchInputs(step, [binding.shape.vector], start);
      const groups = groupChannels(binding.plan.channels, streamShape);
      const assigned = assignPrograms(histories, groups);
      histories = assigned.histories;
      let end = ready;
      let macCommands = 0;
      for (const { history, plan } of assigned.work) {
        const macBefore = history.counts.commands[m.ids.MACAB];
        history.begin(ready);
        emitChannelProgram(plan, { unitsPerChannel: m.unitsPerChannel, commandsPerRow: binding.plan.commandsPerRow, vectors: binding.shape.vectors }, history);
        end = Math.max(end, history.finish());
        macCommands = Math.max(macCommands, history.counts.commands[m.ids.MACAB] - macBefore);
      }
      const adds = hostCostOfOps({ add: partialSumAdds(binding.plan) }, s.host);
      partialSumCycles += adds.cycles * dramCyclesPerHostCycle;
      now = end + adds.cycles * dramCyclesPerHostCycle;
      const readoutBytes = binding.plan.channels.reduce((a, p) => a + p.loads.reduce((b, l) => b + l.pieces, 0), 0) * binding.shape.vectors * s.pim.readoutBytesPerValue;
      record = { unit: 'pim', dramCycles: now - start, hostCycles: adds.cycles, macCommandCycles: macCommands * m.nCCDAB, macs: gemvMacs(binding.shape), readoutBytes };
    } else {
      const ready = fetchInputs(step, readsOf(e), start);
      const cost = hostCost(e, s.host);
      now = ready + cost.cycles * dramCyclesPerHostCycle;
      nonGemvCycles += now - start;
      record = { unit: 'host', dramCycles: now - start, hostCycles: cost.cycles, macCommandCycles: 0, macs: 0, readoutBytes: 0 };
    }
    for (const h of histories) h.settle(now);
    const list = records.get(e.id) ?? [];
    list.push({ ...record, delta: difference(totals(histories, nCmd), before) });
    records.set(e.id, list);
    if (options.trace) {
      const us = m.tCKseconds * 1e6;
      timeline.push({ name: e.id, cat: record.unit, ph: 'X', ts: start * us, dur: (now - start) * us, pid: 1, tid: record.unit === 'pim' ? 'PIM banks' : 'host', args: { repetition: step.repetition, einsum: e.text } });
    }
  }

  const einsums = cascade.einsums.map((e) => einsumResult(e, bindings.get(e.id)!, records.get(e.id) ?? [], m, arch.clockHz));
  const all = totals(histories, nCmd);
  const c = (name: keyof PimMachine['ids']) => all.commands[m.ids[name]];
  const columnAccesses = c('MACAB') * m.unitsPerChannel + c('RD');
  const activations = c('ACTAB') * m.unitsPerChannel * s.pim.banksPerMacUnit + c('ACT');
  const seconds = now * m.tCKseconds;
  const pimSeconds = einsums.filter((x) => x.unit === 'pim').reduce((a, x) => a + x.cycles, 0) / arch.clockHz;
  const cycles = seconds * arch.clockHz;
  const result: EngineResult = {
    engine: 'pim',
    clockHz: arch.clockHz,
    units: { pim_mac: m.totalLanes, host: 1 },
    cycles,
    stallCycles: einsums.reduce((a, x) => a + x.stallCycles, 0),
    breakdown: sumBreakdowns(einsums, cycles),
    einsums,
    actions: mergeActions(einsums.map((x) => x.actions)),
    traffic: mergeTraffic(einsums.map((x) => x.traffic)),
    details: {
      device: m.device.dram.name,
      perTokenLatencyUs: seconds * 1e6,
      tokensPerSecond: seconds > 0 ? 1 / seconds : 0,
      rowHitRate: columnAccesses > 0 ? Math.max(0, 1 - activations / columnAccesses) : 0,
      nonGemvShareOfLatency: now > 0 ? nonGemvCycles / now : 0,
      hostPartialSumShareOfLatency: now > 0 ? partialSumCycles / now : 0,
      peakMacsPerSecond: m.peakMacsPerSecond,
      peakInternalBandwidthBytesPerSecond: m.internalBytesPerSecond,
      achievedInternalBandwidthBytesPerSecond: pimSeconds > 0 ? (c('MACAB') * m.unitsPerChannel * m.device.columnBytes) / pimSeconds : 0,
      allBankMacSpacingCycles: m.nCCDAB,
      dramClockHz: 1 / m.tCKseconds,
      refreshes: c('REF'),
      allBankActivations: c('ACTAB'),
      allBankMacCommands: c('MACAB'),
      channelHistoriesSimulated: histories.length,
      ...rooflineComparisons(cascade, s.baselines, seconds),
    },
  };
  if (options.trace) {
    result.timeline = timeline;
    result.artifacts = [commandTraceArtifact(histories)];
  }
  return result;

  /**
   * Bring the cascade inputs among `tensors` to the host (a vector operand, LayerNorm gains),
   * unless they are there already for this repetition; returns the cycle they have arrived. A
   * carried input (the layer input X) comes from the previous repetition's output after the first.
   */
  function fetchInputs(step: Step, tensors: string[], t0: number): number {
    const key = step.inBlock ? `rep${step.repetition}` : 'once';
    let bytes = 0;
    for (const name of new Set(tensors.map((t) => baseTensor(cascade, t)))) {
      const t = cascade.tensors[name];
      if (t.role !== 'input' || fetched.get(name) === key) continue;
      if (step.inBlock && step.repetition > 0 && carried.has(name)) continue;
      fetched.set(name, key);
      bytes += Math.ceil(t.shape.reduce((p, x) => p * x, 1) * PRECISION_BYTES[t.precision]);
    }
    if (bytes === 0) return t0;
    const perChannel = Math.ceil(bytes / s.dram.channels);
    let end = t0;
    for (const h of histories) {
      h.begin(t0);
      h.readToHost(perChannel);
      end = Math.max(end, h.finish());
    }
    return end;
  }
}

function range(n: number): number[] {
  return Array.from({ length: n }, (_, i) => i);
}

/** Tensors an Einsum reads. */
function readsOf(e: Einsum): string[] {
  const out: string[] = [];
  const walk = (x: Einsum['expr']): void => {
    if (x.kind === 'access') out.push(x.access.tensor);
    else if (x.kind === 'call') x.args.forEach(walk);
  };
  walk(e.expr);
  return out;
}
