import { describe, expect, it } from 'vitest';
import { EinsimError } from '../../src/errors.js';
import { evaluate, evaluationWork, EVALUATION_WORK_LIMIT } from '../../src/einsum/evaluate.js';
import { gelu } from '../../src/einsum/eval/map-ops.js';
import { buildCascade } from '../helpers/ir-builder.js';
import { gemm, gemmDirect } from './fixtures/cascades.js';

const f64 = (...v: number[]) => Float64Array.from(v);

function issueOf(fn: () => unknown) {
  try {
    fn();
  } catch (e) {
    if (e instanceof EinsimError) return e.issues[0];
    throw e;
  }
  throw new Error('expected an EinsimError');
}

describe('evaluate: contractions and layout', () => {
  it('computes a GEMM row-major over the declared ranks', () => {
    const r = evaluate(gemm(3, 4, 5), {}, { seed: 7 });
    expect(Array.from(r.Z)).toEqual(Array.from(gemmDirect(r.A, r.B, 3, 4, 5)));
  });

  it('uses given inputs and fills the others from the seed', () => {
    const A = f64(1, 2, 3, 4); // 2x2
    const B = f64(5, 6, 7, 8);
    const r = evaluate(gemm(2, 2, 2), { A, B });
    expect(Array.from(r.Z)).toEqual([1 * 5 + 2 * 7, 1 * 6 + 2 * 8, 3 * 5 + 4 * 7, 3 * 6 + 4 * 8]);
  });

  it('evaluates Einsums listed out of dependency order', () => {
    const c = buildCascade({
      tensors: { X: { ranks: ['i'], shape: [3] }, Y: { ranks: ['i'], shape: [3] }, Z: { ranks: ['i'], shape: [3] } },
      einsums: ['Z[i] = Y[i] * 2', 'Y[i] = X[i] + 1'],
    });
    expect(Array.from(evaluate(c, { X: f64(1, 2, 3) }).Z)).toEqual([4, 6, 8]);
  });
});

describe('evaluate: random inputs', () => {
  it('draws each input from [0.5, 1.5), by (seed, tensor name)', () => {
    const a = evaluate(gemm(4, 4, 4), {}, { seed: 5 });
    const b = evaluate(gemm(4, 4, 4), {}, { seed: 5 });
    const c = evaluate(gemm(4, 4, 4), {}, { seed: 6 });
    expect(Array.from(a.A)).toEqual(Array.from(b.A));
    expect(Array.from(a.A)).not.toEqual(Array.from(c.A));
    expect(Array.from(a.A)).not.toEqual(Array.from(a.B));
    for (const v of [...a.A, ...a.B]) {
      expect(v).toBeGreaterThanOrEqual(0.5);
      expect(v).toBeLessThan(1.5);
    }
    // A tensor's values depend on its name, not on the rest of the cascade.
    expect(Array.from(evaluate(gemm(4, 2, 4), {}, { seed: 5 }).A)).toEqual(Array.from(a.A));
  });
});

