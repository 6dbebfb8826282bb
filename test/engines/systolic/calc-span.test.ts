// calcSpan (untraced CALC runs) must give exactly the DRAM reads, start and stop that calcOutcome
// derives from the bursts it builds for traces: the span is then the same whether or not a run
// is traced, for any buffer, fill and boundary pattern.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { calcOutcome, calcSpan } from '../../../src/engines/systolic/memory/calc-read-buffer.js';
import { SETS_PER_BLOCK } from '../../../src/engines/systolic/memory/constants.js';

describe('calcSpan', () => {
  it('equals calcOutcome without its bursts', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 5000 }), // set size (words)
        fc.integer({ min: -50, max: 10_000 }), // first request cycle
        fc.array(fc.integer({ min: 0, max: 5000 }), { maxLength: 12 }), // gaps between boundaries
        fc.integer({ min: 0, max: 100_000 }), // words past the last boundary (or in all, without one)
        (setSize, firstCycle, gaps, extra) => {
          const boundaryCycles: number[] = [];
          let c = firstCycle;
          for (const g of gaps) boundaryCycles.push((c += g));
          const inserts = boundaryCycles.length * SETS_PER_BLOCK * setSize + extra;
          const full = calcOutcome(setSize, inserts, firstCycle, boundaryCycles);
          const span = calcSpan(setSize, inserts, firstCycle, boundaryCycles.length, boundaryCycles.at(-1) ?? -1);
          expect(span.bursts).toBeUndefined();
          expect({ ...span }).toEqual({ dramReads: full.dramReads, startCycle: full.startCycle, stopCycle: full.stopCycle });
        },
      ),
      { numRuns: 500 },
    );
  });
});
