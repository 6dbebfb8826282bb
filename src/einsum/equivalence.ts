// Do two cascades compute the same thing? Evaluate both with the reference evaluator on the same
// random inputs (same seed; inputs are generated per tensor name, so a tensor called Q gets the
// same values in both) and compare the output tensors they have in common.
//
// Measure (docs/evaluator.md): per element, relDiff = |a − b| / max(|a|, |b|, TINY), with
// relDiff = 0 when a and b are identical (including equal infinities) and relDiff = ∞ when either
// is NaN or they are different infinities. Per tensor: the maximum over its elements; overall:
// the maximum over the common outputs. Equivalent iff the overall maximum ≤ tolerance.
import { EinsimError } from '../errors.js';
import type { Cascade } from './types.js';
import { evaluate, inputTensors } from './evaluate.js';

/** Floor of the denominator: only keeps 0/0 away (both zero already compare as identical). */
export const REL_DIFF_TINY = 1e-300;

/** Default tolerance: float64 cascades that reorder sums agree to ~1e-13 on the evaluator's inputs. */
export const DEFAULT_TOLERANCE = 1e-9;

export interface CompareOptions {
  seed?: number;
  tolerance?: number;
  maxWork?: number;
}

export interface TensorComparison {
  name: string;
  maxRelDiff: number;
  /** Where the largest difference is (row-major multi-index) and the two values there. */
  worst: { index: number[]; a: number; b: number } | null;
}

export interface Comparison {
  tensors: TensorComparison[];
  maxRelDiff: number;
  equivalent: boolean;
  tolerance: number;
}

export function relDiff(a: number, b: number): number {
  if (a === b) return 0;
  if (a !== a || b !== b || !Number.isFinite(a) || !Number.isFinite(b)) return Infinity;
  return Math.abs(a - b) / Math.max(Math.abs(a), Math.abs(b), REL_DIFF_TINY);
}

function multiIndex(flat: number, shape: number[]): number[] {
  const index = new Array<number>(shape.length);
  for (let d = shape.length - 1; d >= 0; d--) {
    index[d] = flat % shape[d];
    flat = Math.floor(flat / shape[d]);
  }
  return index;
}

const sameShape = (x: number[], y: number[]): boolean => x.length === y.length && x.every((v, i) => v === y[i]);

function shapeIssue(a: Cascade, b: Cascade, name: string, expected: number[], received: number[], role: string) {
  return {
    file: b.file,
    path: `tensors.${name}`,
    code: 'shape' as const,
    expected: `${role} ${name} of shape [${expected.join(', ')}], as in ${a.name}`,
    received: `[${received.join(', ')}]`,
  };
}

export function compareCascades(a: Cascade, b: Cascade, opts: CompareOptions = {}): Comparison {
  const tolerance = opts.tolerance ?? DEFAULT_TOLERANCE;
  const issues = [];
  const inputsA = new Map(inputTensors(a).map((t) => [t.name, t]));
  for (const t of inputTensors(b)) {
    const other = inputsA.get(t.name);
    if (other && !sameShape(other.shape, t.shape)) issues.push(shapeIssue(a, b, t.name, other.shape, t.shape, 'input'));
  }
  const outputs = Object.values(a.tensors).filter((t) => t.role === 'output' && b.tensors[t.name]?.role === 'output');
  for (const t of outputs) {
    const shape = b.tensors[t.name].shape;
    if (!sameShape(t.shape, shape)) issues.push(shapeIssue(a, b, t.name, t.shape, shape, 'output'));
  }
  if (outputs.length === 0) {
    const names = (c: Cascade) => Object.values(c.tensors).filter((t) => t.role === 'output').map((t) => t.name).join(', ') || 'none';
    issues.push({
      file: b.file,
      path: 'tensors',
      code: 'missing' as const,
      expected: `an output tensor that both ${a.name} and ${b.name} produce`,
      received: `outputs ${names(a)} vs ${names(b)}`,
    });
  }
  if (issues.length > 0) throw new EinsimError(issues);

  const seed = opts.seed ?? 1;
  const valuesA = evaluate(a, {}, { seed, maxWork: opts.maxWork });
  const valuesB = evaluate(b, {}, { seed, maxWork: opts.maxWork });
  const tensors = outputs.map((t): TensorComparison => {
    const x = valuesA[t.name];
    const y = valuesB[t.name];
    let worst = 0;
    let at = -1;
    for (let i = 0; i < x.length; i++) {
      const d = relDiff(x[i], y[i]);
      if (d > worst) {
        worst = d;
        at = i;
      }
    }
    return { name: t.name, maxRelDiff: worst, worst: at < 0 ? null : { index: multiIndex(at, t.shape), a: x[at], b: y[at] } };
  });
  const maxRelDiff = Math.max(...tensors.map((t) => t.maxRelDiff));
  return { tensors, maxRelDiff, equivalent: maxRelDiff <= tolerance, tolerance };
}
