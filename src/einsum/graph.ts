// The cascade as a graph (graphlib): a node per tensor (`t:NAME`) and per Einsum (`e:ID`), an edge
// tensor → Einsum for every read, Einsum → tensor for its write, and base → view for a view.
// From it come the topological order, tensor roles, producers and consumers, and recurrences:
// strongly connected components (Tarjan) whose every cycle passes through a read at an earlier
// position of an iterative rank (RM[m1,p] read by the Einsum writing RM[m1+1,p]). Such "carried"
// reads are what the loop over that rank breaks; any other cycle is an error.
import { Graph, alg } from '@dagrejs/graphlib';
import { shiftedRank } from './affine.js';
import { ReadyQueue } from './ready-queue.js';
import type { Access, Cascade, Einsum, TensorDecl, TensorRole } from './types.js';

export type NodeLabel = { kind: 'tensor'; name: string } | { kind: 'einsum'; id: string };
/** Reads carried by a tensor → Einsum edge; the written access on Einsum → tensor; nothing on views. */
export type EdgeLabel = { kind: 'read'; accesses: Access[] } | { kind: 'write'; access: Access } | { kind: 'view' };

export const tensorNode = (name: string): string => `t:${name}`;
export const einsumNode = (id: string): string => `e:${id}`;
const nameOf = (node: string): string => node.slice(2);
const isEinsumNode = (node: string): boolean => node.startsWith('e:');

type GraphInput = Pick<Cascade, 'tensors' | 'einsums'>;

export function buildGraph(cascade: GraphInput): Graph {
  const g = new Graph({ directed: true });
  for (const name of Object.keys(cascade.tensors)) g.setNode(tensorNode(name), { kind: 'tensor', name } satisfies NodeLabel);
  for (const t of Object.values(cascade.tensors)) {
    if (t.viewOf) g.setEdge(tensorNode(t.viewOf.tensor), tensorNode(t.name), { kind: 'view' } satisfies EdgeLabel);
  }
  for (const e of cascade.einsums) {
    const node = einsumNode(e.id);
    g.setNode(node, { kind: 'einsum', id: e.id } satisfies NodeLabel);
    g.setEdge(node, tensorNode(e.output.tensor), { kind: 'write', access: e.output } satisfies EdgeLabel);
    for (const access of readsOf(e)) {
      const from = tensorNode(access.tensor);
      const label = g.edge(from, node) as EdgeLabel | undefined;
      if (label?.kind === 'read') label.accesses.push(access);
      else g.setEdge(from, node, { kind: 'read', accesses: [access] } satisfies EdgeLabel);
    }
  }
  return g;
}

/** Every access an Einsum's map expression reads, in order of appearance. */
export function readsOf(einsum: Pick<Einsum, 'expr'>): Access[] {
  const out: Access[] = [];
  const walk = (e: Einsum['expr']): void => {
    if (e.kind === 'access') out.push(e.access);
    else if (e.kind === 'call') e.args.forEach(walk);
  };
  walk(einsum.expr);
  return out;
}

/** The Einsum that writes `tensor`, or null for an input or a view. */
export function producerOf(g: Graph, tensor: string): string | null {
  const preds = g.predecessors(tensorNode(tensor)) ?? [];
  const producer = preds.find(isEinsumNode);
  return producer ? nameOf(producer) : null;
}

/** The Einsums that read `tensor`, directly or through a view of it, in graph order. */
export function consumersOf(g: Graph, tensor: string): string[] {
  const out: string[] = [];
  for (const succ of g.successors(tensorNode(tensor)) ?? []) {
    if (isEinsumNode(succ)) out.push(nameOf(succ));
    else out.push(...consumersOf(g, nameOf(succ))); // a view: its readers read the base
  }
  return [...new Set(out)];
}

/** Roles from the graph: no producer → input (a view: intermediate); produced → intermediate or output. */
export function tensorRoles(g: Graph, tensors: Record<string, TensorDecl>): Record<string, TensorRole> {
  const roles: Record<string, TensorRole> = {};
  for (const t of Object.values(tensors)) {
    const read = (g.successors(tensorNode(t.name)) ?? []).length > 0;
    if (t.viewOf) roles[t.name] = 'intermediate';
    else if (producerOf(g, t.name) === null) roles[t.name] = 'input';
    else roles[t.name] = read ? 'intermediate' : 'output';
  }
  return roles;
}

/**
 * The iterative rank along which a read edge is carried: every access on the edge reads the
 * tensor at an earlier position (r + c with c below the writer's shift) on a rank r that the
 * writer shifts. null when the edge is an ordinary same-iteration dependency.
 */
