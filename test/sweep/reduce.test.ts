import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { countPoints, gridPoints } from '../../src/sweep/points.js';
import { minBy, paretoFront } from '../../src/sweep/reduce.js';

describe('gridPoints', () => {
  it('yields the Cartesian product, last axis fastest', () => {
    expect([...gridPoints({ a: [1, 2], b: ['x', 'y', 'z'] })]).toEqual([
      { a: 1, b: 'x' }, { a: 1, b: 'y' }, { a: 1, b: 'z' },
      { a: 2, b: 'x' }, { a: 2, b: 'y' }, { a: 2, b: 'z' },
    ]);
    expect([...gridPoints({ a: [1], b: [] })]).toEqual([]);
    expect(countPoints({ a: [1, 2], b: [1, 2, 3] })).toBe(6);
  });
});

describe('paretoFront', () => {
  const obj = [(p: number[]) => p[0], (p: number[]) => p[1]];
  it('keeps exactly the non-dominated points', () => {
    const pts = [[1, 5], [2, 2], [5, 1], [3, 3], [2, 2], [6, 6]];
    expect(paretoFront(pts, obj)).toEqual([[1, 5], [2, 2], [5, 1]]);
  });

  it('no front point is dominated, and every other point is dominated or duplicates one', () => {
    const point = fc.tuple(fc.integer({ min: 0, max: 20 }), fc.integer({ min: 0, max: 20 }));
    fc.assert(
      fc.property(fc.array(point, { maxLength: 40 }), (pts) => {
        const front = paretoFront(pts, obj);
        const dom = (a: number[], b: number[]) => a[0] <= b[0] && a[1] <= b[1] && (a[0] < b[0] || a[1] < b[1]);
        for (const f of front) expect(pts.some((p) => dom(p, f))).toBe(false);
        for (const p of pts) expect(front.some((f) => dom(f, p) || (f[0] === p[0] && f[1] === p[1]))).toBe(true);
      }),
    );
  });
});

describe('minBy', () => {
  it('breaks ties with the tie-break', () => {
    const items = [{ e: 2, l: 9 }, { e: 1, l: 7 }, { e: 1, l: 3 }];
    expect(minBy(items, (x) => x.e, (x) => x.l)).toEqual({ e: 1, l: 3 });
    expect(minBy(items, (x) => x.e)).toEqual({ e: 1, l: 7 });
    expect(minBy([], (x: number) => x)).toBeUndefined();
  });
});
