// The reference evaluator: computes every tensor of a cascade in float64, so tests and
// `einsim check` can tell whether a cascade means what it says (docs/evaluator.md). It is for
// correctness on small shapes, never for timing; engines do not call it.
//
// Semantics, in one place:
// - Tensors are Float64Arrays, row-major over the declared ranks and shape.
// - Inputs (tensors no Einsum produces and that are not views) come from `inputs` or from the
//   seeded generator in eval/random.ts (uniform on [0.5, 1.5), one stream per tensor name).
// - Every other tensor starts as NaN, so reading an element nothing wrote shows up as NaN;
//   then `init` sets its initial slice (e.g. RM[m1=0, p] = -inf).
// - An Einsum visits every point of its iteration space, evaluates the map on the elements its
//   accesses name (affine indices; reads that land in declared zero padding read 0; reads of a
//   view read the base tensor), and reduces over the ranks not in the output with sum / max /
//   min (starting from 0 / -inf / +inf), in row-major order of the reduced ranks.
// - Recurrence groups run together: for each position of the iterative rank, each member in the
//   listed order over that position only.
import { EinsimError } from '../errors.js';
import type { Cascade, Einsum, TensorDecl } from './types.js';
import { issueAt, planAccess, planEinsum, sizeOf, tensorOf, type EinsumPlan } from './eval/plan.js';
import { runBox } from './eval/run-box.js';
import { randomTensor } from './eval/random.js';
import { scheduleUnits, type Unit } from './eval/schedule.js';

export interface EvaluateOptions {
  /** Seed of the random inputs (default 1). */
  seed?: number;
  /** Refuse cascades above this many point evaluations (default EVALUATION_WORK_LIMIT). */
  maxWork?: number;
}

/**
 * Point evaluations the evaluator accepts by default: ~5 s of work in this implementation on one
 * core, and a few hundred MB of float64 tensors at most (measured by bench, not by tests).
 */
export const EVALUATION_WORK_LIMIT = 5e7;

/** Tensors that no Einsum produces and that are not views: the ones the caller (or the seed) fills. */
export function inputTensors(cascade: Cascade): TensorDecl[] {
  const produced = new Set(cascade.einsums.map((e) => e.output.tensor));
  return Object.values(cascade.tensors).filter((t) => !produced.has(t.name) && t.viewOf === null);
}

/** Work of an evaluation: every Einsum's iteration points plus every tensor element allocated. */
export function evaluationWork(cascade: Cascade): { total: number; largest: { einsum: string; points: number } | null } {
  let total = Object.values(cascade.tensors).reduce((s, t) => s + sizeOf(t.shape), 0);
  let largest: { einsum: string; points: number } | null = null;
  for (const e of cascade.einsums) {
    const points = e.ranks.reduce((p, r) => p * r.extent, 1);
    total += points;
    if (!largest || points > largest.points) largest = { einsum: e.id, points };
  }
  return { total, largest };
}

function checkWork(cascade: Cascade, limit: number): void {
  const { total, largest } = evaluationWork(cascade);
  if (total <= limit) return;
  const params = Object.keys(cascade.params);
  const hint = params.length > 0 ? ` (params: ${params.join(', ')})` : '';
  throw new EinsimError(
    issueAt(cascade, null, {
      path: 'einsums',
      code: 'unsupported',
      expected: `at most ${limit.toExponential(0)} point evaluations for the reference evaluator; shrink the workload with --param NAME=value${hint}`,
      received: `${total.toExponential(2)}${largest ? ` (largest Einsum ${largest.einsum}: ${largest.points.toExponential(2)} points)` : ''}`,
    }),
  );
}

function allocate(cascade: Cascade, inputs: Record<string, Float64Array>, seed: number): Record<string, Float64Array> {
  const data: Record<string, Float64Array> = {};
  const inputNames = new Set(inputTensors(cascade).map((t) => t.name));
  for (const [name, values] of Object.entries(inputs)) {
    const decl = tensorOf(cascade, name, null);
    const fail = (code: 'invalid_value' | 'shape', expected: string, received: string): never => {
      throw new EinsimError(issueAt(cascade, null, { path: `inputs.${name}`, code, expected, received }));
    };
    if (!inputNames.has(name)) fail('invalid_value', 'an input tensor (no Einsum produces it and it is not a view)', `${name} (${decl.role})`);
    if (values.length !== sizeOf(decl.shape)) fail('shape', `${sizeOf(decl.shape)} values for shape [${decl.shape.join(', ')}]`, String(values.length));
  }
  for (const decl of Object.values(cascade.tensors)) {
    if (decl.viewOf !== null) continue;
    const size = sizeOf(decl.shape);
    if (inputNames.has(decl.name)) {
      data[decl.name] = inputs[decl.name] ?? randomTensor(seed, decl.name, size);
      continue;
    }
    const values = new Float64Array(size).fill(NaN);
    if (decl.init) applyInit(cascade, decl, values);
    data[decl.name] = values;
  }
  return data;
}

