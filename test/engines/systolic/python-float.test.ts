import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { pyFloatStr } from '../../../src/engines/systolic/python-float.js';

describe('pyFloatStr (Python str of a float)', () => {
  it.each([
    [1, '1.0'],
    [-1703, '-1703.0'],
    [10, '10.0'],
    [43.912358118192294, '43.912358118192294'],
    [0.1, '0.1'],
    [1e-4, '0.0001'],
    [1e-5, '1e-05'],
    [1.5e-7, '1.5e-07'],
    [1e16, '1e+16'],
    [1.5e16, '1.5e+16'],
    [9999999999999998, '9999999999999998.0'],
    [123456789012345680000, '1.2345678901234568e+20'],
    [0, '0.0'],
    [-0, '-0.0'],
    [Infinity, 'inf'],
    [NaN, 'nan'],
  ])('%s → %s', (x, s) => {
    expect(pyFloatStr(x)).toBe(s);
  });

  it('round-trips every double', () => {
    fc.assert(fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), (x) => Object.is(Number(pyFloatStr(x)), x) || (x === 0 && Number(pyFloatStr(x)) === 0)));
  });
});
