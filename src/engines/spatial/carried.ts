// Whether a read is of the previous iteration's value (RM[m1] read by the Einsum writing
// RM[m1+1]). Only a read of the written tensor itself can be: a view (BK[e,m1,m0] of K) has its
// own indices and is never written.
import type { Graph } from '@dagrejs/graphlib';
import { carriedRank } from '../../einsum/graph.js';
import type { Access, Cascade } from '../../einsum/types.js';

export function isCarried(g: Graph, cascade: Cascade, read: Access): boolean {
  if (cascade.tensors[read.tensor]?.viewOf) return false;
  return carriedRank(g, read.tensor, [read]) !== null;
}
