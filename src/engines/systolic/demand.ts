// Demand matrices, described instead of built (scalesim.md §3, create_*_demand_mat). A demand
// matrix has one row per cycle and one column per array-edge port; per fold it is one of two shapes:
//
// - skewed: an unskewed block of `dataRows` rows (after `pre` rows of −1) is skewed so that port j
//   sees block row k at fold row t = pre + k + j (SCALE-Sim's skew_matrix). Streaming operands and
//   every ofmap use it.
// - preloaded: the stationary operand (ws filter, is ifmap) enters unskewed in the first R rows,
//   last block row first (SCALE-Sim's np.flip), then the ports idle for the rest of the fold.
//
// Each dataflow (dataflow/os.ts, ws.ts, is.ts) says which shape each operand has and which operand
// element sits at (block row, port); everything else (row contents, counts) is shared here.
import { NULL_ADDR } from './operand-matrix.js';
import type { Fold } from './folds.js';

export interface OperandDemand {
  kind: 'skewed' | 'preloaded';
  /** Demand-matrix columns (array rows R for ifmap-like operands, columns C otherwise). */
  ports: number;
  /** skewed: −1 rows before the data block; preloaded: 0. */
  pre: number;
  /** Rows of the unskewed data block (skewed), or R for preloaded. */
  dataRows: number;
  /** Ports that carry data in this fold; the others are −1 padding. */
  usedPorts(f: Fold): number;
  /**
   * skewed: first block row that carries data (os ofmap: R − ru, after its flip; else 0).
   * preloaded: first fold row that carries data (R − ru: the flip puts the padding rows first).
   */
  firstDataRow(f: Fold): number;
  /** SCALE-Sim's SRAM access count for the fold (unpadded slice size, plus any bug it adds). */
  sramAccesses(f: Fold): number;
  /** Operand index at (block row k, port j), or NULL_ADDR (partial conv windows). */
  element(f: Fold, k: number, j: number): number;
  /**
   * Folds with the same key read the same operand tile in the same order (os ifmap: every column
   * fold re-reads row fold fr's pixels); a stationary tile read once has a key of its own. Keys are
   * fold, row-fold or column-fold indices, so they lie in [0, folds).
   */
  reuseKey(f: Fold): number;
  /** ifmap only: where IF's pixel and window axes run in this fold (lets hot loops skip element()). */
  ifmapAxes?: (f: Fold) => IfmapAxes;
}

/** element(f, k, j) = IF[pixel0 + pixelPerRow·k + pixelPerPort·j][window0 + windowPerRow·k + windowPerPort·j]. */
export interface IfmapAxes {
  pixel0: number;
  pixelPerRow: number;
  pixelPerPort: number;
  window0: number;
  windowPerRow: number;
  windowPerPort: number;
}

/** Ports of fold row t that can carry data: [lo, hi] (empty when lo > hi). */
export function rowPortRange(d: OperandDemand, f: Fold, t: number): [number, number] {
  const wu = d.usedPorts(f);
  if (d.kind === 'preloaded') {
    // Row t holds block row dataRows−1−t (the flip); padding rows come first.
    if (t < d.firstDataRow(f) || t >= d.dataRows) return [0, -1];
    return [0, wu - 1];
  }
  const rel = t - d.pre;
  return [Math.max(0, rel - d.dataRows + 1), Math.min(wu - 1, rel - d.firstDataRow(f))];
}

/** Number of non-padding slots in fold row t (partial-window −1s included, as SCALE-Sim counts them). */
export function rowSlots(d: OperandDemand, f: Fold, t: number): number {
  const [lo, hi] = rowPortRange(d, f, t);
  return hi >= lo ? hi - lo + 1 : 0;
}

/** The block row a port reads at fold row t. */
function blockRow(d: OperandDemand, t: number, j: number): number {
  return d.kind === 'preloaded' ? d.dataRows - 1 - t : t - d.pre - j;
}

/**
 * The valid operand indices of fold row t in port order (what a buffer is asked for), packed into
 * `out`; returns how many.
 */
export function rowRequests(d: OperandDemand, f: Fold, t: number, out: Int32Array): number {
  const [lo, hi] = rowPortRange(d, f, t);
  let n = 0;
  for (let j = lo; j <= hi; j++) {
    const e = d.element(f, blockRow(d, t, j), j);
    if (e !== NULL_ADDR) out[n++] = e;
  }
  return n;
}

/** The whole fold row t, one entry per port, NULL_ADDR where the port idles (for SRAM traces). */
export function rowAllPorts(d: OperandDemand, f: Fold, t: number, out: Int32Array): void {
  out.fill(NULL_ADDR, 0, d.ports);
  const [lo, hi] = rowPortRange(d, f, t);
  for (let j = lo; j <= hi; j++) out[j] = d.element(f, blockRow(d, t, j), j);
}

/**
 * Non-padding slots of fold f over all its rows: both shapes carry block rows firstDataRow …
 * dataRows−1 on each used port (partial-window −1s included, as rowSlots counts them).
 */
export function foldSlots(d: OperandDemand, f: Fold): number {
  return (d.dataRows - d.firstDataRow(f)) * d.usedPorts(f);
}

/** Fold rows that can hold data: [first, last]; rows outside it are all −1. */
export function foldDataRows(d: OperandDemand, f: Fold): [number, number] {
  if (d.kind === 'preloaded') return [d.firstDataRow(f), d.dataRows - 1];
  return [d.pre + d.firstDataRow(f), d.pre + d.dataRows - 1 + d.usedPorts(f) - 1];
}
