// parseWorkload's contract under hostile input: it returns a Cascade or throws an EinsimError whose
// issues each print on one line — never another exception, never a hang (a hang fails the test
// by vitest's timeout). Inputs: random YAML structures in the workload's vocabulary, shipped
// workloads with characters deleted, inserted or swapped, and random expression strings.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { stringify } from 'yaml';
import { describe, expect, it } from 'vitest';
import { parseWorkload } from '../../src/einsum/parse.js';
import { EinsimError, formatIssue } from '../../src/errors.js';
import { REPO_ROOT } from '../helpers/ref.js';

function parsesOrFailsCleanly(text: string): void {
  let cascade;
  try {
    cascade = parseWorkload(text, 'fuzz.yaml');
  } catch (e) {
    if (!(e instanceof EinsimError)) throw new Error(`not an EinsimError for input:\n${text}\n${e instanceof Error ? e.stack : String(e)}`);
    expect(e.issues.length).toBeGreaterThan(0);
    for (const issue of e.issues) expect(formatIssue(issue)).not.toMatch(/[\r\n]/);
    return;
  }
  // A parsed cascade is consistent: every Einsum writes a declared tensor, every rank has a positive extent.
  for (const e of cascade.einsums) {
    expect(cascade.tensors[e.id]).toBeDefined();
    for (const r of e.ranks) expect(Number.isInteger(r.extent) && r.extent > 0).toBe(true);
  }
}

const rank = fc.constantFrom('m', 'n', 'k', 'p', 'm1', 'm0', 'e', 'zz');
const tensorName = fc.constantFrom('A', 'B', 'C', 'X', 'RM', 'Q');
const token = fc.constantFrom('A', 'B', 'X', 'RM', '[', ']', '(', ')', ',', '=', '+', '-', '*', '/', 'm', 'n', 'k', 'm1', '1', '2', 'M', 'inf', 'max', 'sum', 'exp', 'relu', ' ', '0.5');
const einsumText = fc.oneof(
  fc.array(token, { maxLength: 24 }).map((ts) => ts.join('')),
  fc.tuple(tensorName, fc.array(rank, { maxLength: 3 }), tensorName, fc.array(rank, { maxLength: 3 }), fc.constantFrom('+', '*', '-'), tensorName, fc.array(rank, { maxLength: 3 })).map(
    ([o, oi, a, ai, op, b, bi]) => `${o}[${oi.join(',')}] = ${a}[${ai.join(',')}] ${op} ${b}[${bi.join(',')}]`,
  ),
);
const exprChars = '0123456789+-*/^%()[]{}:!.,=<>"\'MNKfx ;'.split('');
const expression = fc.oneof(fc.string({ maxLength: 30, unit: fc.constantFrom(...exprChars) }), fc.integer({ min: -3, max: 70 }), fc.double());
const tensorDecl = fc.oneof(
  fc.array(rank, { maxLength: 4 }),
  fc.record(
    {
      ranks: fc.array(rank, { maxLength: 3 }),
      shape: fc.array(expression, { maxLength: 3 }),
      precision: fc.constantFrom('fp16', 'fp32', 'int4', 'fp12', 3),
      padding: fc.dictionary(rank, fc.oneof(fc.integer({ min: -1, max: 2 }), fc.tuple(fc.integer({ min: 0, max: 2 }), fc.integer({ min: 0, max: 2 })))),
      init: fc.dictionary(fc.constantFrom('m1', 'value', 'p'), fc.oneof(fc.integer({ min: 0, max: 2 }), fc.constantFrom('-inf', 'x'))),
      view: fc.oneof(einsumText, fc.constant('A[m, m1*M0 + m0]')),
      extra: fc.anything(),
    },
    { requiredKeys: [] },
  ),
  fc.anything(),
);
const workloadLike = fc.record(
  {
    name: fc.oneof(fc.string({ maxLength: 8 }), fc.integer()),
    precision: fc.constantFrom('fp16', 'bf16', 'fp99'),
    params: fc.oneof(fc.dictionary(fc.constantFrom('M', 'N', 'K', 'M0', 'M1', 'P', 'inf', 'a b'), expression), fc.anything()),
    ranks: fc.dictionary(rank, expression),
    tensors: fc.oneof(fc.dictionary(tensorName, tensorDecl), fc.anything()),
    einsums: fc.oneof(fc.array(fc.oneof(einsumText, fc.record({ einsum: einsumText, bind: fc.anything() })), { maxLength: 5 }), fc.anything()),
    other: fc.anything(),
  },
  { requiredKeys: [] },
);

const SHIPPED = readdirSync(join(REPO_ROOT, 'workloads'), { recursive: true })
  .map(String)
  .filter((f) => f.endsWith('.yaml'))
  .map((f) => readFileSync(join(REPO_ROOT, 'workloads', f), 'utf8'));

type Mutation = { kind: 'delete' | 'insert' | 'swap'; at: number; char: string };
const mutation = fc.record({ kind: fc.constantFrom('delete', 'insert', 'swap'), at: fc.nat(), char: fc.constantFrom(...'[](){}:,-=+*/ \n\t"\'#&*!|>m1M0'.split('')) });

function mutate(text: string, mutations: Mutation[]): string {
  let out = text;
  for (const m of mutations) {
    const at = m.at % Math.max(1, out.length);
    if (m.kind === 'delete') out = out.slice(0, at) + out.slice(at + 1);
    else if (m.kind === 'insert') out = out.slice(0, at) + m.char + out.slice(at);
    else if (at + 1 < out.length) out = out.slice(0, at) + out[at + 1] + out[at] + out.slice(at + 2);
  }
  return out;
}

describe('parseWorkload under fuzzing', () => {
  it('random YAML structures in the workload vocabulary', () => {
    fc.assert(fc.property(workloadLike, (doc) => parsesOrFailsCleanly(stringify(doc))), { numRuns: 300 });
  });

  it('arbitrary YAML values and raw text', () => {
    fc.assert(fc.property(fc.oneof(fc.anything().map((v) => String(stringify(v) ?? '')), fc.string({ maxLength: 200 })), parsesOrFailsCleanly), { numRuns: 200 });
  });

  it('shipped workloads with characters deleted, inserted or swapped', () => {
    fc.assert(
      fc.property(fc.constantFrom(...SHIPPED), fc.array(mutation, { minLength: 1, maxLength: 4 }), (text, ms) => parsesOrFailsCleanly(mutate(text, ms))),
      { numRuns: 300 },
    );
  });

  it('random expressions as params, shapes and Einsum text', () => {
    fc.assert(
      fc.property(expression, expression, einsumText, (p, s, e) =>
        parsesOrFailsCleanly(stringify({ name: 'x', params: { M: 4, N: p }, tensors: { A: { ranks: ['m'], shape: [s] }, B: ['m'], X: ['m'] }, einsums: [e, 'X[m] = A[m]'] })),
      ),
      { numRuns: 300 },
    );
  });
});
