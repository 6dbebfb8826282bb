// How a kernel uses the global buffer, and the DRAM traffic that follows.
//
// Per query the buffer holds the kernel's state (inputs reused across the fiber such as Q,
// recurrences too big for the registers such as RNV) plus one fiber slot when a fiber is kept
// across passes (QK → SN → A of the three-pass softmax, each overwriting the last). The arrays work
// on a query tile (256 columns of the 2-D array); the buffer holds as many whole tiles of queries
// as fit, rounded down to a divisor of the tile count (the artifact's "no imperfect
// factorization"), and the inputs that do not depend on the query (K, V) stream past once per
// block of queries held.
//
// When even one query tile does not fit, the engine takes the placement with the least DRAM
// traffic of: (a) spill the same fraction of every fiber tensor (written once, read back once);
// (b) send the fiber tensors that cross between the arrays through DRAM (FLAT's QK and A off chip)
// and keep the rest at the granularity of the array that walks them (the 1-D array holds one
// query's row); (c) spill every fiber tensor. Each option's traffic only falls as the buffer
// grows, so the least of them does too (a larger buffer never adds DRAM traffic).
import { readsOf } from '../../einsum/graph.js';
import { PRECISION_BYTES, type Cascade } from '../../einsum/types.js';
import type { Fold } from './fold.js';
import type { Kernel } from './kernels.js';
import { bytesPerPoint, tensorBytes, type KernelPlaces } from './residency.js';
import type { SpatialStructure } from './structure.js';

export interface TensorTraffic {
  readBytes: number;
  writeBytes: number;
}

export interface BufferPlan {
  /** Queries the arrays work on at once. */
  queryTile: number;
  stateBytesPerQuery: number;
  fiberSlotBytesPerQuery: number;
  /** Slices of the query-independent inputs (K, V) resident while they stream. */
  streamedBytes: number;
  /** Peak bytes of the other buffer-resident intermediates alive at once (per query tile). */
  transientBytes: number;
  /** Fraction of those that goes through DRAM. */
  transientSpill: number;
  /** Queries held per block, and blocks per instance of the other tile ranks. */
  queriesHeld: number;
  blocks: number;
  spill: { option: 'none' | 'partial' | 'crossing' | 'all'; fraction: number; tensors: string[] };
  /** Fraction of each tensor's on-chip traffic that goes through DRAM instead. */
  spilledFraction: Record<string, number>;
  /** DRAM traffic per tensor. */
  dram: Record<string, TensorTraffic>;
  dramBytes: number;
  /** Why the plan is impossible (a query tile's state alone exceeds the buffer), else null. */
  infeasible: string | null;
}

