// std::mt19937_64 and libstdc++'s uniform_int_distribution, so `--pattern rand` draws the
// reference runs' addresses (the golden test then reproduces DRAMsim3's random run exactly).
import { describe, expect, it } from 'vitest';
import { Mt19937_64, UniformIndex } from '../../src/dram/mt19937-64.js';

describe('mt19937_64', () => {
  it('gives 9981545732273789042 as the 10000th output for the default seed (C++11 [rand.predef])', () => {
    const g = new Mt19937_64();
    let v = 0n;
    for (let i = 0; i < 10000; i++) v = g.nextBigInt();
    expect(v).toBe(9981545732273789042n);
  });

  it('draws a power-of-two range as the top bits (libstdc++ Lemire path, no rejection)', () => {
    const a = new Mt19937_64(42);
    const b = new Mt19937_64(42);
    const u = new UniformIndex(b, 2 ** 24);
    for (let i = 0; i < 1000; i++) expect(u.next()).toBe(Number(a.nextBigInt() >> 40n));
  });

  it('stays in range and unbiased for ranges that are not powers of two', () => {
    const u = new UniformIndex(new Mt19937_64(7), 3);
    const counts = [0, 0, 0];
    for (let i = 0; i < 30000; i++) counts[u.next()]++;
    for (const c of counts) expect(Math.abs(c - 10000)).toBeLessThan(400);
    const big = new UniformIndex(new Mt19937_64(7), 2 ** 40 + 5);
    for (let i = 0; i < 100; i++) {
      const v = big.next();
      expect(v).toBeGreaterThanOrEqual(0);
      expect(v).toBeLessThan(2 ** 40 + 5);
    }
  });
});
