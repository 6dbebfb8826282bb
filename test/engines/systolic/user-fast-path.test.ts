// USER mode takes a fold in one step when both operand tiles sit inside their buffers' active
// windows and the write buffer absorbs the fold (simulate-layer.ts runUser); traced runs walk
// every row. Small buffers make the windows move every few folds, so both paths alternate: the
// numbers must be the same as walking every row.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { simulateLayer } from '../../../src/engines/systolic/simulate-layer.js';
import type { Dataflow, ScaleSimLayer, SystolicConfig } from '../../../src/engines/systolic/types.js';

const layerArb: fc.Arbitrary<ScaleSimLayer> = fc
  .record({ h: fc.integer({ min: 1, max: 12 }), w: fc.integer({ min: 1, max: 12 }), f: fc.integer({ min: 1, max: 3 }), ch: fc.integer({ min: 1, max: 8 }), n: fc.integer({ min: 1, max: 40 }), s: fc.integer({ min: 1, max: 2 }) })
  .map((r) => ({ name: 'L', ifmapH: r.h, ifmapW: r.w, filterH: Math.min(r.f, r.h), filterW: Math.min(r.f, r.w), channels: r.ch, numFilters: r.n, strideH: r.s, strideW: r.s }));

const smallBuffers: fc.Arbitrary<SystolicConfig> = fc
  .record({
    rows: fc.integer({ min: 1, max: 6 }),
    cols: fc.integer({ min: 1, max: 6 }),
    bytes: fc.tuple(fc.integer({ min: 100, max: 800 }), fc.integer({ min: 100, max: 800 }), fc.integer({ min: 100, max: 800 })),
    dataflow: fc.constantFrom<Dataflow>('os', 'ws', 'is'),
    bw: fc.integer({ min: 1, max: 12 }),
  })
  .map((r) => ({
    rows: r.rows, cols: r.cols,
    ifmapSramBytes: r.bytes[0], filterSramBytes: r.bytes[1], ofmapSramBytes: r.bytes[2],
    ifmapOffset: 0, filterOffset: 10_000_000, ofmapOffset: 20_000_000,
    dataflow: r.dataflow, bandwidthMode: 'USER', userBandwidthWordsPerCycle: r.bw, wordBytes: 1,
  }));

describe('USER mode fold skipping', () => {
  it('gives every number of walking each row, with buffers small enough to move their windows', () => {
    fc.assert(
      fc.property(layerArb, smallBuffers, (layer, config) => {
        fc.pre(config.rows * config.cols > 1);
        const fast = simulateLayer(layer, config, { trace: false });
        const { trace, ...walked } = simulateLayer(layer, config, { trace: true });
        expect(trace).toBeDefined();
        expect({ ...fast, trace: undefined }).toEqual({ ...walked, trace: undefined });
      }),
      { numRuns: 300 },
    );
  });
});
