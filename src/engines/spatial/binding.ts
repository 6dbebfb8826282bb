// Which array each Einsum runs on. The rule, in order (docs/spatial.md, "Binding"):
//  1. the Einsum's `bind: 2d | 1d` annotation, when that array's PEs support every op it needs;
//  2. otherwise the default: a contraction (a `mac` per point: QK, AV, GEMMs) goes to the 2-D
//     array, everything else (max, exp, divide, running sums) to the 1-D array;
//  3. if the chosen array cannot run it, the other one; if neither can, the Einsum is unsupported.
// So the one-pass cascade's FuseMax binding (LM, SLN, SLD on the 2-D array) falls back to the 1-D
// array on FLAT's MAC-only 2-D PEs — the "+Cascade" ablation point — with no design-specific code.
import type { Einsum } from '../../einsum/types.js';
import { costOnArray, opsPerPoint, type OpCost } from './ops.js';
import { arrayView, type ArrayName, type SpatialStructure } from './structure.js';

export type Binding =
  | { ok: true; array: ArrayName; cost: OpCost; reason: string }
  | { ok: false; reason: string };

export function bindEinsum(einsum: Einsum, s: SpatialStructure): Binding {
  const ops = opsPerPoint(einsum);
  const requested = einsum.annotations.bind;
  const annotated = requested === '2d' || requested === '1d' ? requested : null;
  const preferred: ArrayName = annotated ?? ((ops.mac ?? 0) > 0 ? '2d' : '1d');
  const why = annotated ? `bind: ${annotated}` : (ops.mac ?? 0) > 0 ? 'default: a contraction goes to the 2-D array' : 'default: non-contractions go to the 1-D array';
  const first = costOnArray(ops, arrayView(s, preferred));
  if (first.ok) return { ok: true, array: preferred, cost: first.cost, reason: why };
  const other: ArrayName = preferred === '2d' ? '1d' : '2d';
  const second = costOnArray(ops, arrayView(s, other));
  if (second.ok) {
    return { ok: true, array: other, cost: second.cost, reason: `${why}, but the ${preferred} PEs have no ${first.missing.join(', ')}: runs on the ${other} array` };
  }
  return { ok: false, reason: `neither array supports ${[...new Set([...first.missing, ...second.missing])].join(', ')}` };
}