/** Set every element at position `init.at` of rank `init.rank` to `init.value`. */
function applyInit(cascade: Cascade, decl: TensorDecl, values: Float64Array): void {
  const init = decl.init!;
  const d = decl.ranks.indexOf(init.rank);
  if (d < 0 || init.at < 0 || init.at >= decl.shape[d]) {
    throw new EinsimError(
      issueAt(cascade, null, {
        path: `tensors.${decl.name}.init`,
        code: 'range',
        expected: `a position inside rank ${init.rank} of ${decl.name}[${decl.ranks.join(',')}] (shape [${decl.shape.join(', ')}])`,
        received: String(init.at),
      }),
    );
  }
  const inner = decl.shape.slice(d + 1).reduce((a, b) => a * b, 1);
  const outer = decl.shape.slice(0, d).reduce((a, b) => a * b, 1);
  const extent = decl.shape[d];
  for (let o = 0; o < outer; o++) {
    const start = (o * extent + init.at) * inner;
    values.fill(init.value, start, start + inner);
  }
}

function runUnit(unit: Unit, plans: Map<string, EinsumPlan>, data: Record<string, Float64Array>, cascade: Cascade): void {
  if (unit.kind === 'single') {
    const plan = plans.get(unit.einsum.id)!;
    runBox(plan, data, plan.extents.map(() => 0), plan.extents);
    return;
  }
  const members = unit.einsums.map((e) => plans.get(e.id)!);
  let steps: number | null = null;
  const positions = members.map((p) => {
    const r = p.ranks.indexOf(unit.rank);
    const fail = (expected: string, received: string): never => {
      throw new EinsimError(issueAt(cascade, p.einsum, { code: 'shape', expected, received }));
    };
    if (r < 0) fail(`iterative rank ${unit.rank} among the Einsum's ranks`, p.ranks.join(', '));
    if (steps !== null && p.extents[r] !== steps) fail(`rank ${unit.rank} to have extent ${steps} in every Einsum of the recurrence`, String(p.extents[r]));
    steps = p.extents[r];
    return r;
  });
  for (let it = 0; it < (steps ?? 0); it++) {
    members.forEach((plan, k) => {
      const lo = plan.extents.map(() => 0);
      const hi = plan.extents.slice();
      lo[positions[k]] = it;
      hi[positions[k]] = it + 1;
      runBox(plan, data, lo, hi);
    });
  }
}

/** A view's values, read through its definition (for the returned record; reads never use it). */
function materializeView(cascade: Cascade, decl: TensorDecl, data: Record<string, Float64Array>): Float64Array {
  const ranks = decl.ranks.map((r, d) => `${r}#${d}`); // unique even if a view repeats a rank name
  const access = {
    tensor: decl.name,
    indices: ranks.map((r, d) => ({ terms: { [r]: 1 }, constant: 0, text: decl.ranks[d] })),
  };
  const pseudo: Einsum = {
    id: decl.name,
    text: `${decl.name} (view)`,
    output: access,
    expr: { kind: 'access', access },
    reduce: null,
    ranks: ranks.map((name, d) => ({ name, extent: decl.shape[d] })),
    iterative: null,
    annotations: {},
    loc: decl.loc,
  };
  const values = new Float64Array(sizeOf(decl.shape));
  const read = planAccess(cascade, pseudo, access, ranks, decl.shape, false);
  const output = { tensor: '#view', address: { coef: ranks.map((_, d) => decl.shape.slice(d + 1).reduce((a, b) => a * b, 1)), constant: 0 }, padded: [] };
  const plan: EinsumPlan = {
    einsum: pseudo,
    ranks,
    extents: decl.shape,
    keptCount: ranks.length,
    output,
    reads: [read],
    map: (v) => v[0],
    reduce: null,
  };
  runBox(plan, { ...data, '#view': values }, decl.shape.map(() => 0), decl.shape);
  return values;
}

/**
 * Evaluate every tensor of `cascade`. `inputs` overrides the random values of input tensors by
 * name (each must have the tensor's element count). Throws EinsimError 'unsupported' when the
 * cascade is too large for a reference evaluation.
 */
export function evaluate(cascade: Cascade, inputs: Record<string, Float64Array> = {}, opts: EvaluateOptions = {}): Record<string, Float64Array> {
  checkWork(cascade, opts.maxWork ?? EVALUATION_WORK_LIMIT);
  const plans = new Map(cascade.einsums.map((e) => [e.id, planEinsum(cascade, e)]));
  const order = scheduleUnits(cascade);
  const data = allocate(cascade, inputs, opts.seed ?? 1);
  for (const unit of order) runUnit(unit, plans, data, cascade);
  for (const decl of Object.values(cascade.tensors)) {
    if (decl.viewOf !== null) data[decl.name] = materializeView(cascade, decl, data);
  }
  return data;
}
