// Shared by the golden tests and the benchmark: each row of ../shared/ref/scalesim/results.csv as
// (layer, config), the config read from inputs/configs/<config>.cfg with the row's dataflow.
import { parseScaleSimCfg } from '../../../src/arch/scalesim-cfg.js';
import type { LayerResult, ScaleSimLayer, SystolicConfig } from '../../../src/engines/systolic/types.js';
import { pyFloatStr } from '../../../src/engines/systolic/python-float.js';
import { readRef, readRefCsv } from '../../helpers/ref.js';

export interface GoldenRow {
  id: string;
  row: Record<string, string>;
  layer: ScaleSimLayer;
  config: SystolicConfig;
}

export function goldenRows(): GoldenRow[] {
  const cfgs = new Map<string, SystolicConfig>();
  return readRefCsv('scalesim', 'results.csv').map((row, i) => {
    let base = cfgs.get(row.config);
    if (!base) {
      const file = `inputs/configs/${row.config}.cfg`;
      base = parseScaleSimCfg(readRef('scalesim', 'inputs', 'configs', `${row.config}.cfg`), file).config;
      cfgs.set(row.config, base);
    }
    const config: SystolicConfig = { ...base, dataflow: row.dataflow as SystolicConfig['dataflow'] };
    const num = (k: string): number => Number(row[k]);
    const layer: ScaleSimLayer = {
      name: row.layer_name,
      ifmapH: num('ifmap_h'),
      ifmapW: num('ifmap_w'),
      filterH: num('filter_h'),
      filterW: num('filter_w'),
      channels: num('channels'),
      numFilters: num('num_filters'),
      strideH: num('stride_h'),
      strideW: num('stride_w'),
    };
    return { id: `${i}: ${row.config} ${row.dataflow} ${row.topology} ${row.layer_name}`, row, layer, config };
  });
}

/** The reference columns and einsim's values formatted as SCALE-Sim prints them (ints, Python floats). */
export function goldenCells(r: LayerResult): Record<string, string> {
  const i = (n: number): string => String(n);
  const f = pyFloatStr;
  return {
    total_cycles: i(r.totalCycles),
    stall_cycles: i(r.stallCycles),
    overall_util_pct: f(r.overallUtilPct),
    mapping_eff_pct: f(r.mappingEfficiencyPct),
    compute_util_pct: f(r.computeUtilPct),
    sram_ifmap_reads: i(r.sramIfmapReads),
    sram_filter_reads: i(r.sramFilterReads),
    sram_ofmap_writes: i(r.sramOfmapWrites),
    dram_ifmap_reads: i(r.dramIfmapReads),
    dram_filter_reads: i(r.dramFilterReads),
    dram_ofmap_writes: i(r.dramOfmapWrites),
    avg_ifmap_sram_bw: f(r.avgIfmapSramBw),
    avg_filter_sram_bw: f(r.avgFilterSramBw),
    avg_ofmap_sram_bw: f(r.avgOfmapSramBw),
    avg_ifmap_dram_bw: f(r.avgIfmapDramBw),
    avg_filter_dram_bw: f(r.avgFilterDramBw),
    avg_ofmap_dram_bw: f(r.avgOfmapDramBw),
    sram_ifmap_start: f(r.sramIfmap.startCycle),
    sram_ifmap_stop: f(r.sramIfmap.stopCycle),
    sram_filter_start: f(r.sramFilter.startCycle),
    sram_filter_stop: f(r.sramFilter.stopCycle),
    sram_ofmap_start: f(r.sramOfmap.startCycle),
    sram_ofmap_stop: f(r.sramOfmap.stopCycle),
    dram_ifmap_start: f(r.dramIfmap.startCycle),
    dram_ifmap_stop: f(r.dramIfmap.stopCycle),
    dram_filter_start: f(r.dramFilter.startCycle),
    dram_filter_stop: f(r.dramFilter.stopCycle),
    dram_ofmap_start: f(r.dramOfmap.startCycle),
    dram_ofmap_stop: f(r.dramOfmap.stopCycle),
  };
}
