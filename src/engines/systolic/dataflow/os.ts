// Output stationary (systolic_compute_os.py): ofmap pixels on array rows, filters on columns, the
// window streams through time. (Sr, Sc, T) = (M, N, K); a fold lasts T + R + C − 2 rows.
import { filterIndex, ifmapIndex, ofmapIndex } from '../operand-matrix.js';
import type { DataflowModel } from './model.js';
import { pieceSize } from './model.js';

export const outputStationary: DataflowModel = {
  name: 'os',
  mapping: (g) => ({ sr: g.m, sc: g.n, t: g.k }),
  foldRows: (r, c, t) => t + r + c - 2,
  computeUtilCycles: (r, c, t) => t + r + c - 2,
  demand: (g, grid) => ({
    // skew([padc(IFᵀ[:, r0:r1], R); neg(C−1, R)]): port j streams pixel r0+j's window.
    ifmap: {
      kind: 'skewed', ports: grid.rows, pre: 0, dataRows: grid.t,
      usedPorts: (f) => f.ru,
      firstDataRow: () => 0,
      sramAccesses: (f) => grid.t * f.ru,
      element: (f, k, j) => ifmapIndex(g, f.r0 + j, k),
      ifmapAxes: (f) => ({ pixel0: f.r0, pixelPerRow: 0, pixelPerPort: 1, window0: 0, windowPerRow: 1, windowPerPort: 0 }),
      reuseKey: (f) => f.fr,
    },
    // skew([padc(FL[:, c0:c1], C); neg(R−1, C)]): port j streams filter c0+j.
    filter: {
      kind: 'skewed', ports: grid.cols, pre: 0, dataRows: grid.t,
      usedPorts: (f) => f.cu,
      firstDataRow: () => 0,
      sramAccesses: (f) => grid.t * f.cu,
      element: (f, k, j) => filterIndex(g, k, f.c0 + j),
      reuseKey: (f) => f.fc,
    },
    // skew([neg(T−1, C); flip(padr(padc(OF[r0:r1, c0:c1], C), R))]): results leave the bottom edge,
    // last array row first. SCALE-Sim adds R + C per fold to the SRAM count (its bug, §6.1).
    ofmap: {
      kind: 'skewed', ports: grid.cols, pre: grid.t - 1, dataRows: grid.rows,
      usedPorts: (f) => f.cu,
      firstDataRow: (f) => grid.rows - f.ru,
      sramAccesses: (f) => f.ru * f.cu + grid.rows + grid.cols,
      element: (f, k, j) => ofmapIndex(g, f.r0 + grid.rows - 1 - k, f.c0 + j),
      reuseKey: (f) => f.index,
    },
  }),
  prefetch: (g, grid) => ({
    // rollout(stack over fr of padc(IFᵀ[:, r0:r1], R)): one pass over IF.
    ifmap: {
      blocks: grid.rowFolds, blockRows: grid.t, width: grid.rows, rollout: true,
      usedCols: (b) => pieceSize(grid.sr, grid.rows, b),
      entry: (b, r, j) => ifmapIndex(g, b * grid.rows + j, r),
    },
    // rollout(stack over fc of padc(FL[:, c0:c1], C)).
    filter: {
      blocks: grid.colFolds, blockRows: grid.t, width: grid.cols, rollout: true,
      usedCols: (b) => pieceSize(grid.sc, grid.cols, b),
      entry: (b, r, j) => filterIndex(g, r, b * grid.cols + j),
    },
  }),
};
