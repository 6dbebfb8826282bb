// Passes over the input, from the cascade graph alone (FuseMax §1.5 of the reference): a *pass* is
// one traversal of a fiber rank (all keys m) for a query. An Einsum that iterates a rank r and
// consumes a value that depends on a *complete* reduction over r (the global max GM[p], the sum
// SD[p]) cannot produce anything before the whole fiber has been seen, so it belongs to the next
// pass. Iterative reductions (the running max RM[m1+1,p] of the one-pass cascade) are not complete
// — each position depends only on the positions before it — so they do not force a pass; reading
// a recurrence at its last position (RNV[f,M1,p]) is complete.
//
// pass_r(E) = max over E's inputs T of pass_r(T) + (E iterates r and T is complete over r ? 1 : 0)
// complete_r(T) = T's producer reduces r outright, or does not iterate r and reads a complete input.
//
// A split rank (BK[e,m1,m0] = K[e, m1*M0+m0]) traverses the input rank m as m1 outside m0: the
// passes over the input are those of the outer component; extra passes of the inner one re-walk a
// tile of M0 keys, a constant-size buffer. From the passes follows the buffer a design needs per
// query (the fiber tensors live across a pass boundary, plus the per-query state), or the DRAM
// traffic when that does not fit.
//
// This module depends only on the IR and the shared graph (src/einsum/graph.ts): it is generic and
// could live in src/einsum/; it sits here because the spatial engine is its only user so far.
import { producerOf, readsOf } from '../../einsum/graph.js';
import { isCarried } from './carried.js';
import { graphOf } from './cascade-graph.js';
import { PRECISION_BYTES, type Access, type Cascade, type Einsum, type TensorDecl } from '../../einsum/types.js';
import { formatBytes } from '../../report/units.js';

export interface PassBoundary {
  /** The Einsum rank traversed again. */
  rank: string;
  /** The Einsum that needs the complete value, and the pass it is in. */
  consumer: string;
  pass: number;
  /** The complete (reduced) value it waits for. */
  waitsFor: string;
}

export interface FiberPasses {
  /** The input's rank (`m` of K[e,m]). */
  inputRank: string;
  /** Einsum ranks traversing it, outermost first (`['m1','m0']`, or `['m']`). */
  components: string[];
  /** Passes over the input: those of the outermost component. */
  passes: number;
  /** Passes over the innermost component (re-walks of one tile when the rank is split). */
  tilePasses: number;
  boundaries: PassBoundary[];
}

export interface LiveTensor {
  tensor: string;
  bytesPerQuery: number;
  why: string;
  /** For fiber tensors: the rank walked again, and whether it is the inner tile of a split rank. */
  rank?: string;
  tile?: boolean;
}

export interface PassAnalysis {
  /** Per input rank that some Einsum reduces or iterates over. */
  fibers: FiberPasses[];
  /** The cascade's lower bound: the most passes over any input rank. */
  passes: number;
  /** Ranks that index every Einsum and are never reduced: one point of them is a "query". */
  queryRanks: string[];
  /** Pass of every Einsum per traversed Einsum rank: pass[rank][einsum]. */
  pass: Record<string, Record<string, number>>;
  /** Fiber tensors that must survive a pass boundary (max over boundaries, per query). */
  fiberTensors: LiveTensor[];
  fiberBytesPerQuery: number;
  /** Per-query state live during the traversal (inputs reused across it, recurrences, reductions). */
  stateTensors: LiveTensor[];
  stateBytesPerQuery: number;
  bufferBytesPerQuery: number;
}

const analyses = new WeakMap<Cascade, PassAnalysis>();

/** The pass analysis of a cascade (computed once per cascade object: it depends on nothing else). */
export function analysePasses(cascade: Cascade): PassAnalysis {
  let a = analyses.get(cascade);
  if (!a) {
    a = computePasses(cascade);
    analyses.set(cascade, a);
  }
  return a;
}

