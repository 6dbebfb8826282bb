// Fusion groups ("kernels") and their loop structure.
//
// A kernel runs as one pipelined unit: its intermediates stay on chip when they fit, and its
// latency is max(compute, memory). Kernels run one after another and pass tensors through DRAM.
// - `fusion: cascade` — Einsums sharing a `kernel:` annotation (default: all of them) form one
//   kernel (FLAT, FuseMax: fused attention; the projections of an end-to-end layer are their own
//   kernels because the layer file says so);
// - `fusion: per-array` — additionally a new kernel wherever the array changes (the unfused
//   baseline: QK on the 2-D array, the softmax on the 1-D array, AV on the 2-D array).
// Inside a kernel the outer loop walks query tiles (the ranks every Einsum shares and none
// reduces); if the kernel holds a recurrence, the loop over its iterative rank sits inside that,
// and the Einsums iterating it form the loop body (pre: before it, post: after it).
import { readsOf } from '../../einsum/graph.js';
import type { Einsum } from '../../einsum/types.js';
import type { Binding } from './binding.js';
import { queryRanksOf } from './passes.js';
import type { ArrayName, SpatialStructure } from './structure.js';

export interface Kernel {
  index: number;
  /** The `kernel:` annotation value (or `cascade`). */
  label: string;
  einsums: Einsum[];
  array: Record<string, ArrayName>;
  /** Ranks every Einsum of the kernel shares and none reduces. */
  tileRanks: string[];
  /** The tile rank the buffer blocks over (the largest one indexing the kernel's outputs). */
  queryRank: string | null;
  iterativeRank: string | null;
  pre: Einsum[];
  body: Einsum[];
  post: Einsum[];
}

export function splitKernels(einsums: readonly Einsum[], bindings: Record<string, Binding>, recurrences: { rank: string; einsums: string[] }[], s: SpatialStructure): Kernel[] {
  const groups: Einsum[][] = [];
  let current: Einsum[] = [];
  const label = (e: Einsum): string => String(e.annotations.kernel ?? 'cascade');
  const arrayOf = (e: Einsum): ArrayName | null => {
    const b = bindings[e.id];
    return b?.ok ? b.array : null;
  };
  for (const e of einsums) {
    const prev = current[current.length - 1];
    const split = prev && (label(prev) !== label(e) || (s.schedule.fusion === 'per-array' && arrayOf(prev) !== arrayOf(e)));
    if (split) {
      groups.push(current);
      current = [];
    }
    current.push(e);
  }
  if (current.length > 0) groups.push(current);
  return groups.map((g, index) => describeKernel(index, g, bindings, recurrences, einsums));
}

function describeKernel(index: number, einsums: Einsum[], bindings: Record<string, Binding>, recurrences: { rank: string; einsums: string[] }[], all: readonly Einsum[]): Kernel {
  const ids = new Set(einsums.map((e) => e.id));
  const array: Record<string, ArrayName> = {};
  for (const e of einsums) {
    const b = bindings[e.id];
    if (b?.ok) array[e.id] = b.array;
  }
  const tileRanks = queryRanksOf(einsums);
  const recurrence = recurrences.find((r) => r.einsums.every((id) => ids.has(id)));
  const iterativeRank = recurrence?.rank ?? null;
  const inBody = (e: Einsum): boolean => iterativeRank !== null && e.ranks.some((r) => r.name === iterativeRank);
  const firstBody = einsums.findIndex(inBody);
  const pre = iterativeRank === null ? einsums : einsums.filter((e, i) => !inBody(e) && i < firstBody);
  const body = einsums.filter(inBody);
  const post = iterativeRank === null ? [] : einsums.filter((e, i) => !inBody(e) && i > firstBody);
  return { index, label: String(einsums[0].annotations.kernel ?? 'cascade'), einsums, array, tileRanks, queryRank: queryRankOf(einsums, tileRanks, ids, all), iterativeRank, pre, body, post };
}

/**
 * The query rank: of the tile ranks that index what the kernel hands on (tensors read after it,
 * or the cascade's outputs), the one with the largest extent; ties go to the earlier rank of that
 * output. For attention this is p.
 */
function queryRankOf(einsums: Einsum[], tileRanks: string[], ids: Set<string>, all: readonly Einsum[]): string | null {
  if (tileRanks.length === 0) return null;
  const readInside = new Set(einsums.flatMap((e) => readsOf(e).map((a) => a.tensor)));
  const readLater = new Set(all.filter((e) => !ids.has(e.id)).flatMap((e) => readsOf(e).map((a) => a.tensor)));
  const produced = einsums.filter((e) => readLater.has(e.output.tensor) || !readInside.has(e.output.tensor));
  const outputs = produced.length > 0 ? produced : [einsums[einsums.length - 1]];
  let best: { rank: string; extent: number } | null = null;
  for (const e of outputs) {
    for (const ix of e.output.indices) {
      const names = Object.keys(ix.terms);
      if (names.length !== 1 || !tileRanks.includes(names[0])) continue;
      const extent = e.ranks.find((r) => r.name === names[0])?.extent ?? 1;
      if (!best || extent > best.extent) best = { rank: names[0], extent };
    }
  }
  return best?.rank ?? tileRanks[0];
}
