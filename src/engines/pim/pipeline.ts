// Where a decode step can be cut so the host and the banks work at the same time. A *pipeline
// rank* r links a GEMV to a chain of host Einsums that are independent along r and end at another
// GEMV:
//   S[h,m] (QKᵀ, batch h) → SM[h], EX[h,m], SD[h], P[h,m] (softmax, per head) → A (AV)
//   U[j] (FC1, output rows j) → GU[j] (GELU, per element) → Y (FC2)
// The first GEMV and the host chain are cut along r into parts: the banks compute QKᵀ of heads
// g+1 while the host takes the softmax of heads g (PIM-GPT's ASIC computes while the banks work:
// its 1.16 % non-VMM share of GPT3-XL latency implies it), and GELU runs on FC1's outputs as they
// arrive. The GEMV at the end is not cut: it waits for the whole chain, so only the host work of
// the last part is left exposed (cutting it too would refill every channel's global buffer per
// part: AV's 2 KB probability vectors and FC2's 2 KB tiles cost more than they hide). A host
// Einsum belongs to the chain only if every tensor it reads that derives from the first GEMV is
// indexed by r: LayerNorm after the output projection reads the mean over d, so d is no pipeline
// rank (the next layer's GEMVs wait for the whole LayerNorm, a true dependence).
//
// The GEMV is cut into as many parts (at most MAX_PARTS) as it can be without costing the banks
// more than PART_TOLERANCE of its time: parts that leave rows half used or units idle are refused
// (GPT-2's 64-wide heads: 2 heads per part, one row per MAC unit; GPT-3 XL's 128-wide: 1).
import type { Cascade, Einsum } from '../../einsum/types.js';
import { buildGraph, readsOf, tensorNode } from '../../einsum/graph.js';
import type { Graph } from '@dagrejs/graphlib';
import type { GemvShape } from './gemv.js';
import { indexesPlainly, restrictEinsum } from './regions.js';

/** How the steps of one Einsum are cut: along `rank` (extent `extent`) in parts of `chunk`. */
export interface Split {
  rank: string;
  extent: number;
  chunk: number;
  /** For a GEMV: the role of the rank; for a host Einsum: 'host'. */
  role: 'batch' | 'outputs' | 'host';
}

/** What the detection needs to know of an Einsum's binding. */
export type BindingView = { unit: 'pim'; shape: GemvShape } | { unit: 'host' } | { unit: 'unsupported' };

/**
 * Einsum id → how its steps are cut (absent: one part). `cost(e)` estimates the banks' cycles for
 * a GEMV Einsum (restricted to a part), or null when it cannot be mapped.
 */
export function pipelineSplits(cascade: Cascade, bindings: ReadonlyMap<string, BindingView>, cost: (e: Einsum) => number | null): Map<string, Split> {
  const graph = buildGraph(cascade);
  const byId = new Map(cascade.einsums.map((e) => [e.id, e]));
  const out = new Map<string, Split>();
  for (const first of cascade.einsums) {
    const b = bindings.get(first.id);
    if (b?.unit !== 'pim') continue;
    for (const rank of [...b.shape.ranks.batch, ...b.shape.ranks.outputs]) {
      const members = pipelineThrough(first, rank, graph, byId, bindings, cascade);
      if (members.length === 0 || members.some((id) => out.has(id))) continue;
      const split = chunkFor(first, rank, members, byId, cost);
      if (!split) continue;
      for (const id of members) {
        const mb = bindings.get(id)!;
        const role = mb.unit === 'pim' ? roleOf(mb.shape, rank) : 'host';
        out.set(id, { ...split, role });
      }
    }
  }
  return out;
}

function roleOf(shape: GemvShape, rank: string): Split['role'] {
  return shape.ranks.batch.includes(rank) ? 'batch' : 'outputs';
}

/** Direct readers of a tensor (not through views: a view's region is not tracked). */
function readers(graph: Graph, tensor: string): string[] {
  return (graph.successors(tensorNode(tensor)) ?? []).filter((n) => n.startsWith('e:')).map((n) => n.slice(2));
}