function computePasses(cascade: Cascade): PassAnalysis {
  const g = graphOf(cascade);
  const recurrenceRanks = new Set(cascade.recurrences.map((r) => r.rank));
  const reduced = new Set(cascade.einsums.flatMap((e) => (e.reduce && e.iterative === null ? e.reduce.ranks : [])));
  const traversed = [...new Set([...reduced, ...recurrenceRanks])];

  const pass: PassAnalysis['pass'] = {};
  const boundaries: PassBoundary[] = [];
  for (const r of traversed) {
    const passOf: Record<string, number> = {};
    const complete: Record<string, boolean> = {};
    pass[r] = passOf;
    for (const e of cascade.einsums) {
      const iterates = e.ranks.some((x) => x.name === r);
      let p = 1;
      let anyComplete = false;
      for (const read of readsOf(e)) {
        const base = storedTensor(read.tensor, cascade.tensors);
        const producer = producerOf(g, base);
        if (producer === null) continue;
        if (producer === e.id && isCarried(g, cascade, read)) continue; // its own running state
        const full = complete[producer] || readsLastPosition(read, cascade.tensors[base], r, e);
        const next = (passOf[producer] ?? 1) + (iterates && full ? 1 : 0);
        if (iterates && full && next > p) boundaries.push({ rank: r, consumer: e.id, pass: next, waitsFor: base });
        p = Math.max(p, next);
        anyComplete ||= full;
      }
      passOf[e.id] = p;
      const reducesOutright = e.iterative === null && (e.reduce?.ranks.includes(r) ?? false);
      complete[e.id] = reducesOutright || (!iterates && anyComplete);
    }
  }

  // A fiber is walked by several Einsums; a rank only one Einsum reduces (e of QK) is a contraction
  // inside that Einsum, not a traversal of the input.
  const walkers = (r: string): number => cascade.einsums.filter((e) => e.ranks.some((x) => x.name === r)).length;
  const fibers = fiberRanks(cascade, traversed.filter((r) => walkers(r) > 1)).map(({ inputRank, components }) => {
    const outer = components[0];
    const inner = components[components.length - 1];
    const maxPass = (rank: string): number =>
      Math.max(1, ...cascade.einsums.filter((e) => e.ranks.some((x) => x.name === rank)).map((e) => pass[rank]?.[e.id] ?? 1));
    return {
      inputRank,
      components,
      passes: maxPass(outer),
      tilePasses: maxPass(inner),
      boundaries: boundaries.filter((b) => components.includes(b.rank)).filter(dedupe()),
    };
  });

  const queryRanks = queryRanksOf(cascade.einsums);
  const fiberTensors = liveAcrossBoundaries(cascade, pass, fibers, queryRanks);
  const stateTensors = stateOf(cascade, queryRanks, fibers.map((f) => f.components[0]), recurrenceRanks);
  const fiberBytesPerQuery = fiberTensors.reduce((a, t) => Math.max(a, t.bytesPerQuery), 0);
  const stateBytesPerQuery = stateTensors.reduce((a, t) => a + t.bytesPerQuery, 0);
  return {
    fibers,
    passes: Math.max(1, ...fibers.map((f) => f.passes)),
    queryRanks,
    pass,
    fiberTensors,
    fiberBytesPerQuery,
    stateTensors,
    stateBytesPerQuery,
    bufferBytesPerQuery: fiberBytesPerQuery + stateBytesPerQuery,
  };
}

/** Ranks present in every Einsum and reduced by none. */
export function queryRanksOf(einsums: readonly Einsum[]): string[] {
  if (einsums.length === 0) return [];
  const reduced = new Set(einsums.flatMap((e) => e.reduce?.ranks ?? []));
  return einsums[0].ranks.map((r) => r.name).filter((n) => !reduced.has(n) && einsums.every((e) => e.ranks.some((x) => x.name === n)));
}

/** The stored tensor an access really reads (a view reads its base). */
function storedTensor(name: string, tensors: Record<string, TensorDecl>): string {
  return tensors[name]?.viewOf?.tensor ?? name;
}

/** A read of a recurrence tensor at a constant position of rank r (its final value) is complete. */
function readsLastPosition(read: Access, decl: TensorDecl | undefined, r: string, e: Einsum): boolean {
  if (!decl?.init || decl.init.rank !== r) return false;
  const at = decl.ranks.indexOf(r);
  return at >= 0 && Object.keys(read.indices[at]?.terms ?? {}).length === 0 && !e.ranks.some((x) => x.name === r);
}

/**
 * Groups traversed Einsum ranks by the input rank they walk: a bare read K[e,m] makes `m` a
 * component of K's `m`; a read through the view BK[e,m1,m0] = K[e, m1*M0+m0] makes m1 (coefficient
 * M0) and m0 (coefficient 1) components of K's `m`, outermost (largest coefficient) first.
 */
