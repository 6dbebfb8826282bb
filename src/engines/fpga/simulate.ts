// The fpga model as an EngineResult: per Einsum its stage's span, DSP busy cycles, actions and
// traffic; in total the plan's cycles, the cycle breakdown (ideal, fill, memory stall, the rest as
// under-utilization: idle engines, rate mismatches, reconfiguration), resources and the schedule in
// `details`, and a Perfetto timeline of the stages when tracing.
import type { Arch } from '../../arch/types.js';
import { EinsimError } from '../../errors.js';
import type { Cascade } from '../../einsum/types.js';
import type { RunOptions } from '../engine.js';
import { mergeActions, mergeTraffic, zeroBreakdown, type CycleBreakdown, type EinsumResult, type EngineResult, type TraceEvent } from '../result.js';
import { macRate } from './allocate.js';
import { sfuCycles } from './compute.js';
import { taskCounts } from './counts.js';
import { runFpgaModel, type FpgaModel } from './model.js';
import type { StagePlan } from './plan.js';
import type { FpgaStructure } from './structure.js';

export function simulateFpga(cascade: Cascade, arch: Arch<FpgaStructure>, options: RunOptions): EngineResult {
  const model = runFpgaModel(cascade, arch);
  const { plan, ctx } = model;
  // A task the device cannot build (no DSP arithmetic for its precision, no DSPs left for it)
  // has no meaningful timing, and the schedule around it has none either: refuse the run with
  // the reasons `einsim check --arch` gives, rather than report made-up cycles.
  // One line for the user: the first reason in full, the other tasks named.
  if (plan.problems.size > 0) {
    const [[, first], ...rest] = [...plan.problems];
    const names = rest.slice(0, 5).map(([id]) => id).join(', ') + (rest.length > 5 ? ', …' : '');
    const more = rest.length > 0 ? `; ${rest.length} more task${rest.length > 1 ? 's' : ''} cannot be built either (${names}; einsim check --arch lists them)` : '';
    throw new EinsimError({ file: arch.file, path: 'structure', code: 'unsupported', expected: `a design the device can build for ${cascade.name}`, received: `${first}${more}` });
  }
  const placements = new Map(plan.placements.map((p) => [p.tensor, p]));
  const einsums: EinsumResult[] = [];
  for (const sp of plan.stages) {
    for (const task of sp.stage.tasks) {
      const counts = taskCounts(task, sp, placements);
      const span = sp.end - sp.start;
      const details: Record<string, number | string> = {
        stage: sp.stage.id,
        group: sp.group,
        start: sp.start,
        end: sp.end,
        output: placements.get(task.output.tensor)?.residence ?? (task.output.isCascadeOutput ? 'off-chip' : 'fifo'),
      };
      if (task.kind === 'mac') {
        const mac = sp.timing.mac;
        const rate = macRate(sp.stage, ctx.alloc);
        const busy = typeof rate === 'number' && rate > 0 ? task.macs / rate : 0;
        const compute = mac?.cycles ?? 0;
        const stall = Math.max(0, span - sp.timing.cycles);
        Object.assign(details, { dsps: sp.dsps, lanes: sp.lanes, outputLanes: mac?.outputLanes ?? 0, reductionLanes: mac?.reductionLanes ?? 0, computeCycles: compute, memoryCycles: sp.memoryCycles, order: orderText(sp) });
        if (sp.cores.length > 0) details.cores = sp.cores.join(' ');
        einsums.push({
          einsum: task.id,
          status: 'ok',
          note: `${sp.lanes} lanes (${sp.dsps} DSPs${sp.cores.length > 0 ? `, CC ${sp.cores.join('+')}` : ''}), ${orderText(sp)}`,
          unit: 'dsp',
          cycles: span,
          stallCycles: stall,
          breakdown: split(span, mac?.idealCycles ?? 0, mac?.fillCycles ?? 0, stall),
          busyUnitCycles: { dsp: busy },
          macs: task.macs,
          actions: counts.actions,
          traffic: counts.traffic,
          details,
        });
      } else {
        const cycles = sfuCycles(task, arch.structure);
        einsums.push({
          einsum: task.id,
          status: 'ok',
          note: `SFU, ${arch.structure.sfu.lanes} elements/cycle, streamed in stage ${sp.stage.id}`,
          unit: 'sfu',
          cycles,
          stallCycles: 0,
          breakdown: split(cycles, task.points / arch.structure.sfu.lanes, arch.structure.pipeline.depthCycles, 0),
          busyUnitCycles: { sfu: task.points },
          macs: 0,
          actions: counts.actions,
          traffic: counts.traffic,
          details,
        });
      }
    }
  }
  const busyDsp = einsums.reduce((a, e) => a + (e.busyUnitCycles.dsp ?? 0), 0);
  const dspUnits = Math.max(1, plan.dspsUsed);
  const fill = plan.groups.reduce((a, gp) => a + gp.fillCycles + Math.max(0, ...gp.stages.map((id) => stagePlan(model, id)?.timing.mac?.fillCycles ?? 0)), 0);
  const stall = plan.groups.reduce((a, gp) => a + Math.max(0, gp.end - gp.start - gp.switchCycles - gp.computeCycles - gp.fillCycles), 0);
  const result: EngineResult = {
    engine: 'fpga',
    clockHz: arch.clockHz,
    // One special-function unit of `lanes` lanes per SFU task (InTAR's template: softmax, LayerNorm
    // and GeLU units between the cores), so chained SFU tasks run side by side.
    units: { dsp: dspUnits, sfu: arch.structure.sfu.lanes * Math.max(1, einsums.filter((e) => e.unit === 'sfu').length) },
    cycles: plan.cycles,
    stallCycles: 0,
    breakdown: split(plan.cycles, busyDsp / dspUnits, fill, stall),
    einsums,
    actions: mergeActions(einsums.map((e) => e.actions)),
    traffic: mergeTraffic(einsums.map((e) => e.traffic)),
    details: runDetails(model),
  };
  result.stallCycles = result.breakdown.stallCycles;
  if (options.trace) result.timeline = timeline(model, arch.clockHz);
  return result;
}