/** Tensors computed from `tensor`, and views of them (itself included). */
function derivedFrom(graph: Graph, tensor: string): Set<string> {
  const seen = new Set<string>([tensor]);
  const stack = [tensor];
  while (stack.length > 0) {
    const t = stack.pop()!;
    const next = (graph.successors(tensorNode(t)) ?? []).flatMap((n) => (n.startsWith('t:') ? [n] : (graph.successors(n) ?? [])));
    for (const node of next) {
      const name = node.slice(2);
      if (!seen.has(name)) {
        seen.add(name);
        stack.push(name);
      }
    }
  }
  return seen;
}

/**
 * `first` and the host Einsums on every GEMV → host … host → GEMV path from it along `rank` (the
 * last GEMV excluded), or [] when there is none.
 */
function pipelineThrough(first: Einsum, rank: string, graph: Graph, byId: Map<string, Einsum>, bindings: ReadonlyMap<string, BindingView>, cascade: Cascade): string[] {
  const derived = derivedFrom(graph, first.output.tensor);
  const parallel = (e: Einsum) =>
    indexesPlainly(e.output, rank) &&
    readsOf(e).every((a) => !derived.has(a.tensor) || (!cascade.tensors[a.tensor].viewOf && indexesPlainly(a, rank)));
  const members = new Set<string>();
  // Host Einsums reachable from `first` through parallel host Einsums, with whether what they
  // compute reaches a GEMV (then every host Einsum on the way is on a pipeline).
  const reachesLast = new Map<string, boolean>();
  const visit = (tensor: string): boolean => {
    let any = false;
    for (const id of readers(graph, tensor)) {
      if (id === first.id) continue;
      const e = byId.get(id)!;
      const b = bindings.get(id);
      if (b?.unit === 'host' && parallel(e)) {
        if (!reachesLast.has(id)) {
          reachesLast.set(id, false); // cycles are impossible (a DAG), this only memoises
          reachesLast.set(id, visit(e.output.tensor));
        }
        if (reachesLast.get(id)) {
          members.add(id);
          any = true;
        }
      } else if (b?.unit === 'pim' && tensor !== first.output.tensor) {
        any = true; // the chain feeds a GEMV
      }
    }
    return any;
  };
  if (!visit(first.output.tensor)) return [];
  return [first.id, ...cascade.einsums.map((e) => e.id).filter((id) => members.has(id))];
}

/** Most parts one step is cut into: more parts hide more host work; each is a task to schedule. */
export const MAX_PARTS = 16;
/** Extra bank time a cut may cost, as a share of the uncut GEMV's estimate. */
export const PART_TOLERANCE = 0.01;

/** The part size along `rank`: the most parts whose GEMV costs at most PART_TOLERANCE more than the whole. */
function chunkFor(gemv: Einsum, rank: string, members: string[], byId: Map<string, Einsum>, cost: (e: Einsum) => number | null): Omit<Split, 'role'> | null {
  const extents = new Set(members.map((id) => byId.get(id)!.ranks.find((r) => r.name === rank)?.extent));
  if (extents.size !== 1) return null;
  const extent = [...extents][0]!;
  const whole = cost(gemv);
  if (whole === null) return null;
  for (let parts = Math.min(MAX_PARTS, extent); parts >= 2; parts--) {
    const chunk = Math.ceil(extent / parts);
    let total = 0;
    for (const r of partRanges({ rank, extent, chunk, role: 'host' })) {
      const c = cost(restrictEinsum(gemv, r));
      total += c ?? Infinity;
    }
    if (total <= whole * (1 + PART_TOLERANCE)) return { rank, extent, chunk };
  }
  return null;
}

/** The parts of a step cut by `split`: consecutive ranges of `chunk` (the last may be shorter). */
export function partRanges(split: Split): { rank: string; lo: number; hi: number }[] {
  const out = [];
  for (let lo = 0; lo < split.extent; lo += split.chunk) out.push({ rank: split.rank, lo, hi: Math.min(split.extent, lo + split.chunk) });
  return out;
}
