// The engine-facing result of running layers one after another on one array (SCALE-Sim runs the
// layers of a topology sequentially, so cycles add up). Counts only: the cost model prices them.
import type { ActionCount, EinsumResult, EngineResult, TraceArtifact, TraceEvent, Traffic } from '../result.js';
import { mergeActions, mergeTraffic, zeroBreakdown } from '../result.js';
import { simulateLayer } from './simulate-layer.js';
import type { LayerResult, ScaleSimLayer, SystolicConfig } from './types.js';

export interface SimulateLayersOptions {
  trace: boolean;
  /** The array clock (from the arch file): only converts cycles to seconds and trace timestamps. */
  clockHz: number;
}

/** Action counts of one layer, with the component names of structure.ts `components`. */
export function layerActions(r: LayerResult, wordBytes: number): ActionCount[] {
  return [
    { component: 'pe', action: 'mac', count: r.macs },
    { component: 'ifmap_sram', action: 'read', count: r.sramIfmapReads },
    { component: 'filter_sram', action: 'read', count: r.sramFilterReads },
    { component: 'ofmap_sram', action: 'write', count: r.sramOfmapWrites },
    { component: 'dram', action: 'read_bytes', count: (r.dramIfmapReads + r.dramFilterReads) * wordBytes },
    { component: 'dram', action: 'write_bytes', count: r.dramOfmapWrites * wordBytes },
  ];
}

/**
 * Bytes per memory level. An SRAM is read by the array and written by its DRAM fills (the ofmap
 * SRAM the other way round); DRAM sees the fills and the drains.
 */
export function layerTraffic(r: LayerResult, wordBytes: number): Record<string, Traffic> {
  const b = (words: number): number => words * wordBytes;
  return {
    ifmap_sram: { readBytes: b(r.sramIfmapReads), writeBytes: b(r.dramIfmapReads) },
    filter_sram: { readBytes: b(r.sramFilterReads), writeBytes: b(r.dramFilterReads) },
    ofmap_sram: { readBytes: b(r.dramOfmapWrites), writeBytes: b(r.sramOfmapWrites) },
    dram: { readBytes: b(r.dramIfmapReads + r.dramFilterReads), writeBytes: b(r.dramOfmapWrites) },
  };
}

export function layerEinsumResult(r: LayerResult, config: SystolicConfig): EinsumResult {
  return {
    einsum: r.name,
    status: 'ok',
    note: `${r.dataflow}: ${r.rowFolds}×${r.colFolds} folds of ${config.rows}×${config.cols}, ${r.foldRows} rows each`,
    unit: 'array',
    cycles: r.totalCycles,
    stallCycles: r.stallCycles,
    breakdown: { ...r.breakdown },
    busyUnitCycles: { pe: r.macs },
    macs: r.macs,
    actions: layerActions(r, config.wordBytes),
    traffic: layerTraffic(r, config.wordBytes),
    details: {
      dataflow: r.dataflow,
      rowFolds: r.rowFolds,
      colFolds: r.colFolds,
      folds: r.rowFolds * r.colFolds,
      foldRows: r.foldRows,
      mappingEfficiencyPct: r.mappingEfficiencyPct,
      computeUtilPct: r.computeUtilPct,
      overallUtilPct: r.overallUtilPct,
      dramIfmapReadWords: r.dramIfmapReads,
      dramFilterReadWords: r.dramFilterReads,
      dramOfmapWriteWords: r.dramOfmapWrites,
    },
  };
}

export function simulateLayers(layers: ScaleSimLayer[], config: SystolicConfig, opts: SimulateLayersOptions): EngineResult & { layers: LayerResult[] } {
  const results = layers.map((l) => simulateLayer(l, config, { trace: opts.trace }));
  const out = { ...systolicResult(results.map((r) => layerEinsumResult(r, config)), config, opts.clockHz, { layers: layers.length }), layers: results };
  if (opts.trace) Object.assign(out, layerTraces(results, opts.clockHz, 'systolic array'));
  return out;
}

/** Layers run one after another: the run's totals are sums over the Einsums that ran. */
export function systolicResult(einsums: EinsumResult[], config: SystolicConfig, clockHz: number, details: Record<string, number | string>): EngineResult {
  const ok = einsums.filter((e) => e.status === 'ok');
  const breakdown = zeroBreakdown();
  for (const e of ok) for (const k of Object.keys(breakdown) as (keyof typeof breakdown)[]) breakdown[k] += e.breakdown[k];
  return {
    engine: 'systolic',
    clockHz,
    units: { pe: config.rows * config.cols },
    cycles: ok.reduce((s, e) => s + e.cycles, 0),
    stallCycles: ok.reduce((s, e) => s + e.stallCycles, 0),
    breakdown,
    einsums,
    actions: mergeActions(ok.map((e) => e.actions)),
    traffic: mergeTraffic(ok.map((e) => e.traffic)),
    details: { dataflow: config.dataflow, rows: config.rows, cols: config.cols, bandwidthMode: config.bandwidthMode, ...details },
  };
}

/** The Perfetto timeline and trace files of layers run back to back (layers without a trace are skipped). */
export function layerTraces(results: LayerResult[], clockHz: number, processName: string): { timeline: TraceEvent[]; artifacts: TraceArtifact[] } {
  const timeline: TraceEvent[] = [{ name: 'process_name', ph: 'M', ts: 0, pid: 1, tid: 0, args: { name: processName } }];
  const artifacts: TraceArtifact[] = [];
  let start = 0;
  results.forEach((r, i) => {
    if (r.trace) {
      // A long layer can have more events than a spread call takes arguments: append one by one.
      for (const e of r.trace.events(start, clockHz, 1)) timeline.push(e);
      for (const a of r.trace.artifacts(i)) artifacts.push(a);
    }
    start += r.totalCycles;
  });
  return { timeline, artifacts };
}
