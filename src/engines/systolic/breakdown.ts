// Where a layer's cycles went, for `einsim explain` (ZigZag-style decomposition, STYLE.md item 11).
// Per fold the array computes for T rows; the rest of the fold is the skewed fill before and the
// drain after. SCALE-Sim's total is the stall-free demand length minus one (§6.3) plus whatever the
// memories added, so: ideal + underutilization + fill + drain + stall = totalCycles exactly.
import type { FoldGrid } from './folds.js';
import type { SystolicConfig } from './types.js';

export interface LayerBreakdown {
  idealCycles: number;
  underutilizationCycles: number;
  fillCycles: number;
  drainCycles: number;
  stallCycles: number;
}

/** Fill and drain rows of one fold: os skews both operands in (R−1 + C−1); ws/is preload the
 *  stationary operand (R rows) and skew the streaming one in (R−1), then drain through C−1 columns. */
function fillDrainPerFold(config: SystolicConfig): { fill: number; drain: number } {
  if (config.dataflow === 'os') return { fill: config.rows + config.cols - 2, drain: 0 };
  return { fill: 2 * config.rows - 1, drain: config.cols - 1 };
}

export function cycleBreakdown(config: SystolicConfig, grid: FoldGrid, foldRows: number, macs: number, totalCycles: number): LayerBreakdown {
  const idealCycles = macs / (config.rows * config.cols);
  const computeRows = grid.folds * grid.t;
  const { fill, drain } = fillDrainPerFold(config);
  let fillCycles = grid.folds * fill;
  let drainCycles = grid.folds * drain;
  let underutilizationCycles = computeRows - idealCycles;
  // SCALE-Sim's total counts one row less than the demand (the last row's index, §6.3).
  if (drainCycles > 0) drainCycles -= 1;
  else if (fillCycles > 0) fillCycles -= 1;
  else underutilizationCycles -= 1;
  const stallFree = grid.folds * foldRows - 1;
  return { idealCycles, underutilizationCycles, fillCycles, drainCycles, stallCycles: totalCycles - stallFree };
}
