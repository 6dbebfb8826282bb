// DSPs for the MAC engines of dataflow and per-task sequential designs: a task may pin its share
// with a `dsps:` annotation; the rest of the budget is split equally or in proportion to the
// tasks' DSP-cycles of work. Lanes = ⌊DSPs × MACs per DSP⌋ at the task's precision. Whatever
// cannot be built (a precision with no arithmetic entry, pins beyond the budget, a share too small
// for one MAC) is reported per task for check(), in the words the CLI prints.
import type { MacRateTable } from './arithmetic.js';
import type { Stage } from './stages.js';

export interface Allocation {
  dsps: Map<string, number>;
  lanes: Map<string, number>;
  /** Task id → why it cannot be built. */
  problems: Map<string, string>;
}

export interface AllocationContext {
  budget: number;
  rates: MacRateTable;
  /** The budget in words, for messages: `the U280 has 9,020 DSPs for kernels (9,024 minus 4 for the shell)`. */
  budgetText: string;
  dspType: string;
}

const fmt = (n: number): string => Math.round(n).toLocaleString('en-US');

export function macRate(stage: Stage, ctx: AllocationContext): number | string {
  const key = stage.mac?.precisionKey;
  if (!key) return 0;
  const rate = ctx.rates[key];
  if (!rate) return `task ${stage.id} multiplies ${key} operands: no ${ctx.dspType} arithmetic for ${key} (known: ${Object.keys(ctx.rates).join(', ')}); add structure.arithmetic.${key} with its source`;
  return rate.macsPerDsp;
}

export function lanesFor(stage: Stage, dsps: number, ctx: AllocationContext): number {
  const rate = macRate(stage, ctx);
  return typeof rate === 'number' ? Math.floor(dsps * rate + 1e-9) : 0;
}

/** Split the budget over the MAC stages (every stage gets an entry; SFU-only stages get 0). */
export function allocateDsps(stages: readonly Stage[], rule: 'equal' | 'work', ctx: AllocationContext): Allocation {
  const dsps = new Map<string, number>();
  const lanes = new Map<string, number>();
  const problems = new Map<string, string>();
  const macStages = stages.filter((s) => s.mac);
  const pinned = macStages.filter((s) => typeof s.mac?.einsum.annotations.dsps === 'number');
  const free = macStages.filter((s) => !pinned.includes(s));
  let taken = 0;
  for (const s of pinned) {
    const want = s.mac?.einsum.annotations.dsps as number;
    if (taken + want > ctx.budget) {
      const others = pinned.filter((p) => p !== s && dsps.has(p.id));
      const by = others.length > 0 ? ` and ${fmt(taken)} are taken by ${others.map((p) => p.id).join(', ')}` : '';
      problems.set(s.id, `task ${s.id} needs ${fmt(want)} DSPs; ${ctx.budgetText}${by}`);
    }
    dsps.set(s.id, want);
    taken += want;
  }
  const left = Math.max(0, ctx.budget - taken);
  const weight = (s: Stage): number => {
    const rate = macRate(s, ctx);
    return typeof rate === 'number' && rate > 0 ? (s.mac?.macs ?? 0) / rate : 0;
  };
  const totalWeight = free.reduce((a, s) => a + weight(s), 0);
  for (const s of free) {
    const share = rule === 'equal' || totalWeight === 0 ? left / free.length : (left * weight(s)) / totalWeight;
    dsps.set(s.id, Math.floor(share));
  }
  if (free.length > 0 && left === 0) {
    for (const s of free) problems.set(s.id, `task ${s.id} gets no DSPs: pinned tasks take all of them (${ctx.budgetText})`);
  }
  for (const s of stages) {
    if (!s.mac) {
      dsps.set(s.id, 0);
      lanes.set(s.id, 0);
      continue;
    }
    const rate = macRate(s, ctx);
    if (typeof rate === 'string') {
      problems.set(s.id, rate);
      lanes.set(s.id, 0);
      continue;
    }
    const n = lanesFor(s, dsps.get(s.id) ?? 0, ctx);
    lanes.set(s.id, n);
    if (n < 1 && !problems.has(s.id)) {
      problems.set(s.id, `task ${s.id} gets ${fmt(dsps.get(s.id) ?? 0)} DSPs; one ${s.mac.precisionKey} MAC needs ${Math.ceil(1 / rate)} (${ctx.dspType}: ${rate} MACs per DSP)`);
    }
  }
  return { dsps, lanes, problems };
}
