// `einsim explain` for the spatial engine: how the cycles came about — binding, passes, where each
// tensor lives, the buffer plan and spills, the pipeline and what bounds each kernel — as
// readable lines, derived from the same model the numbers come from.
import type { Arch } from '../../arch/types.js';
import type { Cascade } from '../../einsum/types.js';
import type { EngineResult } from '../result.js';
import { runSpatialModel } from './model.js';
import { formatBytes } from '../../report/units.js';
import { explainPasses } from './passes.js';
import type { SpatialStructure } from './structure.js';

export function explainSpatial(cascade: Cascade, arch: Arch<SpatialStructure>, result?: EngineResult): string[] {
  const s = arch.structure;
  const model = runSpatialModel(cascade, s, arch.clockHz);
  const lines: string[] = [];
  const pct = (x: number): string => `${(100 * x).toFixed(1)}%`;
  lines.push(`Spatial engine on ${arch.name}: 2-D ${s.array2d.rows}×${s.array2d.cols}, 1-D ${s.array1d.pes}, buffer ${formatBytes(s.globalBuffer.sizeBytes)}, fusion ${s.schedule.fusion}, ${s.schedule.interleave ? 'interleaved' : 'one iteration at a time'}`);
  lines.push('');
  lines.push(...explainPasses(model.passes, s.globalBuffer.sizeBytes));
  lines.push('');
  lines.push('Binding (cycles per point come from the array\u2019s op table):');
  for (const m of model.einsums) {
    if (!m.binding.ok) {
      lines.push(`  ${m.einsum.id}: unsupported — ${m.binding.reason}`);
      continue;
    }
    const spatial = m.fold?.spatial.map((d) => `${d.rank} over ${d.lanes} PEs${d.folds > 1 ? ` (${d.folds} folds)` : ''}`).join(', ') || 'no spatial rank';
    lines.push(`  ${m.einsum.id} → ${m.binding.array} (${m.binding.reason}): ${m.binding.cost.cyclesPerPoint} cycle(s)/point, ${spatial}, ${m.cycles.toExponential(3)} cycles`);
  }
  for (const k of model.kernels) {
    lines.push('');
    const ids = k.kernel.einsums.map((e) => e.id).join(', ');
    lines.push(`Kernel ${k.kernel.index} (${k.kernel.label}): ${ids}`);
    lines.push(`  query tiles: ${fmt(k.shape.tiles)} over ${k.kernel.tileRanks.join(', ') || '—'}${k.kernel.iterativeRank ? `, ${k.shape.iterations} iterations of ${k.kernel.iterativeRank} each (body: ${k.kernel.body.map((e) => e.id).join(', ')})` : ''}`);
    for (const p of Object.values(k.places.places)) lines.push(`  ${p.tensor}: ${p.residence} — ${p.reason}`);
    const plan = k.plan;
    lines.push(`  buffer per query: state ${formatBytes(plan.stateBytesPerQuery)} + fiber slot ${formatBytes(plan.fiberSlotBytesPerQuery)}; streamed slices ${formatBytes(plan.streamedBytes)}; other intermediates ${formatBytes(plan.transientBytes)} at the peak; holds ${fmt(plan.queriesHeld)} queries (${fmt(plan.blocks)} block(s))`);
    if (plan.transientSpill > 0) lines.push(`  ${pct(plan.transientSpill)} of the other intermediates does not fit and goes through DRAM`);
    if (plan.spill.option !== 'none') lines.push(`  spill (${plan.spill.option}): ${pct(plan.spill.fraction)} of ${plan.spill.tensors.join(', ')} goes through DRAM`);
    if (plan.infeasible) lines.push(`  does not fit: ${plan.infeasible}`);
    lines.push(`  DRAM: ${formatBytes(plan.dramBytes)} → ${fmt(k.memoryCycles)} cycles at ${formatBytes(s.dram.bandwidthBytesPerSecond)}/s`);
    const drain = k.computeCycles - k.computeCyclesNoDrain;
    lines.push(`  compute: ${fmt(k.computeCycles)} cycles (2-D busy ${pct(k.busyUnitCycles['2d'] / (s.array2d.rows * s.array2d.cols) / k.cycles)}, 1-D busy ${pct(k.busyUnitCycles['1d'] / s.array1d.pes / k.cycles)})${drain > 0 ? `, of which ${fmt(drain)} waiting for reductions to drain` : ''}`);
    lines.push(`  bound by ${k.memoryCycles > k.computeCycles ? 'memory' : 'compute'}: ${fmt(k.cycles)} cycles`);
  }
  if (result) lines.push('', `Total: ${fmt(result.cycles)} cycles (${((result.cycles / arch.clockHz) * 1e3).toPrecision(4)} ms)`);
  return lines;
}

function fmt(x: number): string {
  return Math.abs(x) >= 1e6 ? x.toExponential(3) : Number.isInteger(x) ? String(x) : x.toFixed(1);
}
