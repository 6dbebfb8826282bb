// The spatial model as an EngineResult: cycles, busy unit-cycles of the '2d' and '1d' arrays per
// Einsum and in total, action counts, traffic and the cycle breakdown. Within a kernel:
// latency = max(compute makespan of the two arrays, DRAM bytes / bandwidth); kernels add up.
// Breakdown per kernel: ideal (the busier array's work with every PE busy), underutilization (the
// rest of the makespan without exposed drains), drain (reduction drains the schedule waits for),
// stall (memory time beyond compute).
import type { Arch } from '../../arch/types.js';
import type { Cascade } from '../../einsum/types.js';
import { EinsimError } from '../../errors.js';
import type { RunOptions } from '../engine.js';
import { mergeActions, mergeTraffic, zeroBreakdown, type EinsumResult, type EngineResult, type TraceEvent } from '../result.js';
import { runSpatialModel, type SpatialModel } from './model.js';
import { opsPerPoint } from './ops.js';
import { sampleSchedule } from './schedule.js';
import { arrayView, type SpatialStructure } from './structure.js';

export function simulateSpatial(cascade: Cascade, arch: Arch<SpatialStructure>, options: RunOptions): EngineResult {
  const s = arch.structure;
  const model = runSpatialModel(cascade, s, arch.clockHz);
  // A kernel whose query tile does not fit the buffer has no plan to time (its traffic would be
  // the inputs and outputs only, as if the buffer held it): refuse the run with the reason
  // `einsim check --arch` gives, as the other engines refuse what the device cannot hold.
  const infeasible = model.kernels.find((k) => k.plan.infeasible !== null);
  if (infeasible) {
    throw new EinsimError({ file: arch.file, path: 'structure.globalBuffer.sizeBytes', code: 'unsupported', expected: `a global buffer that holds one query tile of ${cascade.name}'s kernel ${infeasible.kernel.index}`, received: infeasible.plan.infeasible as string });
  }
  const total = model.cycles;

  const einsums = model.einsums.map((m): EinsumResult => {
    if (!m.binding.ok) {
      return { einsum: m.einsum.id, status: 'unsupported', note: m.binding.reason, unit: 'none', cycles: 0, stallCycles: 0, breakdown: zeroBreakdown(), busyUnitCycles: {}, macs: 0, actions: [], traffic: {}, details: {} };
    }
    const k = model.kernels[m.kernel];
    const dram = m.counts?.traffic.dram;
    const einsumDram = dram ? dram.readBytes + dram.writeBytes : 0;
    const stall = k.plan.dramBytes > 0 ? Math.max(0, k.memoryCycles - k.computeCycles) * (einsumDram / k.plan.dramBytes) : 0;
    const lanes = arrayView(s, m.binding.array).lanes;
    const busy = m.points * m.binding.cost.cyclesPerPoint;
    const ideal = busy / lanes;
    const spatial = m.fold?.spatial.map((d) => `${d.rank}×${d.lanes}`).join(', ') || 'none';
    return {
      einsum: m.einsum.id,
      status: 'ok',
      note: `${m.binding.array} array, ${m.binding.cost.cyclesPerPoint} cycle(s)/point, spatial ${spatial}`,
      unit: m.binding.array,
      cycles: m.cycles + stall,
      stallCycles: stall,
      breakdown: { ...zeroBreakdown(), idealCycles: ideal, underutilizationCycles: m.cycles - ideal, stallCycles: stall },
      busyUnitCycles: { [m.binding.array]: busy },
      macs: m.points * (opsPerPoint(m.einsum).mac ?? 0),
      actions: m.counts?.actions ?? [],
      traffic: m.counts?.traffic ?? {},
      details: {
        array: m.binding.array,
        binding: m.binding.reason,
        kernel: m.kernel,
        cyclesPerPoint: m.binding.cost.cyclesPerPoint,
        computeCycles: m.cycles,
        activeFraction: total > 0 ? m.cycles / total : 0,
        residence: k.places.places[m.einsum.output.tensor]?.residence ?? 'buffer',
      },
    };
  });

  const breakdown = zeroBreakdown();
  for (const k of model.kernels) {
    breakdown.idealCycles += k.idealCycles;
    breakdown.underutilizationCycles += k.computeCyclesNoDrain - k.idealCycles;
    breakdown.drainCycles += k.computeCycles - k.computeCyclesNoDrain;
    breakdown.stallCycles += Math.max(0, k.memoryCycles - k.computeCycles);
  }
  const result: EngineResult = {
    engine: 'spatial',
    clockHz: arch.clockHz,
    units: { '2d': arrayView(s, '2d').lanes, '1d': arrayView(s, '1d').lanes },
    cycles: total,
    stallCycles: breakdown.stallCycles,
    breakdown,
    einsums,
    actions: mergeActions(einsums.map((e) => e.actions)),
    traffic: mergeTraffic(einsums.map((e) => e.traffic)),
    details: details(model),
  };
  if (options.trace) result.timeline = timeline(model, arch.clockHz);
  return result;
}

/** Run-level numbers, and per kernel (`kernel.<i>.…`) its label, cycles and bound, so a layer's kernels can be read apart. */
function details(model: SpatialModel): Record<string, number | string> {
  const out: Record<string, number | string> = {
    kernels: model.kernels.length,
    passes: model.passes.passes,
    bufferBytesPerQuery: model.passes.bufferBytesPerQuery,
    dramBytes: model.kernels.reduce((a, k) => a + k.plan.dramBytes, 0),
  };
  for (const k of model.kernels) {
    out[`kernel.${k.kernel.index}.label`] = k.kernel.label;
    out[`kernel.${k.kernel.index}.cycles`] = k.cycles;
    out[`kernel.${k.kernel.index}.boundBy`] = k.memoryCycles > k.computeCycles ? 'memory' : 'compute';
  }
  return out;
}

/** The first tiles of each kernel as Perfetto events (one track per array); never changes numbers. */
function timeline(model: SpatialModel, clockHz: number): TraceEvent[] {
  const us = (cycles: number): number => (cycles / clockHz) * 1e6;
  const events: TraceEvent[] = [];
  let offset = 0;
  for (const k of model.kernels) {
    for (const j of sampleSchedule(k.spec)) {
      events.push({ name: j.id, cat: `kernel ${k.kernel.index}`, ph: 'X', ts: us(offset + j.start), dur: us(j.end - j.start), pid: 1, tid: j.array, args: { tile: j.tile, iteration: j.iteration } });
    }
    offset += k.cycles;
  }
  return events;
}
