// The cascade's graph (src/einsum/graph.ts), built once per cascade object: the pass analysis and
// the schedule of every kernel all ask it about producers and carried reads.
import type { Graph } from '@dagrejs/graphlib';
import { buildGraph } from '../../einsum/graph.js';
import type { Cascade } from '../../einsum/types.js';

const graphs = new WeakMap<Cascade, Graph>();

export function graphOf(cascade: Cascade): Graph {
  let g = graphs.get(cascade);
  if (!g) {
    g = buildGraph(cascade);
    graphs.set(cascade, g);
  }
  return g;
}
