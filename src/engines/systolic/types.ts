// The inputs and outputs of one SCALE-Sim v2 layer simulation (reference/scalesim.md §0–§5).
import type { LayerTrace } from './trace.js';

// Names follow SCALE-Sim's reports so a reader can put a LayerResult beside a COMPUTE_REPORT.csv.

export type Dataflow = 'os' | 'ws' | 'is';
export type BandwidthMode = 'CALC' | 'USER';

/**
 * One layer in SCALE-Sim's convolution view (scalesim.md §1). A GEMM M×N×K is
 * {ifmapH: M, ifmapW: K, filterH: 1, filterW: K, channels: 1, numFilters: N, strideH: 1, strideW: 1}.
 * No padding field: pad the ifmap dimensions yourself, as SCALE-Sim users do.
 */
export interface ScaleSimLayer {
  name: string;
  ifmapH: number;
  ifmapW: number;
  filterH: number;
  filterW: number;
  channels: number;
  numFilters: number;
  strideH: number;
  strideW: number;
}

/** The array and its memories, as SCALE-Sim's .cfg describes them (scalesim.md §1). */
export interface SystolicConfig {
  rows: number;
  cols: number;
  ifmapSramBytes: number;
  filterSramBytes: number;
  ofmapSramBytes: number;
  /** Address offsets of the three operands; they shift trace addresses only. */
  ifmapOffset: number;
  filterOffset: number;
  ofmapOffset: number;
  dataflow: Dataflow;
  /** CALC: SCALE-Sim estimates the DRAM bandwidth (never stalls on reads); USER: fixed words per cycle. */
  bandwidthMode: BandwidthMode;
  /** Used in USER mode only: SCALE-Sim reads `Bandwidth`'s first element for all three buffers. */
  userBandwidthWordsPerCycle: number;
  /** SCALE-Sim hard-codes 1 (single_layer_sim.run, `word_size = 1`). */
  wordBytes: number;
  /**
   * 'match' (default) reproduces SCALE-Sim's two report-arithmetic bugs (docs/validation.md):
   * the os ofmap SRAM writes' extra R + C per fold, and ws/is Compute Util divided by
   * 2R + 2C + T − 3. 'fix' counts the real writes and divides by the real fold length. The memory
   * model (buffer accounting, CALC block re-reads) is SCALE-Sim's in both.
   */
  scaleSimBugs?: 'match' | 'fix';
}

/** First and last cycle of an access stream, as SCALE-Sim reports them (floats in its CSVs). */
export interface StartStop {
  startCycle: number;
  stopCycle: number;
}

export interface LayerResult {
  name: string;
  dataflow: Dataflow;
  /** SCALE-Sim's "Total Cycles": the ofmap out-cycle of the last demand row (scalesim.md §4). */
  totalCycles: number;
  stallCycles: number;
  /** Percentages exactly as SCALE-Sim computes them (same float operations, same order). */
  overallUtilPct: number;
  mappingEfficiencyPct: number;
  computeUtilPct: number;
  macs: number;
  /** Spatio-temporal mapping and folds (scalesim.md §3). */
  sr: number;
  sc: number;
  t: number;
  rowFolds: number;
  colFolds: number;
  /** Demand rows per fold and in total (total = folds × rows per fold). */
  foldRows: number;
  demandRows: number;
  sramIfmapReads: number;
  sramFilterReads: number;
  sramOfmapWrites: number;
  dramIfmapReads: number;
  dramFilterReads: number;
  dramOfmapWrites: number;
  sramIfmap: StartStop;
  sramFilter: StartStop;
  sramOfmap: StartStop;
  dramIfmap: StartStop;
  dramFilter: StartStop;
  dramOfmap: StartStop;
  avgIfmapSramBw: number;
  avgFilterSramBw: number;
  avgOfmapSramBw: number;
  avgIfmapDramBw: number;
  avgFilterDramBw: number;
  avgOfmapDramBw: number;
  /** Where the cycles went; the parts add up to totalCycles (see breakdown.ts). */
  breakdown: {
    idealCycles: number;
    underutilizationCycles: number;
    fillCycles: number;
    drainCycles: number;
    stallCycles: number;
  };
  /** Only with opts.trace: SCALE-Sim-style traces and timeline events, produced lazily. */
  trace?: LayerTrace;
}
