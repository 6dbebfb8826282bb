// `einsim repro pim-gpt`: PIM-GPT's eight GPT models (GPT-2 small … XL, GPT-3 small … XL), one
// decode step at a KV length of 1024, on arch/pim-gpt.yaml (workloads/pim/gpt-decode.yaml), with
// the overlapped host schedule and, beside it, the sequential one. Per model: latency against the
// bandwidth bound (weights ÷ the banks' internal bandwidth, from the run's own MAC counts; the
// reference's derived bound, ../shared/ref/pim/pimgpt_models_derived.csv, beside it when there),
// the KV-cache term, row-hit rate, non-GEMV share, energy and the GPU roofline speedups.
// PIM-GPT publishes no per-model latency, so there is nothing further to compare against:
// docs/validation.md (PIM) discusses the numbers.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { loadArch } from '../arch/load.js';
import type { Arch } from '../arch/types.js';
import { loadWorkload } from '../einsum/load.js';
import { PRECISION_BYTES } from '../einsum/types.js';
import { machineOf } from '../engines/pim/machine.js';
import type { PimStructure } from '../engines/pim/structure.js';
import { simulate } from '../simulate.js';
import { readCsv, referenceDir } from './fusemax-reference.js';

/**
 * The eight models (reference pim.md §1: "8 GPT2/GPT3 models up to 1.4B", most likely GPT-2
 * S/M/L/XL and GPT-3 S/M/L/XL; dimensions as ../shared/ref/pim/pimgpt_models_derived.csv, GPT-3
 * XL with the paper's d_head 128, i.e. 16 heads: docs/pim.md).
 */
export const PIMGPT_MODELS: Readonly<Record<string, { layers: number; D: number; H: number; E: number }>> = {
  'GPT2-small': { layers: 12, D: 768, H: 12, E: 64 },
  'GPT2-medium': { layers: 24, D: 1024, H: 16, E: 64 },
  'GPT2-large': { layers: 36, D: 1280, H: 20, E: 64 },
  'GPT2-XL': { layers: 48, D: 1600, H: 25, E: 64 },
  'GPT3-small': { layers: 12, D: 768, H: 12, E: 64 },
  'GPT3-medium': { layers: 24, D: 1024, H: 16, E: 64 },
  'GPT3-large': { layers: 24, D: 1536, H: 16, E: 96 },
  'GPT3-XL': { layers: 24, D: 2048, H: 16, E: 128 },
};

/** The KV length of the study (PIM-GPT's evaluation point as the issue states it). */
export const PIMGPT_KV_LENGTH = 1024;

/** Einsums of gpt-decode.yaml that stream a KV cache (the rest of the bank GEMVs stream weights). */
const KV_EINSUMS = new Set(['S', 'A']);

export interface PimGptRow {
  model: string;
  latencyUs: number;
  sequentialLatencyUs: number;
  /** Weight bytes read per token ÷ internal bandwidth (the run's MACs of weight GEMVs). */
  boundUs: number;
  /** The reference CSV's derived bound with the LM head, when available. */
  refBoundUs?: number;
  /** KV-cache bytes read per token ÷ internal bandwidth. */
  kvUs: number;
  /** latency ÷ (bound + KV). */
  ratio: number;
  rowHitRate: number;
  nonGemvShare: number;
  sequentialNonGemvShare: number;
  hostBusyUs: number;
  energyUjPerToken: number;
  tokensPerSecond: number;
  /** Speedup over each roofline GPU of the architecture's baselines. */
  speedupOverRoofline: Record<string, number>;
}

export interface PimGptResult {
  rows: PimGptRow[];
  kvLength: number;
  internalBytesPerSecond: number;
  /**
   * What one DRAM row of weights costs over its MAC time when every bank works in lock-step:
   * (ACT→first MAC + the MACs one nCCDAB apart + last MAC→PRE + PRE→ACT) ÷ the MAC time. No
   * schedule of all-bank commands can beat it; the latency ÷ (bound + KV) floor before refresh.
   */
  rowSwitchFactor: number;
  reference: { available: boolean; dir: string };
}

export function reproPimGpt(options: { root: string; refDir?: string; models?: string[]; kvLength?: number }): PimGptResult {
  const models = options.models ?? Object.keys(PIMGPT_MODELS);
  const L = options.kvLength ?? PIMGPT_KV_LENGTH;
  const dir = referenceDir(options.root, options.refDir);
  const csv = join(dir, 'pim', 'pimgpt_models_derived.csv');
  const ref = existsSync(csv) ? readCsv(csv) : null;
  const archFile = join(options.root, 'arch', 'pim-gpt.yaml');
  const overlapped = loadArch(archFile) as Arch<PimStructure>;
  const sequential = loadArch(archFile, { set: [{ path: 'structure.host.overlap', value: false }] }) as Arch<PimStructure>;
  const m = machineOf(overlapped);
  const bandwidth = m.internalBytesPerSecond;
  const t = m.device.dram.timing;
  const commandsPerRow = m.geometry.unitRowBytes / m.geometry.columnBytes;
  const rowSwitchFactor = (m.device.tRCDMAC + (commandsPerRow - 1) * m.nCCDAB + t.tRTP + t.tRP) / (commandsPerRow * m.nCCDAB);
  const rows = models.map((model): PimGptRow => {
    const cascade = loadWorkload(join(options.root, 'workloads', 'pim', 'gpt-decode.yaml'), { ...PIMGPT_MODELS[model], L });
    const { result, report } = simulate(cascade, overlapped);
    const seq = simulate(cascade, sequential);
    // One vector per GEMV: every resident element is read once per token, one MAC each.
    const bytes = (kv: boolean) =>
      result.einsums.filter((e) => e.unit === 'pim' && KV_EINSUMS.has(e.einsum) === kv).reduce((s, e) => s + e.macs, 0) * PRECISION_BYTES[cascade.tensors.WQ.precision];
    const boundUs = (bytes(false) / bandwidth) * 1e6;
    const kvUs = (bytes(true) / bandwidth) * 1e6;
    const latencyUs = report.totals.seconds * 1e6;
    const d = result.details;
    const refRow = ref?.find((r) => r.model === model);
    const speedupOverRoofline: Record<string, number> = {};
    for (const [k, v] of Object.entries(d)) if (k.startsWith('speedupOverRoofline_')) speedupOverRoofline[k.slice('speedupOverRoofline_'.length)] = Number(v);
    return {
      model,
      latencyUs,
      sequentialLatencyUs: seq.report.totals.seconds * 1e6,
      boundUs,
      refBoundUs: refRow ? Number(refRow.derived_bw_bound_us_per_token_with_lmhead) : undefined,
      kvUs,
      ratio: latencyUs / (boundUs + kvUs),
      rowHitRate: Number(d.rowHitRate),
      nonGemvShare: Number(d.nonGemvShareOfLatency),
      sequentialNonGemvShare: Number(seq.result.details.nonGemvShareOfLatency),
      hostBusyUs: Number(d.hostBusyUs),
      energyUjPerToken: report.totals.energyPj / 1e6,
      tokensPerSecond: Number(d.tokensPerSecond),
      speedupOverRoofline,
    };
  });
  return { rows, kvLength: L, internalBytesPerSecond: bandwidth, rowSwitchFactor, reference: { available: ref !== null, dir } };
}
