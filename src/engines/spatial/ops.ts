// What one iteration point of an Einsum asks of a PE, and what that costs on a given array.
//
// Counting (the same rules as src/einsum/analysis.ts's countOps, in the array's op names): a
// `sum` reduction of a product is one `mac`; every other operator node of the map is one op; a
// reduction adds its operator (`add` for sum, `max`, `min`); `copy` computes nothing.
//
// Costing: an array's `ops` table gives each op's cycles per element and the functional-unit
// actions it causes (FuseMax 2-D PEs: exp = 6 cycles on the MAC unit; FLAT's 1-D PEs: a dedicated
// exp unit, 1 cycle). `issue: sequential` adds the ops' cycles (one datapath); `issue: chained`
// lets each unit work in its own pipeline stage, so the busiest unit sets the cycles per element.
import type { Einsum, Expr, MapOp } from '../../einsum/types.js';
import type { ArrayView, OpName } from './structure.js';

export type OpCounts = Partial<Record<OpName, number>>;

export function opsPerPoint(einsum: Pick<Einsum, 'expr' | 'reduce'>): OpCounts {
  const ops: OpCounts = {};
  const add = (op: OpName): void => {
    ops[op] = (ops[op] ?? 0) + 1;
  };
  const walk = (e: Expr): void => {
    if (e.kind !== 'call') return;
    const op = mapOpName(e.op);
    if (op) add(op);
    e.args.forEach(walk);
  };
  const contraction = einsum.reduce?.op === 'sum' && einsum.expr.kind === 'call' && einsum.expr.op === 'mul';
  if (contraction && einsum.expr.kind === 'call') {
    add('mac');
    einsum.expr.args.forEach(walk);
  } else {
    walk(einsum.expr);
    if (einsum.reduce) add(einsum.reduce.op === 'sum' ? 'add' : einsum.reduce.op);
  }
  return ops;
}

/** The array op a map operator runs as; null for a pure data move. */
function mapOpName(op: MapOp): OpName | null {
  return op === 'copy' ? null : op;
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
