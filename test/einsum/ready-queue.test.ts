import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ReadyQueue } from '../../src/einsum/ready-queue.js';

/** The scan Kahn's algorithm used before the heap: first smallest priority in arrival order. */
function scanOrder(ops: (number | 'pop')[]): string[] {
  const ready: { node: string; priority: number }[] = [];
  const out: string[] = [];
  ops.forEach((op, i) => {
    if (op !== 'pop') ready.push({ node: `n${i}`, priority: op });
    else if (ready.length > 0) {
      let best = 0;
      for (let j = 1; j < ready.length; j++) if (ready[j].priority < ready[best].priority) best = j;
      out.push(ready.splice(best, 1)[0].node);
    }
  });
  return out;
}

describe('ReadyQueue', () => {
  it('pops by priority, ties in arrival order', () => {
    const priorities: Record<string, number> = { a: 2, b: -1, c: 2, d: -1, e: Infinity, f: 0 };
    const q = new ReadyQueue((n) => priorities[n]);
    for (const n of Object.keys(priorities)) q.push(n);
    const out: string[] = [];
    while (q.size > 0) out.push(q.pop());
    expect(out).toEqual(['b', 'd', 'f', 'a', 'c', 'e']);
  });

  it('gives the same order as scanning the ready list, for any pushes and pops', () => {
    const op = fc.oneof(fc.constant('pop' as const), fc.constantFrom(-1, 0, 1, 2, 3, Infinity));
    fc.assert(
      fc.property(fc.array(op, { maxLength: 80 }), (ops) => {
        const priorities = new Map<string, number>();
        const q = new ReadyQueue((n) => priorities.get(n) as number);
        const out: string[] = [];
        ops.forEach((o, i) => {
          if (o !== 'pop') {
            priorities.set(`n${i}`, o);
            q.push(`n${i}`);
          } else if (q.size > 0) out.push(q.pop());
        });
        expect(out).toEqual(scanOrder(ops));
      }),
      { numRuns: 300 },
    );
  });
});
