// Input stationary (systolic_compute_is.py): window elements on array rows, ofmap pixels on
// columns, filters stream through time. (Sr, Sc, T) = (K, M, N); a fold lasts 2R + C + T − 2 rows.
import { filterIndex, ifmapIndex, ofmapIndex } from '../operand-matrix.js';
import type { DataflowModel } from './model.js';
import { pieceSize } from './model.js';

export const inputStationary: DataflowModel = {
  name: 'is',
  mapping: (g) => ({ sr: g.k, sc: g.m, t: g.n }),
  foldRows: (r, c, t) => 2 * r + c + t - 2,
  // As in ws, SCALE-Sim divides by 2R + 2C + T − 3 (§6.2).
  computeUtilCycles: (r, c, t) => 2 * r + 2 * c + t - 3,
  demand: (g, grid) => ({
    // [flip(padr(padc(IFᵀ[r0:r1, c0:c1], C), R)); neg(R+C+T−2, C)]: inputs preload, unskewed.
    ifmap: {
      kind: 'preloaded', ports: grid.cols, pre: 0, dataRows: grid.rows,
      usedPorts: (f) => f.cu,
      firstDataRow: (f) => grid.rows - f.ru,
      sramAccesses: (f) => f.ru * f.cu,
      element: (f, k, j) => ifmapIndex(g, f.c0 + j, f.r0 + k),
      ifmapAxes: (f) => ({ pixel0: f.c0, pixelPerRow: 0, pixelPerPort: 1, window0: f.r0, windowPerRow: 1, windowPerPort: 0 }),
      reuseKey: (f) => f.index,
    },
    // skew([neg(R, R); padc(FL[r0:r1, :]ᵀ, R); neg(C−1, R)]): port j streams window element r0+j.
    filter: {
      kind: 'skewed', ports: grid.rows, pre: grid.rows, dataRows: grid.t,
      usedPorts: (f) => f.ru,
      firstDataRow: () => 0,
      sramAccesses: (f) => grid.t * f.ru,
      element: (f, k, j) => filterIndex(g, f.r0 + j, k),
      reuseKey: (f) => f.fr,
    },
    // skew([neg(2R−1, C); padc(OF[c0:c1, :]ᵀ, C)]): every row fold writes the full T-long stream.
    ofmap: {
      kind: 'skewed', ports: grid.cols, pre: 2 * grid.rows - 1, dataRows: grid.t,
      usedPorts: (f) => f.cu,
      firstDataRow: () => 0,
      sramAccesses: (f) => grid.t * f.cu,
      element: (f, k, j) => ofmapIndex(g, f.c0 + j, k),
      reuseKey: (f) => f.fc,
    },
  }),
  prefetch: (g, grid) => ({
    // stack over fc of padc(IFᵀ[:, c0:c1], C), no rollout (the inputs are not skewed).
    ifmap: {
      blocks: grid.colFolds, blockRows: grid.sr, width: grid.cols, rollout: false,
      usedCols: (b) => pieceSize(grid.sc, grid.cols, b),
      entry: (b, r, j) => ifmapIndex(g, b * grid.cols + j, r),
    },
    // rollout(stack over fr of padc(FL[r0:r1, :]ᵀ, R)).
    filter: {
      blocks: grid.rowFolds, blockRows: grid.t, width: grid.rows, rollout: true,
      usedCols: (b) => pieceSize(grid.sr, grid.rows, b),
      entry: (b, r, j) => filterIndex(g, b * grid.rows + j, r),
    },
  }),
};