export function carriedRank(g: Graph, tensor: string, reads: Access[]): string | null {
  const producer = producerOf(g, tensor);
  if (producer === null) return null;
  const write = g.edge(einsumNode(producer), tensorNode(tensor)) as EdgeLabel;
  if (write.kind !== 'write') return null;
  let rank: string | null = null;
  for (const read of reads) {
    let carried: string | null = null;
    write.access.indices.forEach((w, i) => {
      const ws = shiftedRank(w);
      const rs = shiftedRank(read.indices[i]);
      if (ws && rs && ws.rank === rs.rank && ws.shift !== 0 && rs.shift < ws.shift) carried = ws.rank;
    });
    if (carried === null || (rank !== null && rank !== carried)) return null;
    rank = carried;
  }
  return rank;
}

export interface Recurrence {
  rank: string;
  einsums: string[];
}

export type GraphProblem =
  | { kind: 'cycle'; tensors: string[]; einsum: string }
  | { kind: 'ranks'; ranks: string[]; einsum: string };

/**
 * Recurrences and the topological order of Einsums with carried reads removed. Within the
 * freedom the dependencies leave, Einsums keep the order of `preferred` (the file's order).
 */
export function analyseGraph(g: Graph, preferred: string[]): { order: string[]; recurrences: Recurrence[]; problems: GraphProblem[] } {
  const carried = new Map<string, string>(); // edge key "v|w" → iterative rank
  for (const edge of g.edges()) {
    const label = g.edge(edge) as EdgeLabel;
    if (label.kind !== 'read') continue;
    const rank = carriedRank(g, nameOf(edge.v), label.accesses);
    if (rank !== null) carried.set(`${edge.v}|${edge.w}`, rank);
  }
  const problems: GraphProblem[] = [];
  const recurrences: Recurrence[] = [];
  // Without carried reads (no recurrence) the broken graph is the graph: same nodes and edges in
  // the same order, so Kahn's order is the same without copying a whole network.
  const broken = carried.size === 0 ? g : withoutEdges(g, carried);

  const rankIndex = new Map(preferred.map((id, i) => [einsumNode(id), i]));
  for (const scc of alg.tarjan(g)) {
    if (scc.length < 2) continue;
    const members = new Set(scc);
    const ranks = new Set<string>();
    for (const [key, rank] of carried) {
      const [v, w] = key.split('|');
      if (members.has(v) && members.has(w)) ranks.add(rank);
    }
    const inner = new Graph({ directed: true });
    for (const v of scc) inner.setNode(v);
    for (const e of broken.edges()) if (members.has(e.v) && members.has(e.w)) inner.setEdge(e.v, e.w);
    const einsums = scc.filter(isEinsumNode).sort((a, b) => (rankIndex.get(a) ?? 0) - (rankIndex.get(b) ?? 0));
    const first = nameOf(einsums[0]);
    if (!alg.isAcyclic(inner) || ranks.size === 0) {
      const cycle = alg.isAcyclic(inner) ? scc : alg.findCycles(inner)[0];
      problems.push({ kind: 'cycle', tensors: cycle.filter((n) => !isEinsumNode(n)).map(nameOf).sort(), einsum: first });
      continue;
    }
    if (ranks.size > 1) {
      problems.push({ kind: 'ranks', ranks: [...ranks].sort(), einsum: first });
      continue;
    }
    recurrences.push({ rank: [...ranks][0], einsums: kahn(inner, rankIndex).filter(isEinsumNode).map(nameOf) });
  }
  if (problems.length > 0) return { order: [], recurrences: [], problems };
  const order = kahn(broken, rankIndex).filter(isEinsumNode).map(nameOf);
  recurrences.sort((a, b) => order.indexOf(a.einsums[0]) - order.indexOf(b.einsums[0]));
  return { order, recurrences, problems };
}

/** A copy of `g`'s nodes and of its edges not in `removed` (keys "v|w"), without labels. */
function withoutEdges(g: Graph, removed: Map<string, string>): Graph {
  const out = new Graph({ directed: true });
  for (const v of g.nodes()) out.setNode(v);
  for (const e of g.edges()) if (!removed.has(`${e.v}|${e.w}`)) out.setEdge(e.v, e.w);
  return out;
}

/** Kahn's algorithm, always taking the ready node earliest in `preferred` (tensors first). */
function kahn(g: Graph, preferred: Map<string, number>): string[] {
  const indegree = new Map(g.nodes().map((v) => [v, (g.predecessors(v) ?? []).length]));
  const priority = (v: string): number => (isEinsumNode(v) ? (preferred.get(v) ?? Infinity) : -1);
  const ready = new ReadyQueue(priority);
  for (const v of g.nodes()) if (indegree.get(v) === 0) ready.push(v);
  const order: string[] = [];
  while (ready.size > 0) {
    const v = ready.pop();
    order.push(v);
    for (const w of g.successors(v) ?? []) {
      const d = (indegree.get(w) as number) - 1;
      indegree.set(w, d);
      if (d === 0) ready.push(w);
    }
  }
  return order;
}

/** Einsum ids in topological order (carried reads of recurrences do not constrain it). */
export function topologicalEinsums(cascade: GraphInput): string[] {
  return analyseGraph(buildGraph(cascade), cascade.einsums.map((e) => e.id)).order;
}
