// Weight stationary (systolic_compute_ws.py): window elements on array rows, filters on columns,
// ofmap pixels stream through time. (Sr, Sc, T) = (K, N, M); a fold lasts 2R + C + T − 2 rows.
import { filterIndex, ifmapIndex, ofmapIndex } from '../operand-matrix.js';
import type { DataflowModel } from './model.js';
import { pieceSize } from './model.js';

export const weightStationary: DataflowModel = {
  name: 'ws',
  mapping: (g) => ({ sr: g.k, sc: g.n, t: g.m }),
  foldRows: (r, c, t) => 2 * r + c + t - 2,
  // SCALE-Sim divides by rows + cols − 1 of the unskewed filter block, 2R + 2C + T − 3 (§6.2).
  computeUtilCycles: (r, c, t) => 2 * r + 2 * c + t - 3,
  demand: (g, grid) => ({
    // skew([neg(R, R); padc(IF[:, r0:r1], R); neg(C−1, R)]): port j streams window element r0+j.
    ifmap: {
      kind: 'skewed', ports: grid.rows, pre: grid.rows, dataRows: grid.t,
      usedPorts: (f) => f.ru,
      firstDataRow: () => 0,
      sramAccesses: (f) => grid.t * f.ru,
      element: (f, k, j) => ifmapIndex(g, k, f.r0 + j),
      ifmapAxes: (f) => ({ pixel0: 0, pixelPerRow: 1, pixelPerPort: 0, window0: f.r0, windowPerRow: 0, windowPerPort: 1 }),
      reuseKey: (f) => f.fr,
    },
    // [flip(padr(padc(FL[r0:r1, c0:c1], C), R)); neg(R+C+T−2, C)]: weights preload, unskewed.
    filter: {
      kind: 'preloaded', ports: grid.cols, pre: 0, dataRows: grid.rows,
      usedPorts: (f) => f.cu,
      firstDataRow: (f) => grid.rows - f.ru,
      sramAccesses: (f) => f.ru * f.cu,
      element: (f, k, j) => filterIndex(g, f.r0 + k, f.c0 + j),
      reuseKey: (f) => f.index,
    },
    // skew([neg(2R−1, C); padc(OF[:, c0:c1], C)]): every row fold writes the full T-long stream.
    ofmap: {
      kind: 'skewed', ports: grid.cols, pre: 2 * grid.rows - 1, dataRows: grid.t,
      usedPorts: (f) => f.cu,
      firstDataRow: () => 0,
      sramAccesses: (f) => grid.t * f.cu,
      element: (f, k, j) => ofmapIndex(g, k, f.c0 + j),
      reuseKey: (f) => f.fc,
    },
  }),
  prefetch: (g, grid) => ({
    // rollout(stack over fr of padc(IF[:, r0:r1], R)).
    ifmap: {
      blocks: grid.rowFolds, blockRows: grid.t, width: grid.rows, rollout: true,
      usedCols: (b) => pieceSize(grid.sr, grid.rows, b),
      entry: (b, r, j) => ifmapIndex(g, r, b * grid.rows + j),
    },
    // stack over fc of padc(FL[:, c0:c1], C), no rollout (the weights are not skewed).
    filter: {
      blocks: grid.colFolds, blockRows: grid.sr, width: grid.cols, rollout: false,
      usedCols: (b) => pieceSize(grid.sc, grid.cols, b),
      entry: (b, r, j) => filterIndex(g, r, b * grid.cols + j),
    },
  }),
};
