// `scalesimBugs: fix` corrects SCALE-Sim's two report-arithmetic bugs and changes nothing else
// (scalesim.md §6.1, §6.2; worked example §3: GEMM 129³ on a 32×32 array, 64 KB SRAMs).
import { describe, expect, it } from 'vitest';
import { simulateLayer } from '../../../src/engines/systolic/simulate-layer.js';
import type { Dataflow, ScaleSimLayer, SystolicConfig } from '../../../src/engines/systolic/types.js';

const layer: ScaleSimLayer = { name: 'g', ifmapH: 129, ifmapW: 129, filterH: 1, filterW: 129, channels: 1, numFilters: 129, strideH: 1, strideW: 1 };
const config = (dataflow: Dataflow, scaleSimBugs: 'match' | 'fix'): SystolicConfig => ({
  rows: 32, cols: 32, ifmapSramBytes: 65536, filterSramBytes: 65536, ofmapSramBytes: 65536,
  ifmapOffset: 0, filterOffset: 10_000_000, ofmapOffset: 20_000_000, dataflow,
  bandwidthMode: 'CALC', userBandwidthWordsPerCycle: 0, wordBytes: 1, scaleSimBugs,
});

describe("scalesimBugs: 'fix'", () => {
  it('os: ofmap SRAM writes are M·N (SCALE-Sim adds R + C per fold)', () => {
    const matched = simulateLayer(layer, config('os', 'match'));
    const fixed = simulateLayer(layer, config('os', 'fix'));
    expect(matched.sramOfmapWrites).toBe(18241);
    expect(fixed.sramOfmapWrites).toBe(129 * 129);
    expect(fixed.totalCycles).toBe(matched.totalCycles);
    expect(fixed.dramOfmapWrites).toBe(matched.dramOfmapWrites);
  });

  it('ws/is: Compute Util divides by the real fold length 2R + C + T − 2', () => {
    for (const df of ['ws', 'is'] as const) {
      const matched = simulateLayer(layer, config(df, 'match'));
      const fixed = simulateLayer(layer, config(df, 'fix'));
      expect(matched.computeUtilPct).toBeCloseTo(33.01379490649606, 12);
      // MACs / (F · R · C · L) with F = 25 folds, L = 64 + 32 + 129 − 2 = 223.
      expect(fixed.computeUtilPct).toBeCloseTo((2146689 / (25 * 1024 * 223)) * 100, 10);
      expect(fixed.totalCycles).toBe(matched.totalCycles);
      expect(fixed.sramOfmapWrites).toBe(matched.sramOfmapWrites);
    }
  });
});
