// Group stages along chosen edges into sets that run together (dataflow stream clusters, InTAR
// pipeline groups), with the two rules a FIFO-connected group needs: no barrier edge inside a
// group (a consumer that must hold a whole tensor cannot run beside its producer), and no cycle
// between groups (each group starts when the groups it depends on have ended). Groups come out in
// an order that respects their dependencies, earliest stages first.
import type { StageEdge, StageGraph } from './stages.js';

export function groupStages(g: StageGraph, joins: (e: StageEdge) => boolean): string[][] {
  const groupOf = new Map(g.stages.map((s) => [s.id, s.id]));
  const find = (id: string): string => {
    let r = id;
    while (groupOf.get(r) !== r) r = groupOf.get(r) as string;
    return r;
  };
  const sorted = [...g.edges].sort((a, b) => indexOf(g, a.to) - indexOf(g, b.to) || indexOf(g, a.from) - indexOf(g, b.from));
  for (const e of sorted) {
    if (!joins(e)) continue;
    const [a, b] = [find(e.from), find(e.to)];
    if (a === b) continue;
    const before = new Map(groupOf);
    groupOf.set(b, a);
    if (hasBarrierInside(g, find) || hasCycle(g, find)) {
      groupOf.clear();
      for (const [k, v] of before) groupOf.set(k, v);
    }
  }
  return orderGroups(g, find);
}

/**
 * Whether the stages themselves form a loop: a recurrence whose Einsums fall in different stages
 * (one-pass attention's running numerator, written by a later stage and read by an earlier one in
 * the next iteration). Groups are ordered topologically, so such a graph has no group order.
 */
export function stagesLoop(g: StageGraph): boolean {
  return hasCycle(g, (id) => id);
}

function indexOf(g: StageGraph, id: string): number {
  return g.stages.findIndex((s) => s.id === id);
}

function hasBarrierInside(g: StageGraph, find: (id: string) => string): boolean {
  return g.edges.some((e) => !e.coupled && find(e.from) === find(e.to));
}

function groupEdges(g: StageGraph, find: (id: string) => string): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  for (const s of g.stages) out.set(find(s.id), out.get(find(s.id)) ?? new Set());
  for (const e of g.edges) {
    const [a, b] = [find(e.from), find(e.to)];
    if (a !== b) (out.get(a) as Set<string>).add(b);
  }
  return out;
}

function hasCycle(g: StageGraph, find: (id: string) => string): boolean {
  const next = groupEdges(g, find);
  const state = new Map<string, 1 | 2>();
  const visit = (n: string): boolean => {
    if (state.get(n) === 2) return false;
    if (state.get(n) === 1) return true;
    state.set(n, 1);
    for (const m of next.get(n) ?? []) if (visit(m)) return true;
    state.set(n, 2);
    return false;
  };
  return [...next.keys()].some(visit);
}

/** Topological order of the groups (Kahn), ready groups taken by their earliest stage. */
function orderGroups(g: StageGraph, find: (id: string) => string): string[][] {
  const members = new Map<string, string[]>();
  for (const s of g.stages) members.set(find(s.id), [...(members.get(find(s.id)) ?? []), s.id]);
  const next = groupEdges(g, find);
  const indegree = new Map([...members.keys()].map((k) => [k, 0]));
  for (const targets of next.values()) for (const t of targets) indegree.set(t, (indegree.get(t) ?? 0) + 1);
  const first = (k: string): number => Math.min(...(members.get(k) as string[]).map((id) => indexOf(g, id)));
  const out: string[][] = [];
  const ready = [...indegree].filter(([, d]) => d === 0).map(([k]) => k);
  while (ready.length > 0) {
    ready.sort((a, b) => first(a) - first(b));
    const k = ready.shift() as string;
    out.push(members.get(k) as string[]);
    for (const t of next.get(k) ?? []) {
      indegree.set(t, (indegree.get(t) as number) - 1);
      if (indegree.get(t) === 0) ready.push(t);
    }
  }
  return out;
}
