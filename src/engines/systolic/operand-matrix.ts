// SCALE-Sim's operand matrices without materialising them (scalesim.md §2, compute/operand_matrix.py).
// IF is M×K (ofmap pixel × window element), FL is K×N, OF is M×N. An element is named by its index
// in the operand's own address space (NHWC ifmap index, n·K + j filter index, p·N + n ofmap index);
// the configured offsets are added only when addresses are printed (traces).
import { EinsimError } from '../../errors.js';
import type { ScaleSimLayer } from './types.js';

/** Null request: "no access in this slot" (SCALE-Sim's −1). */
export const NULL_ADDR = -1;

export interface LayerGeometry {
  /** Ofmap height and width: ceil((H − Fh + s) / s) (topology_utils.topo_calc_hyperparams). */
  eh: number;
  ew: number;
  /** Ofmap pixels per filter (M), window size (K = Fh·Fw·Ch), filters (N). */
  m: number;
  k: number;
  n: number;
  macs: number;
  /** Some windows hang over the bottom/right edge, so IF holds −1 entries (scalesim.md §2). */
  partialWindows: boolean;
  /** Every IF entry is a different ifmap address (windows do not overlap). */
  distinctIfmap: boolean;
  /** IF[p][k] = pixelBase[p] + windowOffset[k] when valid. */
  pixelBase: Int32Array;
  windowOffset: Int32Array;
  /** Validity of IF[p][k] when partialWindows: windowRow[k] < rowsLeft[p] && windowCol[k] < colsLeft[p]. */
  rowsLeft: Int32Array;
  colsLeft: Int32Array;
  windowRow: Int32Array;
  windowCol: Int32Array;
}

const MAX_INDEX = 2 ** 31 - 1;

/** Geometry of a layer; throws EinsimError for layers SCALE-Sim would reject (its asserts). */
export function layerGeometry(layer: ScaleSimLayer, file = '<layer>'): LayerGeometry {
  const fields = ['ifmapH', 'ifmapW', 'filterH', 'filterW', 'channels', 'numFilters', 'strideH', 'strideW'] as const;
  for (const f of fields) {
    const v = layer[f];
    if (!Number.isSafeInteger(v) || v < 1) {
      throw new EinsimError({ file, path: `${layer.name}.${f}`, code: 'invalid_value', expected: 'a positive integer', received: String(v) });
    }
  }
  // topology_utils.append_topo_arrays asserts Fh ≤ H and Fw ≤ W (its "ISSUE #9 Fix").
  if (layer.filterH > layer.ifmapH) {
    throw new EinsimError({ file, path: `${layer.name}.filterH`, code: 'invalid_value', expected: `at most ifmapH (${layer.ifmapH})`, received: String(layer.filterH) });
  }
  if (layer.filterW > layer.ifmapW) {
    throw new EinsimError({ file, path: `${layer.name}.filterW`, code: 'invalid_value', expected: `at most ifmapW (${layer.ifmapW})`, received: String(layer.filterW) });
  }
  const { ifmapH: h, ifmapW: w, filterH: fh, filterW: fw, channels: ch, numFilters: n, strideH: sh, strideW: sw } = layer;
  const eh = Math.ceil((h - fh + sh) / sh);
  const ew = Math.ceil((w - fw + sw) / sw);
  const m = eh * ew;
  const k = fh * fw * ch;
  const sizes = [h * w * ch, k * n, m * n, m * k];
  if (sizes.some((s) => s > MAX_INDEX)) {
    throw new EinsimError({ file, path: layer.name, code: 'unsupported', expected: 'operand matrices with fewer than 2^31 elements', received: `IF ${m}×${k}, FL ${k}×${n}` });
  }
  const pixelBase = new Int32Array(m);
  const rowsLeft = new Int32Array(m);
  const colsLeft = new Int32Array(m);
  for (let p = 0; p < m; p++) {
    const ir = Math.floor(p / ew) * sh;
    const ic = (p % ew) * sw;
    pixelBase[p] = (ir * w + ic) * ch;
    rowsLeft[p] = h - ir;
    colsLeft[p] = w - ic;
  }
  const windowOffset = new Int32Array(k);
  const windowRow = new Int32Array(k);
  const windowCol = new Int32Array(k);
  for (let j = 0; j < k; j++) {
    const cr = Math.floor(j / (fw * ch));
    const cc = Math.floor((j % (fw * ch)) / ch);
    windowRow[j] = cr;
    windowCol[j] = cc;
    windowOffset[j] = (cr * w + cc) * ch + (j % ch);
  }
  const partialWindows = (h - fh) % sh !== 0 || (w - fw) % sw !== 0;
  const distinctIfmap = (eh === 1 || fh <= sh) && (ew === 1 || fw <= sw);
  return { eh, ew, m, k, n, macs: m * n * k, partialWindows, distinctIfmap, pixelBase, windowOffset, rowsLeft, colsLeft, windowRow, windowCol };
}

/** IF[p][j] as an ifmap index, or NULL_ADDR for a window element outside the ifmap. */
export function ifmapIndex(g: LayerGeometry, p: number, j: number): number {
  if (g.partialWindows && (g.windowRow[j] >= g.rowsLeft[p] || g.windowCol[j] >= g.colsLeft[p])) return NULL_ADDR;
  return g.pixelBase[p] + g.windowOffset[j];
}

/** FL[j][n] (calc_filter_elem_addr). */
export function filterIndex(g: LayerGeometry, j: number, n: number): number {
  return n * g.k + j;
}

/** OF[p][n] (calc_ofmap_elem_addr). */
export function ofmapIndex(g: LayerGeometry, p: number, n: number): number {
  return p * g.n + n;
}
