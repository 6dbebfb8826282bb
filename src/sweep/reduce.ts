// Reducers over evaluated design points (ZigZag's reduce stages, as plain functions).

/**
 * The points no other point beats on every objective (all minimised). A point that ties another
 * on every objective is kept once (the first seen). O(n²) on the candidates, fine for sweeps of
 * thousands; the front itself is usually small.
 */
export function paretoFront<T>(items: readonly T[], objectives: readonly ((x: T) => number)[]): T[] {
  const values = items.map((x) => objectives.map((f) => f(x)));
  const dominates = (a: number[], b: number[]): boolean => a.every((v, i) => v <= b[i]) && a.some((v, i) => v < b[i]);
  const equal = (a: number[], b: number[]): boolean => a.every((v, i) => v === b[i]);
  const front: T[] = [];
  for (let i = 0; i < items.length; i++) {
    let keep = true;
    for (let j = 0; j < items.length && keep; j++) {
      if (i === j) continue;
      if (dominates(values[j], values[i])) keep = false;
      else if (j < i && equal(values[j], values[i])) keep = false;
    }
    if (keep) front.push(items[i]);
  }
  return front;
}

/** The item with the smallest metric; ties go to the smaller tie-break (e.g. equal energy → lower latency). */
export function minBy<T>(items: readonly T[], metric: (x: T) => number, tieBreak?: (x: T) => number): T | undefined {
  let best: T | undefined;
  for (const x of items) {
    if (best === undefined) {
      best = x;
      continue;
    }
    const d = metric(x) - metric(best);
    if (d < 0 || (d === 0 && tieBreak !== undefined && tieBreak(x) < tieBreak(best))) best = x;
  }
  return best;
}
