import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { evaluateExpression, ExpressionProblem, MAX_EXPRESSION_CHARS, snapInteger } from '../../src/einsum/expression.js';

describe('evaluateExpression', () => {
  it('evaluates arithmetic over the params in scope', () => {
    expect(evaluateExpression('(H + 2*pad - R) / stride + 1', { H: 56, pad: 1, R: 3, stride: 1 })).toBe(56);
    expect(evaluateExpression('M / M0', { M: 4096, M0: 256 })).toBe(16);
    expect(evaluateExpression('2^10 % 1000', {})).toBe(24);
    expect(evaluateExpression('ceil(10 / 4) + floor(log2(8))', {})).toBe(6);
    expect(evaluateExpression(' 42 ', {})).toBe(42);
  });

  it.each([
    ['an unknown name', 'M + 1', 'a param defined earlier'],
    ['a function definition', 'f(x) = x', 'arithmetic over params'],
    ['an assignment', 'a = 1', 'arithmetic over params'],
    ['an import', 'import({}, {})', 'one of the functions'],
    ['evaluate', 'evaluate("1")', 'one of the functions'],
    ['a huge range', '1:1e9', 'arithmetic over params'],
    ['a matrix', '[1, 2]', 'arithmetic over params'],
    ['an object', '{a: 1}', 'arithmetic over params'],
    ['a factorial', '100000!', 'only + - * / ^ %'],
    ['a comparison', '1 < 2', 'only + - * / ^ %'],
    ['a string', '"text"', 'numbers only'],
    ['a property access', 'M.constructor', 'arithmetic over params'],
    ['a unit conversion', '1 to 2', 'only + - * / ^ %'],
    ['infinity', '9^9^9', 'a finite number'],
    ['a complex result', 'sqrt(-1)', 'evaluates to a number'],
    ['a syntax error', '(1 + ', 'an arithmetic expression'],
    ['an empty string', '  ', 'a number or an arithmetic expression'],
    ['too long', '1+'.repeat(MAX_EXPRESSION_CHARS) + '1', `at most ${MAX_EXPRESSION_CHARS} characters`],
  ])('refuses %s', (_what, text, expected) => {
    const scope: Record<string, number> = text.includes('M.') ? { M: 1 } : {};
    let problem: unknown;
    try {
      evaluateExpression(text, scope);
    } catch (e) {
      problem = e;
    }
    expect(problem).toBeInstanceOf(ExpressionProblem);
    expect((problem as ExpressionProblem).expected).toContain(expected);
  });

  it('only ever returns a finite number or throws ExpressionProblem, for any string', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 60, unit: fc.constantFrom(...'0123456789+-*/^%()[]{}:!.,=<>"aMfx e'.split('')) }), (text) => {
        try {
          expect(Number.isFinite(evaluateExpression(text, { M: 4, a: 2 }))).toBe(true);
        } catch (e) {
          expect(e).toBeInstanceOf(ExpressionProblem);
        }
      }),
      { numRuns: 400 },
    );
  });
});

describe('evaluateExpression, repeated (each text is parsed once per process)', () => {
  const outcome = (text: string, scope: Record<string, number>): unknown => {
    try {
      return evaluateExpression(text, scope);
    } catch (e) {
      return e instanceof ExpressionProblem ? { expected: e.expected, received: e.received, unknownName: e.unknownName } : e;
    }
  };

  it('evaluates a text seen before against the scope of this call', () => {
    expect(evaluateExpression('D / H', { D: 4096, H: 32 })).toBe(128);
    expect(evaluateExpression('D / H', { D: 768, H: 12 })).toBe(64);
    expect(outcome('D / H', { D: 768 })).toEqual({ expected: 'a param defined earlier', received: '"H" in "D / H"', unknownName: 'H' });
  });

  it('gives a bare name the value in scope, or the unknown-name problem', () => {
    expect(evaluateExpression('KVH', { KVH: 8 })).toBe(8);
    expect(evaluateExpression(' KVH ', { KVH: 2 })).toBe(2);
    expect(outcome('KVH', {})).toEqual({ expected: 'a param defined earlier', received: '"KVH" in "KVH"', unknownName: 'KVH' });
    expect(outcome('X', { X: NaN })).toEqual({ expected: 'a finite number', received: '"X" = NaN', unknownName: undefined });
  });

  it('leaves names mathjs does not read as a param to mathjs, even when a param has that name', () => {
    // mathjs parses these as constants or operators, and refuses a scope holding `end`.
    expect(outcome('NaN', { NaN: 1 })).toEqual({ expected: 'a finite number', received: '"NaN" = NaN', unknownName: undefined });
    expect(outcome('true', { true: 1 })).toEqual({ expected: 'numbers only', received: '"true"', unknownName: undefined });
    expect((outcome('H', { H: 1, end: 2 }) as ExpressionProblem).received).toContain('"end" is a reserved keyword');
  });

  it('reports the same problem for a broken text every time', () => {
    const first = outcome('(1 + ', {});
    expect(first).toMatchObject({ expected: 'an arithmetic expression over params' });
    expect(outcome('(1 + ', {})).toEqual(first);
  });
});

describe('snapInteger', () => {
  it('rounds floating-point noise but keeps real fractions', () => {
    expect(snapInteger(0.1 * 30)).toBe(3);
    expect(snapInteger(2.5)).toBe(2.5);
    expect(snapInteger(-4)).toBe(-4);
  });
});
