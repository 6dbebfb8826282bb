// The CALC ifmap of an os / ws conv whose windows overlap is computed from one pass of the stream
// (memory/calc-read-passes.ts) unless tracing, which walks every request through the buffer. The
// two must agree on every number, for buffers from a few sets (a block boundary in most folds, block
// starts that recur after several passes) to a whole ifmap (a block that never closes).
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { simulateLayer } from '../../../src/engines/systolic/simulate-layer.js';
import type { LayerResult, SystolicConfig } from '../../../src/engines/systolic/types.js';

const overlappingConv = fc
  .record({ h: fc.integer({ min: 3, max: 16 }), w: fc.integer({ min: 3, max: 16 }), f: fc.integer({ min: 2, max: 3 }), ch: fc.integer({ min: 1, max: 5 }), n: fc.integer({ min: 2, max: 30 }), s: fc.integer({ min: 1, max: 2 }) })
  .filter((r) => r.f > r.s)
  .map((r) => ({ name: 'L', ifmapH: r.h, ifmapW: r.w, filterH: r.f, filterW: r.f, channels: r.ch, numFilters: r.n, strideH: r.s, strideW: r.s }));

const streamingConfig = fc
  .record({ rows: fc.integer({ min: 1, max: 6 }), cols: fc.integer({ min: 1, max: 6 }), ifmapBytes: fc.integer({ min: 100, max: 4000 }), dataflow: fc.constantFrom<'os' | 'ws'>('os', 'ws') })
  .map(
    (r): SystolicConfig => ({
      rows: r.rows, cols: r.cols,
      ifmapSramBytes: r.ifmapBytes, filterSramBytes: 4096, ofmapSramBytes: 4096,
      ifmapOffset: 0, filterOffset: 10_000_000, ofmapOffset: 20_000_000,
      dataflow: r.dataflow, bandwidthMode: 'CALC', userBandwidthWordsPerCycle: 10, wordBytes: 1,
    }),
  );

const ifmapDram = (r: LayerResult): number[] => [r.dramIfmapReads, r.dramIfmap.startCycle, r.dramIfmap.stopCycle, r.avgIfmapDramBw];

describe('CALC ifmap passes computed from one pass', () => {
  it('match walking every request (tracing)', () => {
    fc.assert(
      fc.property(overlappingConv, streamingConfig, (layer, config) => {
        fc.pre(config.rows * config.cols > 1 && layer.numFilters > config.cols);
        const fast = simulateLayer(layer, config, { trace: false });
        const walked = simulateLayer(layer, config, { trace: true });
        expect(fast.colFolds).toBeGreaterThan(1);
        expect(ifmapDram(fast)).toEqual(ifmapDram(walked));
      }),
      { numRuns: 150 },
    );
  });

  it('agree on a stream that crosses many block boundaries and one whose block never closes', () => {
    const layer = { name: 'L', ifmapH: 12, ifmapW: 12, filterH: 3, filterW: 3, channels: 4, numFilters: 40, strideH: 1, strideW: 1 };
    for (const ifmapSramBytes of [100, 300, 1000, 65536]) {
      for (const dataflow of ['os', 'ws'] as const) {
        const config: SystolicConfig = { rows: 4, cols: 3, ifmapSramBytes, filterSramBytes: 4096, ofmapSramBytes: 4096, ifmapOffset: 0, filterOffset: 10_000_000, ofmapOffset: 20_000_000, dataflow, bandwidthMode: 'CALC', userBandwidthWordsPerCycle: 10, wordBytes: 1 };
        const fast = simulateLayer(layer, config, { trace: false });
        expect(ifmapDram(fast)).toEqual(ifmapDram(simulateLayer(layer, config, { trace: true })));
      }
    }
  });
});