describe('evaluate: padding, views, init, recurrences', () => {
  it('reads zero padding outside the tensor', () => {
    const c = buildCascade({
      tensors: { I: { ranks: ['h'], shape: [3], padding: { h: [1, 1] } }, F: { ranks: ['r'], shape: [3] }, O: { ranks: ['p'], shape: [3] } },
      einsums: ['O[p] = I[p + r - 1] * F[r]'],
    });
    expect(Array.from(evaluate(c, { I: f64(1, 2, 3), F: f64(1, 10, 100) }).O)).toEqual([
      0 * 1 + 1 * 10 + 2 * 100,
      1 * 1 + 2 * 10 + 3 * 100,
      2 * 1 + 3 * 10 + 0 * 100,
    ]);
  });

  it('refuses reads beyond the padding with a range issue', () => {
    const c = buildCascade({
      tensors: { I: { ranks: ['h'], shape: [3], padding: { h: [1, 0] } }, F: { ranks: ['r'], shape: [3] }, O: { ranks: ['p'], shape: [3] } },
      einsums: ['O[p] = I[p + r - 1] * F[r]'],
    });
    const issue = issueOf(() => evaluate(c));
    expect(issue.code).toBe('range');
    expect(issue.received).toBe('-1 … 3');
  });

  it('reads a view through its base tensor and returns the view materialized', () => {
    const c = buildCascade({
      params: { M0: 2 },
      tensors: {
        K: { ranks: ['m'], shape: [6] },
        BK: { ranks: ['m1', 'm0'], shape: [3, 2], view: 'K[m1*M0 + m0]' },
        S: { ranks: ['m1'], shape: [3] },
      },
      einsums: ['S[m1] = BK[m1,m0]'],
    });
    const r = evaluate(c, { K: f64(1, 2, 3, 4, 5, 6) });
    expect(Array.from(r.S)).toEqual([3, 7, 11]);
    expect(Array.from(r.BK)).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it('composes a view of a view', () => {
    const c = buildCascade({
      tensors: {
        X: { ranks: ['i'], shape: [8] },
        Y: { ranks: ['j'], shape: [4], view: 'X[2*j + 1]' }, // odd elements
        Z: { ranks: ['k'], shape: [2], view: 'Y[k + 2]' }, // X[5], X[7]
        O: { ranks: ['k'], shape: [2] },
      },
      einsums: ['O[k] = Z[k] * 1'],
    });
    expect(Array.from(evaluate(c, { X: f64(0, 1, 2, 3, 4, 5, 6, 7) }).O)).toEqual([5, 7]);
  });

  it('runs a running max from its -inf init, one position of the iterative rank at a time', () => {
    const c = buildCascade({
      tensors: { X: { ranks: ['i'], shape: [4] }, R: { ranks: ['i'], shape: [5], init: { rank: 'i', value: -Infinity } } },
      einsums: [{ text: 'R[i+1] = max(R[i], X[i])', iterative: 'i' }],
      recurrences: [{ rank: 'i', einsums: ['R'] }],
    });
    expect(Array.from(evaluate(c, { X: f64(2, 1, 5, 3) }).R)).toEqual([-Infinity, 2, 2, 5, 5]);
  });

  it('iterates a two-Einsum recurrence group in the listed order', () => {
    // D[i+1] = X[i] + T[i], T[i] = D[i] * 2: needs T[i] (this iteration) before D[i+1].
    const c = buildCascade({
      tensors: {
        X: { ranks: ['i'], shape: [3] },
        T: { ranks: ['i'], shape: [3] },
        D: { ranks: ['i'], shape: [4], init: { rank: 'i', value: 1 } },
      },
      einsums: [
        { text: 'D[i+1] = X[i] + T[i]', iterative: 'i' },
        { text: 'T[i] = D[i] * 2', iterative: 'i' },
      ],
      recurrences: [{ rank: 'i', einsums: ['T', 'D'] }],
    });
    // D0 = 1; T0 = 2, D1 = 10 + 2 = 12; T1 = 24, D2 = 20 + 24 = 44; T2 = 88, D3 = 30 + 88 = 118.
    const r = evaluate(c, { X: f64(10, 20, 30) });
    expect(Array.from(r.D)).toEqual([1, 12, 44, 118]);
    expect(Array.from(r.T)).toEqual([2, 24, 88]);
  });

  it('applies init along an inner rank', () => {
    const c = buildCascade({
      tensors: { X: { ranks: ['f', 'i'], shape: [2, 2] }, R: { ranks: ['f', 'i'], shape: [2, 3], init: { rank: 'i', value: 0 } } },
      einsums: [{ text: 'R[f,i+1] = R[f,i] + X[f,i]', iterative: 'i' }],
      recurrences: [{ rank: 'i', einsums: ['R'] }],
    });
    expect(Array.from(evaluate(c, { X: f64(1, 2, 3, 4) }).R)).toEqual([0, 1, 3, 0, 3, 7]);
  });

  it('leaves elements nothing writes as NaN', () => {
    const c = buildCascade({
      tensors: { X: { ranks: ['i'], shape: [2] }, O: { ranks: ['j'], shape: [4] } },
      ranks: { i: 2 },
      einsums: ['O[2*i] = X[i] * 1'],
    });
    const O = evaluate(c, { X: f64(3, 4) }).O;
    expect(O[0]).toBe(3);
    expect(O[2]).toBe(4);
    expect(O[1]).toBeNaN();
    expect(O[3]).toBeNaN();
  });
});

describe('evaluate: map operators and reductions', () => {
  const x = [-2, -0.5, 0.25, 3];
  const cases: [string, (v: number) => number][] = [
    ['neg(X[i])', (v) => -v],
    ['exp(X[i])', Math.exp],
    ['log(abs(X[i]))', (v) => Math.log(Math.abs(v))],
    ['sqrt(abs(X[i]))', (v) => Math.sqrt(Math.abs(v))],
    ['rsqrt(abs(X[i]))', (v) => 1 / Math.sqrt(Math.abs(v))],
    ['reciprocal(X[i])', (v) => 1 / v],
    ['tanh(X[i])', Math.tanh],
    ['relu(X[i])', (v) => Math.max(0, v)],
    ['sigmoid(X[i])', (v) => 1 / (1 + Math.exp(-v))],
    ['silu(X[i])', (v) => v / (1 + Math.exp(-v))],
    ['square(X[i])', (v) => v * v],
    ['copy(X[i])', (v) => v],
    ['max(X[i], 0.3, -1)', (v) => Math.max(v, 0.3, -1)],
    ['min(X[i], 0.3)', (v) => Math.min(v, 0.3)],
    ['add(X[i], 1)', (v) => v + 1],
    ['mul(X[i], 2)', (v) => v * 2],
    ['sub(X[i], 1)', (v) => v - 1],
    ['div(X[i], 4)', (v) => v / 4],
    ['(X[i] - 1) * 2 / -X[i]', (v) => ((v - 1) * 2) / -v],
  ];
  for (const [expr, want] of cases) {
    it(`evaluates ${expr}`, () => {
      const c = buildCascade({
        tensors: { X: { ranks: ['i'], shape: [4] }, Y: { ranks: ['i'], shape: [4] } },
        einsums: [`Y[i] = ${expr}`],
      });
      const Y = evaluate(c, { X: Float64Array.from(x) }).Y;
      x.forEach((v, i) => expect(Y[i]).toBeCloseTo(want(v), 14));
    });
  }

  it('uses the tanh form of GELU', () => {
    // 0.5·x·(1 + tanh(√(2/π)(x + 0.044715x³))) at x = 1 is 0.841192; the erf form gives 0.841345.
    expect(gelu(1)).toBeCloseTo(0.8411919906082768, 15);
    expect(gelu(0)).toBe(0);
    const c = buildCascade({ tensors: { X: { ranks: ['i'], shape: [1] }, Y: { ranks: ['i'], shape: [1] } }, einsums: ['Y[i] = gelu(X[i])'] });
    expect(evaluate(c, { X: f64(1) }).Y[0]).toBe(gelu(1));
  });

  it('reduces with sum, max and min over the ranks not in the output', () => {
    const X = f64(3, -1, 4, 1, -5, 9); // [2, 3]
    for (const [op, want] of [
      ['sum', [6, 5]],
      ['max', [4, 9]],
      ['min', [-1, -5]],
    ] as const) {
      const c = buildCascade({
        tensors: { X: { ranks: ['i', 'j'], shape: [2, 3] }, Y: { ranks: ['i'], shape: [2] } },
        einsums: [{ text: 'Y[i] = X[i,j]', reduce: op }],
      });
      expect(Array.from(evaluate(c, { X }).Y)).toEqual(want);
    }
  });

  it('rejects a wrong number of arguments', () => {
    const c = buildCascade({ tensors: { X: { ranks: ['i'], shape: [2] }, Y: { ranks: ['i'], shape: [2] } }, einsums: ['Y[i] = exp(X[i], X[i])'] });
    expect(issueOf(() => evaluate(c)).code).toBe('invalid_value');
  });
});

describe('evaluate: refusals', () => {
  it('refuses cascades above the work limit and suggests --param', () => {
    const c = gemm(512, 512, 512);
    expect(evaluationWork(c).total).toBeGreaterThan(EVALUATION_WORK_LIMIT);
    const issue = issueOf(() => evaluate(c));
    expect(issue.code).toBe('unsupported');
    expect(issue.expected).toContain('--param');
    expect(issue.expected).toContain('M, N, K');
    expect(issue.received).toContain('Z');
    // The limit is an option.
    expect(() => evaluate(gemm(8, 8, 8), {}, { maxWork: 100 })).toThrow(EinsimError);
  });

  it('checks given inputs', () => {
    expect(issueOf(() => evaluate(gemm(2, 2, 2), { A: f64(1) })).code).toBe('shape');
    expect(issueOf(() => evaluate(gemm(2, 2, 2), { Z: f64(1, 2, 3, 4) })).code).toBe('invalid_value');
    expect(issueOf(() => evaluate(gemm(2, 2, 2), { Nope: f64(1) })).code).toBe('unknown_name');
  });

  it('refuses an Einsum that reads its own output outside a recurrence', () => {
    const c = buildCascade({
      tensors: { X: { ranks: ['i'], shape: [3] }, R: { ranks: ['i'], shape: [4] } },
      einsums: ['R[i+1] = X[i] + R[i]'],
    });
    expect(issueOf(() => evaluate(c)).code).toBe('cycle');
  });
});