function fiberRanks(cascade: Cascade, traversed: string[]): { inputRank: string; components: string[] }[] {
  const coeffOf = new Map<string, { input: string; coeff: number }>();
  for (const e of cascade.einsums) {
    for (const read of readsOf(e)) {
      const decl = cascade.tensors[read.tensor];
      if (!decl) continue;
      const base = decl.viewOf ? cascade.tensors[decl.viewOf.tensor] : decl;
      if (!base || base.role !== 'input') continue;
      read.indices.forEach((ix, i) => {
        const names = Object.keys(ix.terms);
        if (names.length !== 1 || ix.terms[names[0]] !== 1) return;
        const einsumRank = names[0];
        if (!decl.viewOf) {
          if (!coeffOf.has(einsumRank)) coeffOf.set(einsumRank, { input: base.ranks[i], coeff: 1 });
          return;
        }
        const viewRank = decl.ranks[i];
        decl.viewOf.indices.forEach((bix, j) => {
          const c = bix.terms[viewRank];
          if (c !== undefined && !coeffOf.has(einsumRank)) coeffOf.set(einsumRank, { input: base.ranks[j], coeff: c });
        });
      });
    }
  }
  const groups = new Map<string, { rank: string; coeff: number }[]>();
  for (const r of traversed) {
    const hit = coeffOf.get(r) ?? { input: r, coeff: 1 };
    const list = groups.get(hit.input) ?? [];
    list.push({ rank: r, coeff: hit.coeff });
    groups.set(hit.input, list);
  }
  return [...groups].map(([inputRank, list]) => ({ inputRank, components: list.sort((a, b) => b.coeff - a.coeff).map((x) => x.rank) }));
}

/**
 * Fiber tensors alive across a pass boundary: read in a later pass than the one that produced
 * them (or, for inputs, read in more than one pass). Per query they hold the fiber: the extents of
 * their ranks other than the query ranks and the outer iterative rank (one tile of it is alive).
 * Tensors alive at the same boundary add; different boundaries reuse the space.
 */
function liveAcrossBoundaries(cascade: Cascade, pass: PassAnalysis['pass'], fibers: FiberPasses[], queryRanks: string[]): LiveTensor[] {
  const g = graphOf(cascade);
  const best = new Map<string, LiveTensor>();
  const readers = new Map<string, Einsum[]>();
  for (const e of cascade.einsums) {
    for (const t of new Set(readsOf(e).map((a) => storedTensor(a.tensor, cascade.tensors)))) readers.set(t, [...(readers.get(t) ?? []), e]);
  }
  for (const f of fibers) {
    for (const r of f.components) {
      const passOf = pass[r] ?? {};
      const outer = f.components[0];
      if ((r === outer ? f.passes : f.tilePasses) <= 1) continue;
      const byBoundary = new Map<number, LiveTensor[]>();
      for (const [name, decl] of Object.entries(cascade.tensors)) {
        if (decl.viewOf || !decl.ranks.includes(r)) continue;
        const producer = producerOf(g, name);
        const readBy = readers.get(name) ?? [];
        if (readBy.length === 0) continue;
        const born = producer === null ? 1 : (passOf[producer] ?? 1);
        const lastRead = Math.max(...readBy.map((e) => passOf[e.id] ?? 1));
        const readPasses = new Set(readBy.map((e) => passOf[e.id] ?? 1));
        const crosses = producer === null ? readPasses.size > 1 : lastRead > born;
        if (!crosses) continue;
        // Walking an inner component again needs one tile of the outer one, not all of it.
        const skip = new Set([...queryRanks, ...(r === outer ? [] : [outer])]);
        const bytes = bytesPer(decl, skip);
        for (let b = born; b < lastRead; b++) {
          const list = byBoundary.get(b) ?? [];
          list.push({ tensor: name, bytesPerQuery: bytes, why: `read in pass ${lastRead} over ${r}, produced in pass ${born}`, rank: r, tile: r !== outer });
          byBoundary.set(b, list);
        }
      }
      for (const list of byBoundary.values()) {
        for (const t of list) if (!best.has(t.tensor) || best.get(t.tensor)!.bytesPerQuery < t.bytesPerQuery) best.set(t.tensor, t);
      }
    }
  }
  return [...best.values()];
}

/**
 * Per-query state: tensors indexed by the query that stay alive while the fiber is traversed —
 * inputs reused across it (Q), recurrences over the iterative rank (RM, RD, RNV: one position
 * each), and complete reductions consumed later (GM, SD). Outputs leave the chip and are not state.
 */
