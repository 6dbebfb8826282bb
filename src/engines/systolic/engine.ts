// The systolic engine as einsim runs it: each Einsum of the cascade becomes SCALE-Sim layers
// (map-cascade.ts), every layer is simulated exactly as SCALE-Sim v2 would (simulate-layer.ts),
// and layers run one after another as in SCALE-Sim, so cycles add up. Identical layers (ResNet's
// repeated blocks, the channels of a depthwise layer) are simulated once: the model is
// deterministic, so a repeat has the same counts.
import type { Arch } from '../../arch/types.js';
import type { Cascade } from '../../einsum/types.js';
import type { Engine, FitCheck, RunOptions } from '../engine.js';
import { mergeActions, mergeTraffic, zeroBreakdown, type EinsumResult, type EngineResult, type TraceArtifact } from '../result.js';
import { planEinsum, type EinsumPlan } from './map-cascade.js';
import { scaleSimReports } from './scalesim-reports.js';
import { simulateLayer } from './simulate-layer.js';
import { layerEinsumResult, layerTraces, systolicResult } from './simulate-layers.js';
import { components, configFromStructure, SystolicStructureSchema, type SystolicStructure } from './structure.js';
import type { LayerResult, ScaleSimLayer, SystolicConfig } from './types.js';

function layerKey(l: ScaleSimLayer): string {
  return `${l.ifmapH},${l.ifmapW},${l.filterH},${l.filterW},${l.channels},${l.numFilters},${l.strideH},${l.strideW}`;
}

/** Sum the per-layer results of one Einsum into one row. */
function sumResults(einsum: string, parts: EinsumResult[], note: string): EinsumResult {
  const breakdown = zeroBreakdown();
  for (const p of parts) for (const k of Object.keys(breakdown) as (keyof typeof breakdown)[]) breakdown[k] += p.breakdown[k];
  const first = parts[0];
  return {
    einsum,
    status: 'ok',
    note,
    unit: 'array',
    cycles: parts.reduce((s, p) => s + p.cycles, 0),
    stallCycles: parts.reduce((s, p) => s + p.stallCycles, 0),
    breakdown,
    busyUnitCycles: { pe: parts.reduce((s, p) => s + (p.busyUnitCycles.pe ?? 0), 0) },
    macs: parts.reduce((s, p) => s + p.macs, 0),
    actions: mergeActions(parts.map((p) => p.actions)),
    traffic: mergeTraffic(parts.map((p) => p.traffic)),
    details: { ...first.details, layers: parts.length },
  };
}

function unsupported(plan: Extract<EinsumPlan, { ok: false }>): EinsumResult {
  return { einsum: plan.einsum.id, status: 'unsupported', note: plan.reason, unit: '-', cycles: 0, stallCycles: 0, breakdown: zeroBreakdown(), busyUnitCycles: {}, macs: 0, actions: [], traffic: {}, details: {} };
}

export function simulateCascade(cascade: Cascade, arch: Arch<SystolicStructure>, options: RunOptions): EngineResult {
  const config: SystolicConfig = configFromStructure(arch.structure);
  const cache = new Map<string, LayerResult>();
  const run = (l: ScaleSimLayer): LayerResult => {
    // With tracing every layer keeps its own trace (its addresses depend only on the layer, so a
    // cached result would also do, but traces are rare and this keeps them obviously right).
    if (options.trace) return simulateLayer(l, config, { trace: true });
    const key = layerKey(l);
    let r = cache.get(key);
    if (!r) cache.set(key, (r = simulateLayer(l, config, { trace: false })));
    return { ...r, name: l.name };
  };

  const einsums: EinsumResult[] = [];
  const layerResults: LayerResult[] = [];
  for (const e of cascade.einsums) {
    const plan = planEinsum(cascade, e);
    if (!plan.ok) {
      einsums.push(unsupported(plan));
      continue;
    }
    const parts: EinsumResult[] = [];
    for (let i = 0; i < plan.repeat; i++) {
      for (const layer of plan.layers) {
        const r = run(plan.repeat > 1 ? { ...layer, name: `${layer.name}#${i}` } : layer);
        layerResults.push(r);
        parts.push(layerEinsumResult(r, config));
      }
    }
    einsums.push(parts.length === 1 ? { ...parts[0], einsum: e.id, note: `${plan.how}; ${parts[0].note}` } : sumResults(e.id, parts, `${plan.how}; ${parts.length} layers, ${parts[0].note}`));
  }

  const result: EngineResult = {
    ...systolicResult(einsums, config, arch.clockHz, { layers: layerResults.length, distinctLayersSimulated: options.trace ? layerResults.length : cache.size }),
    nativeReports: nativeReports(layerResults),
  };
  if (options.trace) Object.assign(result, layerTraces(layerResults, arch.clockHz, `systolic ${config.rows}×${config.cols} ${config.dataflow}`));
  return result;
}

function nativeReports(layers: LayerResult[]): TraceArtifact[] {
  let cached: ReturnType<typeof scaleSimReports> | undefined;
  const reports = (): ReturnType<typeof scaleSimReports> => (cached ??= scaleSimReports(layers));
  return (['COMPUTE_REPORT.csv', 'BANDWIDTH_REPORT.csv', 'DETAILED_ACCESS_REPORT.csv'] as const).map((path) => ({ path, lines: () => [reports()[path]] }));
}

function check(cascade: Cascade): FitCheck[] {
  return cascade.einsums.map((e) => {
    const plan = planEinsum(cascade, e);
    return plan.ok ? { einsum: e.id, ok: true, reason: plan.how } : { einsum: e.id, ok: false, reason: plan.reason };
  });
}

function explain(_cascade: Cascade, arch: Arch<SystolicStructure>, result: EngineResult): string[] {
  const s = arch.structure;
  const lines = [
    `A ${s.rows}×${s.cols} ${s.dataflow} systolic array (SCALE-Sim v2 model, ${s.dram.bandwidthMode} DRAM bandwidth).`,
    s.dataflow === 'os'
      ? 'Output stationary: each PE owns one output; ifmap rows stream from the left, filter columns from the top, the window (K) is the time axis.'
      : s.dataflow === 'ws'
        ? 'Weight stationary: a fold of filter weights is loaded into the array; ifmap windows stream through, one output pixel per cycle, partial sums flow down.'
        : 'Input stationary: a fold of ifmap windows is loaded into the array; filters stream through, partial sums flow down.',
    'Each layer is cut into row folds × column folds of the array; a fold takes (fill skew + time steps + drain skew) cycles, and folds run back to back.',
  ];
  for (const e of result.einsums) {
    if (e.status !== 'ok') lines.push(`  ${e.einsum}: not run — ${e.note}`);
    else lines.push(`  ${e.einsum}: ${e.note}; mapping efficiency ${Number(e.details.mappingEfficiencyPct).toFixed(1)} %, compute utilization ${Number(e.details.computeUtilPct).toFixed(1)} %${e.stallCycles > 0 ? `, ${e.stallCycles} stall cycles waiting for DRAM` : ''}`);
  }
  return lines;
}

export const systolicEngine: Engine<SystolicStructure> = {
  kind: 'systolic',
  summary: 'rows × cols systolic array, os / ws / is dataflows, exact against SCALE-Sim v2',
  schema: SystolicStructureSchema,
  components,
  check,
  simulate: simulateCascade,
  explain,
};
