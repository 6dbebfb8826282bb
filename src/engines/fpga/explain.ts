// `einsim explain` for the fpga engine: the device and budget, each stage's loop order and engine,
// the schedule (InTAR task groups with their pattern, core allocation and switch costs; dataflow
// stream clusters; sequential order), where every intermediate lives, and what bounds each group.
import type { Arch } from '../../arch/types.js';
import type { Cascade } from '../../einsum/types.js';
import { formatBytes } from '../../report/units.js';
import type { EngineResult } from '../result.js';
import { runFpgaModel } from './model.js';
import { resourceProblems } from './resources.js';
import { orderText } from './simulate.js';
import type { FpgaStructure } from './structure.js';

const fmt = (x: number): string => (Math.abs(x) >= 1e6 ? x.toExponential(3) : Math.round(x).toLocaleString('en-US'));

export function explainFpga(cascade: Cascade, arch: Arch<FpgaStructure>, result?: EngineResult): string[] {
  const { plan, resources, ctx } = runFpgaModel(cascade, arch);
  const s = arch.structure;
  const lines: string[] = [];
  const mhz = (arch.clockHz / 1e6).toFixed(1);
  lines.push(`FPGA engine on ${arch.name}: ${ctx.device.part ?? ctx.device.name}, ${mhz} MHz, mode ${plan.mode}`);
  lines.push(`  DSP budget ${fmt(plan.dspBudget)} of ${fmt(ctx.device.dsps)} (${ctx.device.dspType}); used ${fmt(resources.dsps)} DSPs, ${fmt(resources.bram36)} BRAM36, ${fmt(resources.uram)} URAM`);
  lines.push(`  off-chip: ${ctx.device.offchip.channels} × ${ctx.device.offchip.standard} channels, ${s.offchip.portBits}-bit ports → ${ctx.portBytesPerCycle.toFixed(1)} B/cycle per port`);
  if (plan.mode === 'intar' && s.intar) {
    const p = s.intar;
    lines.push(`  ${p.computeCores} compute cores × ${fmt(Math.floor(plan.dspBudget / p.computeCores))} DSPs, scratchpad ${formatBytes(p.scratchpadBytesPerCore)} each; pipeline intermediates ≥ ${formatBytes(p.pipelineThresholdBytes ?? p.scratchpadBytesPerCore)}${p.honorAnnotations ? ' (or annotated `pipeline:`)' : ''}`);
    lines.push(`  reconfiguration: ${p.reconfiguration.kind === 'instruction' ? `config instruction, ${(p.reconfiguration.seconds * 1e9).toFixed(1)} ns` : `partial bitstream, ${fmt(p.reconfiguration.bits)} bits at ${(p.reconfiguration.bitsPerSecond / 1e9).toFixed(2)} Gb/s`} per switch`);
  }
  for (const r of resourceProblems(resources, plan, ctx)) lines.push(`  does not fit: ${r}`);
  lines.push('');
  lines.push('Stages (a MAC task and the SFU work streaming behind it):');
  for (const sp of plan.stages) {
    const sfus = sp.stage.sfus.map((t) => t.id).join(', ');
    const engine = sp.stage.mac ? `${sp.lanes} lanes (${sp.dsps} DSPs${sp.cores.length > 0 ? `, CC ${sp.cores.join('+')}` : ''}; ${sp.timing.mac?.outputLanes} outputs × ${sp.timing.mac?.reductionLanes} reduction)` : 'SFU only';
    lines.push(`  ${sp.stage.id}${sfus ? ` + ${sfus}` : ''}: ${engine}; ${orderText(sp)}${sp.bufferBytes > 0 ? ` (${formatBytes(sp.bufferBytes)} on chip)` : ''}`);
    lines.push(`    compute ${fmt(sp.timing.cycles)} cycles${sp.timing.mac ? ` (fill ${fmt(sp.timing.mac.fillCycles)})` : ''}, off-chip ${formatBytes(sp.readBytes)} read + ${formatBytes(sp.writeBytes)} written → ${fmt(sp.memoryCycles)} cycles; runs ${fmt(sp.start)}–${fmt(sp.end)}`);
    const problem = plan.problems.get(sp.stage.id);
    if (problem) lines.push(`    cannot be built: ${problem}`);
  }
  lines.push('');
  const title = { intar: 'Task groups (static schedule)', dataflow: 'Stream clusters (stages in lock-step through FIFOs)', sequential: 'Sequential order (one stage at a time)' }[plan.mode];
  lines.push(`${title}:`);
  for (const gp of plan.groups) {
    const bound = gp.memoryCycles > gp.computeCycles ? 'memory' : 'compute';
    const sw = gp.switchCycles > 0 ? `, after a ${gp.switchCycles}-cycle switch` : '';
    lines.push(`  ${gp.index}. ${gp.pattern}: ${gp.stages.join(', ')}${sw} — ${fmt(gp.end - gp.start)} cycles, ${bound}-bound (compute ${fmt(gp.computeCycles)}, memory ${fmt(gp.memoryCycles)}, fill ${fmt(gp.fillCycles)})`);
  }
  if (plan.placements.length > 0) {
    lines.push('');
    lines.push('Intermediates:');
    for (const x of plan.placements) lines.push(`  ${x.tensor} (${formatBytes(x.bytes)}, ${x.from} → ${x.to.join(', ')}): ${x.residence} — ${x.reason}`);
  }
  const switches = plan.groups.filter((gp) => gp.switchCycles > 0).length;
  if (switches > 0) lines.push('', `Reconfiguration: ${switches} switch${switches === 1 ? '' : 'es'}, ${fmt(plan.switchCycles)} cycles in total`);
  if (result) lines.push('', `Total: ${fmt(result.cycles)} cycles (${((result.cycles / arch.clockHz) * 1e3).toPrecision(4)} ms)`);
  return lines;
}