function stateOf(cascade: Cascade, queryRanks: string[], outerRanks: string[], recurrenceRanks: Set<string>): LiveTensor[] {
  const q = new Set(queryRanks);
  const out: LiveTensor[] = [];
  for (const [name, decl] of Object.entries(cascade.tensors)) {
    if (decl.viewOf || decl.role === 'output') continue;
    if (q.size === 0 || !queryRanks.every((r) => decl.ranks.includes(r))) continue;
    const recurrence = decl.init !== null && recurrenceRanks.has(decl.init.rank);
    const carriesOuter = decl.ranks.some((r) => outerRanks.includes(r));
    if (carriesOuter && !recurrence) continue;
    const skip = new Set([...queryRanks, ...(recurrence && decl.init ? [decl.init.rank] : [])]);
    out.push({ tensor: name, bytesPerQuery: bytesPer(decl, skip), why: recurrence ? `recurrence over ${decl.init!.rank}` : decl.role === 'input' ? 'input reused across the fiber' : 'kept for a later pass' });
  }
  return out;
}

function bytesPer(decl: TensorDecl, skip: Set<string>): number {
  const elements = decl.ranks.reduce((acc, r, i) => acc * (skip.has(r) ? 1 : decl.shape[i]), 1);
  return elements * PRECISION_BYTES[decl.precision];
}

function dedupe<T extends PassBoundary>(): (b: T, i: number, all: T[]) => boolean {
  return (b, i, all) => all.findIndex((x) => x.rank === b.rank && x.consumer === b.consumer) === i;
}

/**
 * What the passes cost with a buffer of `bufferBytes`: how many queries' buffers fit at once, or,
 * when not even one query's does, the DRAM traffic per query the fiber then costs — every fiber
 * kept across a boundary written out once and read back once. The state must fit either way.
 */
export function passCost(a: PassAnalysis, bufferBytes: number): { queriesHeld: number; dramBytesPerQuery: number } {
  if (a.bufferBytesPerQuery <= bufferBytes) return { queriesHeld: Math.floor(bufferBytes / a.bufferBytesPerQuery), dramBytesPerQuery: 0 };
  const spilled = a.fiberTensors.filter((t) => !t.tile).reduce((s, t) => s + t.bytesPerQuery, 0);
  return { queriesHeld: a.stateBytesPerQuery <= bufferBytes ? 1 : 0, dramBytesPerQuery: 2 * spilled };
}

/** The pass reasoning as readable lines (for `einsim explain` and docs). */
export function explainPasses(a: PassAnalysis, bufferBytes?: number): string[] {
  const lines: string[] = [];
  lines.push(`Passes over the input (lower bound from the cascade graph): ${a.passes}`);
  for (const f of a.fibers) {
    const split = f.components.length > 1 ? ` (walked as ${f.components.join(' outside ')})` : '';
    lines.push(`  rank ${f.inputRank}${split}: ${f.passes} pass${f.passes === 1 ? '' : 'es'}${f.components.length > 1 && f.tilePasses > 1 ? `; each ${f.components[f.components.length - 1]} tile is walked ${f.tilePasses} times` : ''}`);
    for (const b of f.boundaries) lines.push(`    ${b.consumer} iterates ${b.rank} but needs the complete ${b.waitsFor}: pass ${b.pass}`);
  }
  const per = (t: LiveTensor): string => `${t.tensor} ${formatBytes(t.bytesPerQuery)} (${t.why})`;
  lines.push(`Buffer per query (${a.queryRanks.join(', ') || 'no query rank'}): ${formatBytes(a.bufferBytesPerQuery)}`);
  if (a.fiberTensors.length > 0) lines.push(`  fiber kept across a pass boundary (boundaries reuse one slot, the largest counts): ${a.fiberTensors.map(per).join('; ')}`);
  else lines.push('  no fiber kept across passes: the buffer per query does not grow with the sequence length');
  if (a.stateTensors.length > 0) lines.push(`  state: ${a.stateTensors.map(per).join('; ')}`);
  if (bufferBytes !== undefined) {
    const c = passCost(a, bufferBytes);
    lines.push(
      a.bufferBytesPerQuery === 0
        ? `  nothing is kept per query: the ${formatBytes(bufferBytes)} buffer limits no query tile`
        : c.dramBytesPerQuery === 0
        ? `  a ${formatBytes(bufferBytes)} buffer holds ${c.queriesHeld} queries at once`
        : `  one query does not fit a ${formatBytes(bufferBytes)} buffer: its fiber goes to DRAM and back, ${formatBytes(c.dramBytesPerQuery)} per query`,
    );
  }
  return lines;
}
