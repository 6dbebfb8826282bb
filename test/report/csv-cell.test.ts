import { describe, expect, it } from 'vitest';
import { csvCell } from '../../src/report/csv.js';

describe('csvCell', () => {
  it('drops binary noise beyond 15 significant digits but keeps integer counts exact', () => {
    expect(csvCell(129979.50000000001)).toBe('129979.5');
    expect(csvCell(0.1 + 0.2)).toBe('0.3');
    expect(csvCell(999_999_999_999_999)).toBe('999999999999999');
    expect(csvCell(1.5e-12)).toBe('1.5e-12');
    expect(csvCell(Infinity)).toBe('Infinity');
  });

  it('quotes text with commas, quotes or newlines as RFC 4180 does', () => {
    expect(csvCell('a, b')).toBe('"a, b"');
    expect(csvCell('say "x"')).toBe('"say ""x"""');
    expect(csvCell('plain')).toBe('plain');
  });
});
