// The artifact's published numbers, read at run time from ../shared/ref/fusemax when they are
// there (never copied into the repository). Missing reference data is not an error: the
// reproduction then prints einsim's numbers and says the reference is unavailable.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Scope } from './fusemax-setup.js';

export interface RefPoint {
  latencyS: number;
  energyPj: number;
  /** Attention rows only. */
  util2d?: number;
  util1d?: number;
  dramBytes?: number;
}

export interface Reference {
  dir: string;
  /** `${scope}|${model}|${seqLen}|${refLabel}` → point. */
  points: Map<string, RefPoint>;
}

export const refKey = (scope: Scope, model: string, seqLen: string, refLabel: string): string => `${scope}|${model}|${seqLen}|${refLabel}`;

/** The reference folder: explicit, else $EINSIM_REF, else ../shared/ref beside the package. */
export function referenceDir(packageRoot: string, explicit?: string): string {
  return explicit ?? process.env.EINSIM_REF ?? join(packageRoot, '..', 'shared', 'ref');
}

export function readReference(dir: string): Reference | null {
  const attention = join(dir, 'fusemax', 'attention_by_design.csv');
  const end2end = join(dir, 'fusemax', 'end2end_by_design.csv');
  if (!existsSync(attention) || !existsSync(end2end)) return null;
  const points = new Map<string, RefPoint>();
  for (const r of readCsv(attention)) {
    points.set(refKey('attention', r.model, r.seq_len, r.design), {
      latencyS: Number(r.latency_s),
      energyPj: Number(r.energy_pJ),
      util2d: Number(r.util_2d),
      util1d: Number(r.util_1d),
      dramBytes: Number(r.dram_traffic_bytes),
    });
  }
  for (const r of readCsv(end2end)) {
    points.set(refKey('end2end', r.model, r.seq_len, r.design), { latencyS: Number(r.e2e_latency_s), energyPj: Number(r.e2e_energy_pJ) });
  }
  return { dir, points };
}

/** A plain CSV (no quoted commas) as objects keyed by the header. */
export function readCsv(path: string): Record<string, string>[] {
  const [header, ...lines] = readFileSync(path, 'utf8').split(/\r?\n/).filter((l) => l.trim() !== '');
  const keys = header.split(',').map((k) => k.trim());
  return lines.map((line) => {
    const cells = line.split(',');
    return Object.fromEntries(keys.map((k, i) => [k, (cells[i] ?? '').trim()]));
  });
}