/** Ideal, fill and stall clamped so the parts add up to the span; the rest is under-utilization. */
function split(span: number, ideal: number, fill: number, stall: number): CycleBreakdown {
  const b = zeroBreakdown();
  b.idealCycles = Math.min(ideal, span);
  b.fillCycles = Math.min(fill, span - b.idealCycles);
  b.stallCycles = Math.min(stall, span - b.idealCycles - b.fillCycles);
  b.underutilizationCycles = span - b.idealCycles - b.fillCycles - b.stallCycles;
  return b;
}

function stagePlan(model: FpgaModel, id: string): StagePlan | undefined {
  return model.plan.stages.find((sp) => sp.stage.id === id);
}

export function orderText(sp: StagePlan): string {
  const o = sp.stage.order;
  if (!o) return 'element-wise';
  if (o.kind === 'outer') return `outer product: streams ${sp.stage.mac?.factors?.map((f) => f.tensor).join(' and ')}, holds the ${sp.stage.mac?.output.tensor} accumulators`;
  return `streams ${o.streamed.tensor}${o.streamed.windowFraction !== null ? ' through a line buffer' : ''}, holds ${o.held.tensor}`;
}

function runDetails(model: FpgaModel): Record<string, number | string> {
  const { plan, resources, ctx } = model;
  const out: Record<string, number | string> = {
    mode: plan.mode,
    device: ctx.device.part ?? ctx.device.name,
    dspBudget: plan.dspBudget,
    dspsUsed: resources.dsps,
    bram36Used: resources.bram36,
    uramUsed: resources.uram,
    groups: plan.groups.length,
    switchCycles: plan.switchCycles,
    offchipPortBytesPerCycle: ctx.portBytesPerCycle,
  };
  if (plan.mode === 'intar' && ctx.s.intar) out.computeCores = ctx.s.intar.computeCores;
  for (const gp of plan.groups) {
    out[`group.${gp.index}.stages`] = gp.stages.join(' ');
    out[`group.${gp.index}.pattern`] = gp.pattern;
    out[`group.${gp.index}.cycles`] = gp.end - gp.start;
    out[`group.${gp.index}.boundBy`] = gp.memoryCycles > gp.computeCycles ? 'memory' : 'compute';
  }
  return out;
}

function timeline(model: FpgaModel, clockHz: number): TraceEvent[] {
  const us = (c: number): number => (c / clockHz) * 1e6;
  return model.plan.stages.map((sp) => ({
    name: sp.stage.id,
    cat: `group ${sp.group}`,
    ph: 'X',
    ts: us(sp.start),
    dur: us(sp.end - sp.start),
    pid: 1,
    tid: sp.cores.length > 0 ? `CC ${sp.cores.join('+')}` : sp.stage.mac ? sp.stage.id : 'SFU',
    args: { lanes: sp.lanes, dsps: sp.dsps, computeCycles: sp.timing.cycles, memoryCycles: sp.memoryCycles },
  }));
}
