// The evaluator's inner loop: one Einsum over a box of its iteration space (the whole space, or
// one position of the iterative rank of a recurrence). Kept ranks are the outer odometer,
// reduced ranks the inner one; addresses and padded-dimension indices are updated
// incrementally (add a rank's coefficient on increment, subtract its span on wrap), so a point
// costs a few additions per access plus the map.
import type { AccessPlan, EinsumPlan } from './plan.js';

/** Flattened per-access state: current address and index of each padded dimension. */
interface Cursor {
  addr: Float64Array;
  addrCoef: Float64Array[]; // [rank][access]
  padVal: Float64Array;
  padCoef: Float64Array[]; // [rank][padded dim]
  padExtent: Float64Array;
  padOwner: Int32Array; // access index of each padded dim
}

function cursorAt(accesses: AccessPlan[], lo: number[]): Cursor {
  const n = lo.length;
  const padded = accesses.flatMap((a, i) => a.padded.map((p) => ({ p, i })));
  const at = (coef: number[], constant: number): number => coef.reduce((s, c, r) => s + c * lo[r], constant);
  return {
    addr: Float64Array.from(accesses, (a) => at(a.address.coef, a.address.constant)),
    addrCoef: Array.from({ length: n }, (_, r) => Float64Array.from(accesses, (a) => a.address.coef[r])),
    padVal: Float64Array.from(padded, ({ p }) => at(p.at.coef, p.at.constant)),
    padCoef: Array.from({ length: n }, (_, r) => Float64Array.from(padded, ({ p }) => p.at.coef[r])),
    padExtent: Float64Array.from(padded, ({ p }) => p.extent),
    padOwner: Int32Array.from(padded, ({ i }) => i),
  };
}

function addScaled(target: Float64Array, delta: Float64Array, k: number): void {
  for (let i = 0; i < target.length; i++) target[i] += k * delta[i];
}

/**
 * Evaluate `plan` over the box lo ≤ i < hi (per rank, in plan.ranks order), reading `data`
 * (by tensor name) and writing the output tensor's array.
 */
export function runBox(plan: EinsumPlan, data: Record<string, Float64Array>, lo: number[], hi: number[]): void {
  const n = plan.ranks.length;
  for (let r = 0; r < n; r++) if (hi[r] <= lo[r]) return;
  // Access 0 is the output; the reads follow in map-slot order.
  const accesses = [plan.output, ...plan.reads];
  const arrays = accesses.map((a) => data[a.tensor]);
  const out = arrays[0];
  const c = cursorAt(accesses, lo);
  const nReads = plan.reads.length;
  const nPad = c.padVal.length;
  const values = new Float64Array(nReads);
  const inPadding = new Uint8Array(accesses.length);
  const idx = lo.slice();
  const kept = plan.keptCount;

  // Step the odometer over ranks [from, to); false once it has wrapped all of them.
  const advance = (from: number, to: number): boolean => {
    for (let r = to - 1; r >= from; r--) {
      idx[r]++;
      addScaled(c.addr, c.addrCoef[r], 1);
      if (nPad) addScaled(c.padVal, c.padCoef[r], 1);
      if (idx[r] < hi[r]) return true;
      const span = hi[r] - lo[r];
      addScaled(c.addr, c.addrCoef[r], -span);
      if (nPad) addScaled(c.padVal, c.padCoef[r], -span);
      idx[r] = lo[r];
    }
    return false;
  };

  const load = (): void => {
    if (nPad) {
      inPadding.fill(0);
      for (let p = 0; p < nPad; p++) {
        const v = c.padVal[p];
        if (v < 0 || v >= c.padExtent[p]) inPadding[c.padOwner[p]] = 1;
      }
    }
    for (let a = 0; a < nReads; a++) values[a] = inPadding[a + 1] ? 0 : arrays[a + 1][c.addr[a + 1]];
  };

  const op = plan.reduce;
  const map = plan.map;
  do {
    if (op === null) {
      load();
      out[c.addr[0]] = map(values);
      continue;
    }
    let acc = op === 'sum' ? 0 : op === 'max' ? -Infinity : Infinity;
    do {
      load();
      const v = map(values);
      if (op === 'sum') acc += v;
      else if (op === 'max') acc = v > acc || v !== v ? v : acc;
      else acc = v < acc || v !== v ? v : acc;
    } while (advance(kept, n));
    out[c.addr[0]] = acc;
  } while (advance(0, kept));
}
