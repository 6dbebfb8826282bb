import { describe, expect, it } from 'vitest';
import { compileExpression, expressionNames } from '../../src/dram/expression.js';

const names = new Set(['RL', 'WL', 'tBURST', 'tRTRS', 'tCCD_L']);
const values = { RL: 22, WL: 16, tBURST: 4, tRTRS: 1, tCCD_L: 8 };

describe('latency expressions', () => {
  it('evaluates arithmetic with precedence, parentheses, unary minus and max/min', () => {
    expect(compileExpression('RL + tBURST - WL + tRTRS', names)(values)).toBe(11);
    expect(compileExpression('max(tBURST, tCCD_L)', names)(values)).toBe(8);
    expect(compileExpression('2 * (RL - WL) / 3', names)(values)).toBe(4);
    expect(compileExpression('-tBURST + min(1, 2, 3)', names)(values)).toBe(-3);
  });

  it('rejects names that are not timing parameters, naming the known ones', () => {
    expect(() => compileExpression('tRCD + 1', names)).toThrow(/expected a timing name \(RL, WL.*received tRCD/);
  });

  it('rejects malformed expressions', () => {
    expect(() => compileExpression('RL +', names)).toThrow(/end of expression/);
    expect(() => compileExpression('RL WL', names)).toThrow(/an operator or the end/);
    expect(() => compileExpression('foo(RL)', names)).toThrow(/a function/);
    expect(() => compileExpression('RL $ 2', names)).toThrow();
  });

  it('lists the names an expression uses', () => {
    expect(expressionNames('max(tBURST, tCCD_L) + RL')).toEqual(['tBURST', 'tCCD_L', 'RL']);
  });
});