export function planBuffer(kernel: Kernel, cascade: Cascade, kp: KernelPlaces, folds: Record<string, Fold>, s: SpatialStructure): BufferPlan {
  const capacity = s.globalBuffer.sizeBytes;
  const q = kernel.queryRank;
  const o = kp.outerRank;
  const tile = new Set(kernel.tileRanks);
  const queryTile = Math.max(1, ...kernel.einsums.map((e) => folds[e.id]?.queryLanes ?? 1));
  const buffered = Object.values(kp.places).filter((p) => p.residence === 'buffer' && p.role !== 'output');
  const indexedByQuery = (t: string): boolean => q !== null && cascade.tensors[t].ranks.includes(q);

  const isState = (t: string): boolean => {
    const decl = cascade.tensors[t];
    return indexedByQuery(t) && (o === null || !decl.ranks.includes(o) || (decl.init !== null && decl.init.rank === o));
  };
  let stateBytesPerQuery = 0;
  const fiber: { tensor: string; bytes: number; crossing: boolean; granularity: number; extraReads: number }[] = [];
  for (const p of buffered) {
    const decl = cascade.tensors[p.tensor];
    if (!indexedByQuery(p.tensor)) continue;
    if (p.fiber) {
      const walkers = [p.producer, ...p.consumers].filter((x): x is string => x !== null);
      const granularity = Math.max(1, ...walkers.map((id) => folds[id]?.queryLanes ?? 1));
      // One iteration's slice is alive at a time when the kernel loops over an iterative rank.
      const skip = new Set([...tile, ...(kernel.iterativeRank ? [kernel.iterativeRank] : [])]);
      fiber.push({ tensor: p.tensor, bytes: bytesPerPoint(decl, skip), crossing: p.crossing, granularity, extraReads: p.role === 'input' ? Math.max(0, p.consumers.length - 1) : 0 });
    } else if (o === null || !decl.ranks.includes(o) || (decl.init !== null && decl.init.rank === o)) {
      const skip = new Set([...tile, ...(decl.init ? [decl.init.rank] : [])]);
      stateBytesPerQuery += bytesPerPoint(decl, skip);
    }
  }
  const fiberSlot = Math.max(0, ...fiber.map((f) => f.bytes));

  // Query-independent inputs stream in slices: per step of the outer rank, what the first reader
  // touches of them (through a view: BK[e,m1,m0] per m1 is E × M0), as wide as the array walks
  // the outer rank (FLAT's QK takes K in slices of 256 keys).
  let streamedBytes = 0;
  for (const p of buffered) {
    if (q === null || p.role !== 'input' || indexedByQuery(p.tensor)) continue;
    const reader = kernel.einsums.find((e) => e.id === p.consumers[0]);
    const read = reader && readsOf(reader).find((a) => (cascade.tensors[a.tensor]?.viewOf?.tensor ?? a.tensor) === p.tensor);
    if (!reader || !read) continue;
    const touched = new Set(read.indices.flatMap((ix) => Object.keys(ix.terms)));
    const elements = reader.ranks.filter((r) => touched.has(r.name) && !tile.has(r.name) && r.name !== o).reduce((acc, r) => acc * r.extent, 1);
    const lanesOnOuter = o && touched.has(o) ? (folds[reader.id]?.spatial.find((d) => d.rank === o)?.lanes ?? 1) : 1;
    streamedBytes += elements * lanesOnOuter * PRECISION_BYTES[cascade.tensors[p.tensor].precision];
  }

  // Other buffer-resident intermediates (FuseMax's SLNV handed to the 1-D array, a CNN's
  // activations between layers) hold one query tile's slice (one iteration's, inside a loop) from
  // their producer to their last reader; what is alive at the busiest point must fit beside the rest.
  // Without query tiles (a whole network in one kernel) the inputs too (a layer's weights) are
  // alive only from their first to their last reader; they take room but never cost a spill.
  const transient = buffered.filter((p) => (p.role === 'internal' || (q === null && p.role === 'input')) && !(p.fiber && q !== null) && !isState(p.tensor));
  const sliceBytes = (t: string): number => {
    const decl = cascade.tensors[t];
    const skip = new Set([...tile, ...(kernel.iterativeRank ? [kernel.iterativeRank] : [])]);
    return bytesPerPoint(decl, skip) * (indexedByQuery(t) ? queryTile : 1);
  };
  const position = new Map(kernel.einsums.map((e, i) => [e.id, i]));
  let transientBytes = 0;
  for (let i = 0; i < kernel.einsums.length; i++) {
    let live = 0;
    for (const p of transient) {
      const from = p.producer ? (position.get(p.producer) ?? 0) : Math.min(...p.consumers.map((c) => position.get(c) ?? 0));
      const to = Math.max(from, ...p.consumers.map((c) => position.get(c) ?? from));
      if (from <= i && i <= to) live += sliceBytes(p.tensor);
    }
    transientBytes = Math.max(transientBytes, live);
  }

  const queryExtent = q ? (kernel.einsums.flatMap((e) => e.ranks).find((r) => r.name === q)?.extent ?? 1) : 1;
  const blocksFor = (held: number): { held: number; blocks: number } => {
    if (held >= queryExtent) return { held: queryExtent, blocks: 1 };
    const tiles = Math.ceil(queryExtent / queryTile);
    const d = largestDivisorAtMost(tiles, Math.max(1, Math.floor(held / queryTile)));
    return { held: d * queryTile, blocks: Math.ceil(tiles / d) };
  };

  // DRAM traffic of the kernel's inputs and outputs for a given number of blocks.
  const baseTraffic = (blocks: number): Record<string, TensorTraffic> => {
    const out: Record<string, TensorTraffic> = {};
    for (const p of Object.values(kp.places)) {
      const bytes = tensorBytes(cascade.tensors[p.tensor]);
      if (p.role === 'input') out[p.tensor] = { readBytes: bytes * (indexedByQuery(p.tensor) ? 1 : blocks), writeBytes: 0 };
      if (p.role === 'output') out[p.tensor] = { readBytes: 0, writeBytes: bytes };
    }
    return out;
  };
  // A spilled intermediate is written once and read back once; a spilled input is read again for
  // every later pass that needs it.
  const spill = (traffic: Record<string, TensorTraffic>, fraction: number, tensors: { tensor: string; extraReads: number }[]): void => {
    if (fraction <= 0) return;
    for (const f of tensors) {
      const bytes = tensorBytes(cascade.tensors[f.tensor]);
      const t = traffic[f.tensor] ?? { readBytes: 0, writeBytes: 0 };
      traffic[f.tensor] = kp.places[f.tensor].role === 'input' ? { readBytes: t.readBytes + fraction * bytes * f.extraReads, writeBytes: t.writeBytes } : { readBytes: t.readBytes + fraction * bytes, writeBytes: t.writeBytes + fraction * bytes };
    }
  };
  const total = (traffic: Record<string, TensorTraffic>): number => Object.values(traffic).reduce((a, t) => a + t.readBytes + t.writeBytes, 0);

  // Candidate placements of the fibers; for each, either hold as many queries as fit beside the
  // transients, or hold one tile and spill what of the transients does not fit. The least DRAM
  // traffic wins; every candidate's traffic only falls as the buffer grows.
  const candidates: BufferPlan[] = [];
  const consider = (option: BufferPlan['spill']['option'], fraction: number, spilled: typeof fiber, perQuery: number, reserved: number): void => {
    const variants: { held: number; blocks: number; transientFraction: number }[] = [];
    const roomy = perQuery > 0 ? Math.floor((capacity - reserved - transientBytes) / perQuery) : capacity - reserved - transientBytes >= 0 ? Infinity : -1;
    if (roomy >= queryTile) variants.push({ ...blocksFor(roomy), transientFraction: 0 });
    const used = reserved + queryTile * perQuery;
    if (used <= capacity && transientBytes > 0) variants.push({ ...blocksFor(queryTile), transientFraction: Math.min(1, Math.max(0, (used + transientBytes - capacity) / transientBytes)) });
    for (const v of variants) {
      const dram = baseTraffic(v.blocks);
      spill(dram, fraction, spilled);
      spill(dram, v.transientFraction, transient.map((p) => ({ tensor: p.tensor, extraReads: 0 })));
      const names = [...spilled.map((f) => f.tensor)];
      candidates.push({
        queryTile,
        stateBytesPerQuery,
        fiberSlotBytesPerQuery: fiberSlot,
        streamedBytes,
        transientBytes,
        queriesHeld: v.held,
        blocks: v.blocks,
        spill: { option, fraction, tensors: names },
        transientSpill: v.transientFraction,
        spilledFraction: Object.fromEntries([...names.map((t) => [t, fraction] as const), ...transient.map((p) => [p.tensor, v.transientFraction] as const)].filter(([, f]) => f > 0)),
        dram,
        dramBytes: total(dram),
        infeasible: null,
      });
    }
  };
  const perQuery = stateBytesPerQuery + fiberSlot;
  consider('none', 0, [], perQuery, streamedBytes);
  if (fiberSlot > 0 && streamedBytes + queryTile * perQuery > capacity) {
    const fraction = Math.min(1, (streamedBytes + queryTile * perQuery - capacity) / (queryTile * fiberSlot));
    consider('partial', fraction, fiber, stateBytesPerQuery + (1 - fraction) * fiberSlot, streamedBytes);
    const crossing = fiber.filter((f) => f.crossing);
    const restSlot = Math.max(0, ...fiber.filter((f) => !f.crossing).map((f) => f.granularity * f.bytes));
    if (crossing.length > 0) consider('crossing', 1, crossing, stateBytesPerQuery, streamedBytes + restSlot);
    consider('all', 1, fiber, stateBytesPerQuery, streamedBytes);
  }
  if (candidates.length === 0) {
    const need = streamedBytes + queryTile * stateBytesPerQuery;
    const { held, blocks } = blocksFor(queryTile);
    const dram = baseTraffic(blocks);
    return { queryTile, stateBytesPerQuery, fiberSlotBytesPerQuery: fiberSlot, streamedBytes, transientBytes, queriesHeld: held, blocks, spill: { option: 'none', fraction: 0, tensors: [] }, transientSpill: 0, spilledFraction: {}, dram, dramBytes: total(dram), infeasible: `a query tile of ${queryTile} needs ${need} B of buffer (state ${stateBytesPerQuery} B per query, streamed slices ${streamedBytes} B), the buffer has ${capacity} B` };
  }
  return candidates.reduce((a, b) => (b.dramBytes < a.dramBytes ? b : a));
}

/** The largest divisor of n that is at most cap (≥ 1). */
export function largestDivisorAtMost(n: number, cap: number): number {
  for (let d = Math.min(n, Math.floor(cap)); d > 1; d--) if (n % d === 0) return d;
  return 1;
}
