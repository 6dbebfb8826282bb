// Design points of a sweep: the Cartesian product of named axes, generated lazily so a sweep of
// millions of points never materialises them. An axis name is a field path into the arch file
// (`structure.rows`) or a workload parameter (`param.M`); values are numbers or strings.
export type AxisValue = number | string;
export type DesignPoint = Record<string, AxisValue>;

export function* gridPoints(axes: Record<string, readonly AxisValue[]>): Generator<DesignPoint> {
  const names = Object.keys(axes);
  if (names.some((n) => axes[n].length === 0)) return;
  const idx = names.map(() => 0);
  for (;;) {
    const point: DesignPoint = {};
    names.forEach((n, i) => (point[n] = axes[n][idx[i]]));
    yield point;
    let k = names.length - 1;
    while (k >= 0 && ++idx[k] === axes[names[k]].length) idx[k--] = 0;
    if (k < 0) return;
  }
}

export function countPoints(axes: Record<string, readonly AxisValue[]>): number {
  return Object.values(axes).reduce((n, v) => n * v.length, 1);
}
