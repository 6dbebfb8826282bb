// Resources a plan uses, against the device: DSPs from the allocation, BRAM36 / URAM from the
// on-chip buffers (a buffer of at least one URAM's 36 KiB goes to URAM, as the InTAR kernels bind
// their scratchpads with `bind_storage impl=uram`; smaller ones to BRAM36 tiles). Which buffers
// exist at once depends on the mode: all stages' in dataflow and per-task sequential designs (HLS
// allocates every loop nest's arrays), the largest stage's with shared datapaths, the cores'
// scratchpads and the widest group's operand arrays in InTAR.
import { BRAM36_BYTES, URAM_BYTES } from './devices.js';
import type { ModelContext } from './context.js';
import type { FpgaPlan } from './plan.js';

export interface ResourceUse {
  dsps: number;
  bram36: number;
  uram: number;
  /** Available to the design: the budget where given, else the device minus its shell. */
  available: { dsps: number; bram36: number; uram: number };
}

export function blocksFor(bytes: number): { bram36: number; uram: number } {
  if (bytes <= 0) return { bram36: 0, uram: 0 };
  return bytes >= URAM_BYTES ? { bram36: 0, uram: Math.ceil(bytes / URAM_BYTES) } : { bram36: Math.ceil(bytes / BRAM36_BYTES), uram: 0 };
}

export function resourceUse(plan: FpgaPlan, ctx: ModelContext): ResourceUse {
  const { s, device } = ctx;
  let buffers: number[];
  if (plan.mode === 'intar') {
    // The cores' scratchpads, and the operand arrays of the group that needs the most (the same
    // arrays serve every group: a core is reconfigured, not rebuilt).
    const p = s.intar;
    const perGroup = plan.groups.map((g) => plan.stages.filter((sp) => g.stages.includes(sp.stage.id)).map((sp) => sp.bufferBytes));
    const widest = perGroup.reduce((best, b) => (sum(b) > sum(best) ? b : best), [] as number[]);
    buffers = [...(p ? new Array<number>(p.computeCores).fill(p.scratchpadBytesPerCore) : []), ...widest];
  } else if (plan.mode === 'sequential' && s.sequential.datapaths === 'shared') {
    buffers = [Math.max(0, ...plan.stages.map((sp) => sp.bufferBytes))];
  } else {
    buffers = plan.stages.map((sp) => sp.bufferBytes);
    // An intermediate a consumer holds is that consumer's buffer already; one that waits unheld
    // (streamed after its producer ended) needs its own.
    const held = new Set(plan.stages.map((sp) => (sp.stage.order?.kind === 'stream' ? sp.stage.order.held.tensor : '')));
    if (plan.mode === 'dataflow') buffers.push(...plan.placements.filter((x) => x.residence === 'on-chip' && !held.has(x.tensor)).map((x) => x.bytes));
  }
  // A held operand larger than the chip is tiled (its streamed partner re-read per tile, plan.ts).
  const blocks = buffers.map((b) => blocksFor(Math.min(b, ctx.onchipBytes)));
  return {
    dsps: plan.dspsUsed,
    bram36: blocks.reduce((a, b) => a + b.bram36, 0),
    uram: blocks.reduce((a, b) => a + b.uram, 0),
    available: {
      dsps: device.dsps - device.shell.dsps,
      bram36: s.budget.bram36 ?? device.bram36 - device.shell.bram36,
      uram: s.budget.uram ?? device.uram - device.shell.uram,
    },
  };
}

const sum = (xs: readonly number[]): number => xs.reduce((a, b) => a + b, 0);

/** Why the plan does not fit the device, one line per resource; empty when it fits. */
export function resourceProblems(use: ResourceUse, plan: FpgaPlan, ctx: ModelContext): string[] {
  const name = ctx.device.name;
  const fmt = (n: number): string => n.toLocaleString('en-US');
  const out: string[] = [];
  if (plan.dspBudget > use.available.dsps) out.push(`the design's DSP budget ${fmt(plan.dspBudget)} exceeds the ${name}'s ${fmt(use.available.dsps)} (${fmt(ctx.device.dsps)} minus ${fmt(ctx.device.shell.dsps)} for the shell)`);
  if (use.bram36 > use.available.bram36) out.push(`the on-chip buffers need ${fmt(use.bram36)} BRAM36, the ${name} has ${fmt(use.available.bram36)}`);
  if (use.uram > use.available.uram) out.push(`the on-chip buffers need ${fmt(use.uram)} URAM, the ${name} has ${fmt(use.available.uram)}`);
  return out;
}
