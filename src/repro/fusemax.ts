// `einsim repro fusemax`: the FuseMax paper's evaluation rerun on einsim's spatial engine — four
// models × six sequence lengths × five design points (Unfused, FLAT, +Cascade, +Architecture,
// FuseMax), for attention alone and for a whole layer — beside the artifact's published numbers
// when ../shared/ref is present. Every number comes from simulating an architecture file and a
// workload file; nothing here looks up a result or knows a design beyond its files.
import { join } from 'node:path';
import { loadArch } from '../arch/load.js';
import type { Arch } from '../arch/types.js';
import { priceActions } from '../cost/energy.js';
import { loadWorkload } from '../einsum/load.js';
import type { Cascade } from '../einsum/types.js';
import { spatialEngine } from '../engines/spatial/index.js';
import { mergeActions, type EinsumResult } from '../engines/result.js';
import type { SpatialStructure } from '../engines/spatial/structure.js';
import { readReference, referenceDir, refKey, type RefPoint } from './fusemax-reference.js';
import { FUSEMAX_DESIGNS, FUSEMAX_MODELS, FUSEMAX_SEQ_LENS, workloadFile, type Design, type DesignId, type Scope } from './fusemax-setup.js';

export interface ReproRow {
  model: string;
  seqLen: string;
  seq: number;
  design: DesignId;
  label: string;
  scope: Scope;
  latencyS: number;
  energyPj: number;
  util2d: number;
  util1d: number;
  dramBytes: number;
  speedupVsUnfused: number;
  speedupVsFlat: number;
  energyVsFlat: number;
  /** The artifact's numbers for this point, when the reference is available. */
  ref?: RefPoint & { speedupVsUnfused: number; speedupVsFlat: number; energyVsFlat: number };
  /** (einsim − reference) / reference. */
  relErr?: { latency: number; energy: number };
}

export interface SummaryLine {
  metric: string;
  einsim: number;
  ref?: number;
}

export interface ReproResult {
  rows: ReproRow[];
  summary: SummaryLine[];
  reference: { available: boolean; dir: string };
}

export interface ReproOptions {
  /** The package root (arch/ and workloads/ live there). */
  root: string;
  refDir?: string;
  models?: string[];
  seqLens?: string[];
  scopes?: Scope[];
}

const registry = { spatial: spatialEngine };

export function reproFusemax(options: ReproOptions): ReproResult {
  const models = options.models ?? Object.keys(FUSEMAX_MODELS);
  const seqLens = options.seqLens ?? Object.keys(FUSEMAX_SEQ_LENS);
  const scopes = options.scopes ?? ['attention', 'end2end'];
  const dir = referenceDir(options.root, options.refDir);
  const reference = readReference(dir);
  const archs = new Map<DesignId, Arch<SpatialStructure>>(FUSEMAX_DESIGNS.map((d) => [d.id, loadArch(join(options.root, d.arch), { registry }) as Arch<SpatialStructure>]));

  // One simulation per point and design, of the whole layer: the attention rows are its
  // `kernel: attention` (inputs Q, K, V from DRAM, output AV to DRAM — the same as the attention
  // workload files, test/repro/fusemax.test.ts checks it), the end-to-end rows the whole layer.
  const rows: ReproRow[] = [];
  const results = new Map<string, Record<Scope, Measured>>();
  for (const model of models) {
    const dims = FUSEMAX_MODELS[model];
    for (const seqLen of seqLens) {
      const seq = FUSEMAX_SEQ_LENS[seqLen];
      const layers = { '1pass': loadWorkload(join(options.root, workloadFile('end2end', '1pass')), { ...dims, seq }), '3pass': loadWorkload(join(options.root, workloadFile('end2end', '3pass')), { ...dims, seq }) };
      for (const d of FUSEMAX_DESIGNS) results.set(`${model}|${seqLen}|${d.id}`, measure(layers[d.cascade], archs.get(d.id)!));
    }
  }
  for (const scope of scopes) {
    for (const model of models) {
      for (const seqLen of seqLens) {
        const at = (id: DesignId): Measured => results.get(`${model}|${seqLen}|${id}`)![scope];
        const unfused = at('unfused');
        const flat = at('flat');
        const refOf = (d: Design) => reference?.points.get(refKey(scope, model, seqLen, d.refLabel));
        const refUnfused = refOf(FUSEMAX_DESIGNS.find((d) => d.id === 'unfused')!);
        const refFlat = refOf(FUSEMAX_DESIGNS.find((d) => d.id === 'flat')!);
        for (const d of FUSEMAX_DESIGNS) {
          const p = at(d.id);
          const row: ReproRow = {
            model,
            seqLen,
            seq: FUSEMAX_SEQ_LENS[seqLen],
            design: d.id,
            label: d.label,
            scope,
            ...p,
            speedupVsUnfused: unfused.latencyS / p.latencyS,
            speedupVsFlat: flat.latencyS / p.latencyS,
            energyVsFlat: p.energyPj / flat.energyPj,
          };
          const ref = refOf(d);
          if (ref && refUnfused && refFlat) {
            row.ref = { ...ref, speedupVsUnfused: refUnfused.latencyS / ref.latencyS, speedupVsFlat: refFlat.latencyS / ref.latencyS, energyVsFlat: ref.energyPj / refFlat.energyPj };
            row.relErr = { latency: p.latencyS / ref.latencyS - 1, energy: p.energyPj / ref.energyPj - 1 };
          }
          rows.push(row);
        }
      }
    }
  }
  return { rows, summary: summarize(rows), reference: { available: reference !== null, dir } };
}

