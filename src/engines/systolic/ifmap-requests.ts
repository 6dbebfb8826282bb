// The valid ifmap requests of one fold, in demand order, addressed straight from the layer
// geometry: the same requests as rowRequests over the fold's rows, without calling element() per
// slot (the hot loop of conv layers, whose windows overlap so each request must be looked at).
import type { OperandDemand } from './demand.js';
import { foldDataRows } from './demand.js';
import type { Fold } from './folds.js';
import type { LayerGeometry } from './operand-matrix.js';

/** At most this many requests in one fold (the capacity `ifmapFoldRequests` needs). */
export function maxFoldRequests(d: OperandDemand): number {
  return d.ports * d.dataRows;
}

/** Writes fold f's requests (ifmap indices) into addr[0 …] and each one's fold row t into rows[0 …]; returns how many. */
export function ifmapFoldRequests(g: LayerGeometry, d: OperandDemand, f: Fold, addr: Int32Array, rows: Int32Array): number {
  const ax = d.ifmapAxes!(f);
  const skewed = d.kind === 'skewed';
  // Along a row, the port j grows by one; in a skewed block the block row k shrinks by one.
  const dPixel = skewed ? ax.pixelPerPort - ax.pixelPerRow : ax.pixelPerPort;
  const dWindow = skewed ? ax.windowPerPort - ax.windowPerRow : ax.windowPerPort;
  const { pixelBase, windowOffset, rowsLeft, colsLeft, windowRow, windowCol, partialWindows } = g;
  const [tLo, tHi] = foldDataRows(d, f);
  const wu = d.usedPorts(f);
  const k0 = d.firstDataRow(f);
  let n = 0;
  for (let t = tLo; t <= tHi; t++) {
    // rowPortRange, inlined: the ports of fold row t that carry data.
    let lo = 0;
    let hi = wu - 1;
    let k = d.dataRows - 1 - t;
    if (skewed) {
      const rel = t - d.pre;
      lo = rel - d.dataRows + 1 > 0 ? rel - d.dataRows + 1 : 0;
      hi = rel - k0 < wu - 1 ? rel - k0 : wu - 1;
      k = rel - lo;
    }
    if (hi < lo) continue;
    let p = ax.pixel0 + ax.pixelPerRow * k + ax.pixelPerPort * lo;
    let w = ax.window0 + ax.windowPerRow * k + ax.windowPerPort * lo;
    for (let j = lo; j <= hi; j++, p += dPixel, w += dWindow) {
      if (partialWindows && (windowRow[w] >= rowsLeft[p] || windowCol[w] >= colsLeft[p])) continue;
      addr[n] = pixelBase[p] + windowOffset[w];
      rows[n++] = t;
    }
  }
  return n;
}
