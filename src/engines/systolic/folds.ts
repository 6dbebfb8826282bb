// Folds: how the Sr × Sc spatial extent is cut into R × C pieces (scalesim.md §3, set_params and
// the per-fold loops of systolic_compute_{os,ws,is}.py). Folds are visited column fold outer,
// row fold inner, in every dataflow and for every operand.

export interface Mapping {
  /** Spatial rows / columns and the temporal extent of the dataflow (os: M,N,K; ws: K,N,M; is: K,M,N). */
  sr: number;
  sc: number;
  t: number;
}

export interface FoldGrid extends Mapping {
  rows: number;
  cols: number;
  rowFolds: number;
  colFolds: number;
  folds: number;
}

/** One fold: array rows r0 … r0+ru−1 of Sr and array columns c0 … c0+cu−1 of Sc are in use. */
export interface Fold {
  index: number;
  fr: number;
  fc: number;
  r0: number;
  ru: number;
  c0: number;
  cu: number;
}

export function foldGrid(mapping: Mapping, rows: number, cols: number): FoldGrid {
  const rowFolds = Math.ceil(mapping.sr / rows);
  const colFolds = Math.ceil(mapping.sc / cols);
  return { ...mapping, rows, cols, rowFolds, colFolds, folds: rowFolds * colFolds };
}

/** The fold visited `index`-th (column fold outer, row fold inner). */
export function foldAt(g: FoldGrid, index: number): Fold {
  const fc = Math.floor(index / g.rowFolds);
  const fr = index - fc * g.rowFolds;
  const r0 = fr * g.rows;
  const c0 = fc * g.cols;
  return { index, fr, fc, r0, ru: Math.min(r0 + g.rows, g.sr) - r0, c0, cu: Math.min(c0 + g.cols, g.sc) - c0 };
}

/**
 * SCALE-Sim's "Mapping Efficiency %" and "Compute Util %": per-fold ratios summed in fold order,
 * divided by the fold count, times 100 — the same float operations in the same order, because the
 * closed forms differ in the last digit (scalesim.md §3). `computeCyclesPerFold` is the Lc of the
 * dataflow (the os fold length; 2R+2C+T−3 in ws/is, SCALE-Sim's bug, §6.2).
 */
export function foldAverages(g: FoldGrid, computeCyclesPerFold: number): { mappingEfficiencyPct: number; computeUtilPct: number } {
  const cells = g.rows * g.cols;
  const utilDenominator = cells * computeCyclesPerFold;
  let meSum = 0;
  let cuSum = 0;
  // Fold (fc, fr) uses ru(fr)·cu(fc) cells; only the last row / column fold is partial.
  for (let fc = 0; fc < g.colFolds; fc++) {
    const cu = Math.min((fc + 1) * g.cols, g.sc) - fc * g.cols;
    for (let fr = 0; fr < g.rowFolds; fr++) {
      const ru = Math.min((fr + 1) * g.rows, g.sr) - fr * g.rows;
      const used = ru * cu;
      meSum += used / cells;
      cuSum += (used * g.t) / utilDenominator;
    }
  }
  return {
    mappingEfficiencyPct: (meSum / g.folds) * 100,
    computeUtilPct: (cuSum / g.folds) * 100,
  };
}
