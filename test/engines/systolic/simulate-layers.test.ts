import { describe, expect, it } from 'vitest';
import { simulateLayer } from '../../../src/engines/systolic/simulate-layer.js';
import { simulateLayers } from '../../../src/engines/systolic/simulate-layers.js';
import { SystolicStructureSchema, components, configFromStructure } from '../../../src/engines/systolic/structure.js';
import type { ScaleSimLayer } from '../../../src/engines/systolic/types.js';

const structure = SystolicStructureSchema.parse({
  rows: 4,
  cols: 6,
  dataflow: 'ws',
  ifmapSram: { sizeBytes: 2048 },
  filterSram: { sizeBytes: 1024 },
  ofmapSram: { sizeBytes: 1024 },
  dram: { bandwidthMode: 'USER', bandwidthWordsPerCycle: 2 },
});
const config = configFromStructure(structure);
const gemm = (name: string, m: number, n: number, k: number): ScaleSimLayer => ({ name, ifmapH: m, ifmapW: k, filterH: 1, filterW: k, channels: 1, numFilters: n, strideH: 1, strideW: 1 });
const conv: ScaleSimLayer = { name: 'conv', ifmapH: 9, ifmapW: 8, filterH: 3, filterW: 3, channels: 3, numFilters: 10, strideH: 2, strideW: 1 };
const layers = [gemm('g1', 20, 9, 13), conv];

describe('systolic structure', () => {
  it('fills SCALE-Sim defaults and maps onto a SystolicConfig', () => {
    expect(config).toEqual({
      rows: 4, cols: 6, ifmapSramBytes: 2048, filterSramBytes: 1024, ofmapSramBytes: 1024,
      ifmapOffset: 0, filterOffset: 10_000_000, ofmapOffset: 20_000_000, dataflow: 'ws',
      bandwidthMode: 'USER', userBandwidthWordsPerCycle: 2, wordBytes: 1, scaleSimBugs: 'match',
    });
  });

  it('is strict and needs a USER bandwidth', () => {
    const base = { rows: 4, cols: 4, dataflow: 'os', ifmapSram: { sizeBytes: 1024 }, filterSram: { sizeBytes: 1024 }, ofmapSram: { sizeBytes: 1024 }, dram: { bandwidthMode: 'CALC' } };
    expect(SystolicStructureSchema.safeParse(base).success).toBe(true);
    expect(SystolicStructureSchema.safeParse({ ...base, size: 3 }).success).toBe(false);
    expect(SystolicStructureSchema.safeParse({ ...base, ifmapSram: { sizeKb: 1 } }).success).toBe(false);
    const user = SystolicStructureSchema.safeParse({ ...base, dram: { bandwidthMode: 'USER' } });
    expect(user.success).toBe(false);
    expect(user.error?.issues[0].path).toEqual(['dram', 'bandwidthWordsPerCycle']);
  });

  it('lists the priced components: int8 MACs, SRAMs priced per one-word access, DRAM by standard', () => {
    expect(components(structure)).toEqual([
      { name: 'pe', class: 'mac', instances: 24, attributes: { precision: 'int8' } },
      { name: 'ifmap_sram', class: 'sram', instances: 1, attributes: { sizeBytes: 2048, widthBits: 8 } },
      { name: 'filter_sram', class: 'sram', instances: 1, attributes: { sizeBytes: 1024, widthBits: 8 } },
      { name: 'ofmap_sram', class: 'sram', instances: 1, attributes: { sizeBytes: 1024, widthBits: 8 } },
      { name: 'dram', class: 'dram', instances: 1, attributes: { standard: 'LPDDR4', bandwidthMode: 'USER', bandwidthWordsPerCycle: 2 } },
    ]);
  });
});

describe('simulateLayers', () => {
  const result = simulateLayers(layers, config, { trace: false, clockHz: 1e9 });
  const single = layers.map((l) => simulateLayer(l, config, { trace: false }));

  it('runs layers one after another: cycles and stalls add up', () => {
    expect(result.einsums.map((e) => e.cycles)).toEqual(single.map((r) => r.totalCycles));
    expect(result.cycles).toBe(single[0].totalCycles + single[1].totalCycles);
    expect(result.stallCycles).toBe(single[0].stallCycles + single[1].stallCycles);
    expect(result.units).toEqual({ pe: 24 });
  });

  it("busy PE cycles make utilization equal SCALE-Sim's overall util", () => {
    result.einsums.forEach((e, i) => {
      expect((e.busyUnitCycles.pe * 100) / (24 * e.cycles)).toBe(single[i].overallUtilPct);
    });
  });

  it('counts the six priced actions per layer and in total', () => {
    const r = single[1];
    expect(result.einsums[1].actions).toEqual([
      { component: 'pe', action: 'mac', count: r.macs },
      { component: 'ifmap_sram', action: 'read', count: r.sramIfmapReads },
      { component: 'filter_sram', action: 'read', count: r.sramFilterReads },
      { component: 'ofmap_sram', action: 'write', count: r.sramOfmapWrites },
      { component: 'dram', action: 'read_bytes', count: r.dramIfmapReads + r.dramFilterReads },
      { component: 'dram', action: 'write_bytes', count: r.dramOfmapWrites },
    ]);
    const macs = result.actions.find((a) => a.component === 'pe')!.count;
    expect(macs).toBe(single[0].macs + single[1].macs);
    expect(result.traffic.dram.writeBytes).toBe(single[0].dramOfmapWrites + single[1].dramOfmapWrites);
    const names = new Set(components(structure).map((c) => c.name));
    for (const a of result.actions) expect(names.has(a.component)).toBe(true);
  });

  it('traces: one artifact set per layer and a timeline, numbers unchanged', () => {
    const traced = simulateLayers(layers, config, { trace: true, clockHz: 1e9 });
    expect(traced.cycles).toBe(result.cycles);
    expect(traced.einsums).toEqual(result.einsums);
    expect(traced.artifacts?.map((a) => a.path)).toEqual(
      [0, 1].flatMap((i) => ['IFMAP_SRAM', 'FILTER_SRAM', 'OFMAP_SRAM', 'IFMAP_DRAM', 'FILTER_DRAM', 'OFMAP_DRAM'].map((f) => `layer${i}/${f}_TRACE.csv`)),
    );
    const layerEvents = traced.timeline!.filter((e) => e.cat === 'layer');
    expect(layerEvents.map((e) => e.name)).toEqual(['g1', 'conv']);
    expect(layerEvents[1].ts).toBeCloseTo((single[0].totalCycles / 1e9) * 1e6, 9);
  });
});