export interface Measured {
  latencyS: number;
  energyPj: number;
  util2d: number;
  util1d: number;
  dramBytes: number;
}

/** The layer's numbers, and those of its `kernel: attention` alone. */
export function measure(cascade: Cascade, arch: Arch<SpatialStructure>): Record<Scope, Measured> {
  const r = spatialEngine.simulate(cascade, arch, { trace: false });
  const kernels = Number(r.details.kernels);
  const attention = [...Array(kernels).keys()].filter((i) => r.details[`kernel.${i}.label`] === 'attention');
  const of = (einsums: EinsumResult[], cycles: number): Measured => {
    const busy = (unit: string) => einsums.reduce((a, e) => a + (e.busyUnitCycles[unit] ?? 0), 0) / (r.units[unit] * cycles);
    const dram = einsums.reduce((a, e) => a + (e.traffic.dram ? e.traffic.dram.readBytes + e.traffic.dram.writeBytes : 0), 0);
    return { latencyS: cycles / r.clockHz, energyPj: priceActions(mergeActions(einsums.map((e) => e.actions)), arch).totalPj, util2d: busy('2d'), util1d: busy('1d'), dramBytes: dram };
  };
  const inAttention = r.einsums.filter((e) => attention.includes(Number(e.details.kernel)));
  const attentionCycles = attention.reduce((a, i) => a + Number(r.details[`kernel.${i}.cycles`]), 0);
  return { end2end: of(r.einsums, r.cycles), attention: of(inAttention, attentionCycles) };
}

const mean = (xs: number[]): number => xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length);

/** Arithmetic means over the model × length points, as the paper's headline numbers are. */
export function summarize(rows: ReproRow[]): SummaryLine[] {
  const lines: SummaryLine[] = [];
  const pick = (scope: Scope, design: DesignId) => rows.filter((r) => r.scope === scope && r.design === design);
  const line = (metric: string, sel: ReproRow[], f: (r: ReproRow) => number, g?: (r: NonNullable<ReproRow['ref']>) => number | undefined): void => {
    if (sel.length === 0) return;
    const refs = g ? sel.map((r) => (r.ref ? g(r.ref) : undefined)) : [];
    const ref = refs.length > 0 && refs.every((x): x is number => x !== undefined) ? mean(refs) : undefined;
    lines.push({ metric, einsim: mean(sel.map(f)), ...(ref !== undefined ? { ref } : {}) });
  };
  for (const d of FUSEMAX_DESIGNS) {
    line(`attention mean 2-D utilization, ${d.label}`, pick('attention', d.id), (r) => r.util2d, (r) => r.util2d);
    line(`attention mean 1-D utilization, ${d.label}`, pick('attention', d.id), (r) => r.util1d, (r) => r.util1d);
  }
  for (const d of FUSEMAX_DESIGNS) line(`attention mean speedup over Unfused, ${d.label}`, pick('attention', d.id), (r) => r.speedupVsUnfused, (r) => r.speedupVsUnfused);
  for (const scope of ['attention', 'end2end'] as const) {
    line(`${scope} mean speedup FuseMax / FLAT`, pick(scope, 'fusemax'), (r) => r.speedupVsFlat, (r) => r.speedupVsFlat);
    line(`${scope} mean energy FuseMax / FLAT`, pick(scope, 'fusemax'), (r) => r.energyVsFlat, (r) => r.energyVsFlat);
  }
  return lines;
}
