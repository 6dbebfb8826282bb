// What one iteration point of an Einsum asks of a PE, and what that costs on a given array.
//
// Counting (src/einsum/analysis.ts's countOps at one point; op names are shared): a
// `sum` reduction of a product is one `mac`; every other operator node of the map is one op; a
// reduction adds its operator (`add` for sum, `max`, `min`); `copy` computes nothing.
//
// Costing: an array's `ops` table gives each op's cycles per element and the functional-unit
// actions it causes (FuseMax 2-D PEs: exp = 6 cycles on the MAC unit; FLAT's 1-D PEs: a dedicated
// exp unit, 1 cycle). `issue: sequential` adds the ops' cycles (one datapath); `issue: chained`
// lets each unit work in its own pipeline stage, so the busiest unit sets the cycles per element.
import { countOps } from '../../einsum/analysis.js';
import type { Einsum } from '../../einsum/types.js';
import type { ArrayView, OpName } from './structure.js';

export type OpCounts = Partial<Record<OpName, number>>;

/** Ops of one iteration point: the analysis' counting rules (countOps) at one point. */
export function opsPerPoint(einsum: Pick<Einsum, 'expr' | 'reduce'>): OpCounts {
  return countOps(einsum, 1) as OpCounts;
}

export interface OpCost {
  /** Issue slots of one iteration point on one PE. */
  cyclesPerPoint: number;
  /** Functional unit → actions per iteration point. */
  usesPerPoint: Record<string, number>;
}

export type CostResult = { ok: true; cost: OpCost } | { ok: false; missing: OpName[] };

export function costOnArray(ops: OpCounts, array: ArrayView): CostResult {
  const missing = (Object.keys(ops) as OpName[]).filter((op) => !array.ops[op]);
  if (missing.length > 0) return { ok: false, missing };
  const usesPerPoint: Record<string, number> = {};
  const cyclesPerUnit: Record<string, number> = {};
  let sequentialCycles = 0;
  for (const [op, count] of Object.entries(ops) as [OpName, number][]) {
    const c = array.ops[op]!;
    sequentialCycles += count * c.cycles;
    for (const [unit, n] of Object.entries(c.uses)) {
      usesPerPoint[unit] = (usesPerPoint[unit] ?? 0) + count * n;
      cyclesPerUnit[unit] = (cyclesPerUnit[unit] ?? 0) + count * c.cycles;
    }
  }
  const chainedCycles = Math.max(0, ...Object.values(cyclesPerUnit));
  const cyclesPerPoint = array.issue === 'sequential' ? sequentialCycles : chainedCycles;
  return { ok: true, cost: { cyclesPerPoint, usesPerPoint } };
}
