// One arity table for the workload syntax and the evaluator: both accept exactly the argument
// counts docs/workloads.md documents ("Map functions"), read here from the doc itself.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EinsimError } from '../../src/errors.js';
import { evaluate } from '../../src/einsum/evaluate.js';
import { MAP_ARITY, MAP_FUNCTIONS } from '../../src/einsum/map-arity.js';
import { parseWorkload } from '../../src/einsum/parse.js';
import type { MapOp } from '../../src/einsum/types.js';
import { REPO_ROOT } from '../helpers/ref.js';
import { buildCascade } from '../helpers/ir-builder.js';

/** The documented counts: "`add sub mul div` (2 arguments), `max min` (2 or more), `neg …` (1)". */
function documentedArity(): Map<string, { min: number; max: number }> {
  const doc = readFileSync(join(REPO_ROOT, 'docs', 'workloads.md'), 'utf8');
  const at = doc.indexOf('Map functions:');
  const sentence = doc.slice(at, doc.indexOf('.', at));
  const out = new Map<string, { min: number; max: number }>();
  for (const [, names, count] of sentence.matchAll(/`([^`]+)`\s*\(([^)]+)\)/g)) {
    const n = Number(/^\d+/.exec(count)?.[0]);
    for (const name of names.split(/\s+/)) out.set(name, { min: n, max: /or more/.test(count) ? Infinity : n });
  }
  return out;
}

const call = (op: MapOp, n: number) => `Y[i] = ${op}(${Array.from({ length: n }, () => 'X[i]').join(', ')})`;

/** True if `run` succeeds, false if it refuses the argument count (an invalid_value issue). */
function accepts(run: () => unknown): boolean {
  try {
    run();
    return true;
  } catch (e) {
    if (e instanceof EinsimError && e.issues[0].code === 'invalid_value') return false;
    throw e;
  }
}

const parses = (op: MapOp, n: number) => accepts(() => parseWorkload(`name: t\nparams: { I: 2 }\ntensors: { X: [i], Y: [i] }\neinsums: ["${call(op, n)}"]\n`, '<test>.yaml'));

/** The evaluator on the same Einsum built as IR in code (it never meets the parser). */
const evaluates = (op: MapOp, n: number) =>
  accepts(() => evaluate(buildCascade({ tensors: { X: { ranks: ['i'], shape: [2] }, Y: { ranks: ['i'], shape: [2] } }, einsums: [call(op, n)] }), { X: Float64Array.from([2, 3]) }));

describe('map function arity', () => {
  it('is the table docs/workloads.md documents, function for function', () => {
    const documented = documentedArity();
    expect([...documented.keys()].sort()).toEqual([...MAP_FUNCTIONS].sort());
    for (const op of MAP_FUNCTIONS) expect(MAP_ARITY[op], op).toEqual(documented.get(op));
  });

  it('the parser and the evaluator accept the same argument counts, the documented ones', () => {
    const documented = documentedArity();
    for (const op of MAP_FUNCTIONS) {
      const { min, max } = documented.get(op)!;
      for (let n = 1; n <= 4; n++) {
        const ok = n >= min && n <= max;
        expect(parses(op, n), `${op} with ${n} argument(s) parses`).toBe(ok);
        expect(evaluates(op, n), `${op} with ${n} argument(s) evaluates`).toBe(ok);
      }
    }
  });

  it('says what it expected', () => {
    try {
      parseWorkload(`name: t\nparams: { I: 2 }\ntensors: { X: [i], Y: [i] }\neinsums: ["${call('add', 3)}"]\n`, '<test>.yaml');
      throw new Error('parsed');
    } catch (e) {
      expect((e as EinsimError).issues[0].expected).toMatch(/^2 arguments for add/);
    }
    const c = buildCascade({ tensors: { X: { ranks: ['i'], shape: [2] }, Y: { ranks: ['i'], shape: [2] } }, einsums: [call('mul', 3)] });
    expect(() => evaluate(c)).toThrow(/2 arguments for mul/);
  });
});
