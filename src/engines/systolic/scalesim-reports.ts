// SCALE-Sim's three per-run reports, byte for byte (scalesim.md §5, simulator.generate_reports):
// a header ending in ",", then per layer `str(id) + ", " + ", ".join(str(v)) + ",\n"`. Cycles and
// counts print as ints; utilizations, bandwidths and every start/stop cycle as Python floats
// (SCALE-Sim's start/stop cycles come out of float trace arrays). Returns text; the CLI writes it.
import { pyFloatStr } from './python-float.js';
import type { LayerResult, StartStop } from './types.js';

export interface ScaleSimReports {
  'COMPUTE_REPORT.csv': string;
  'BANDWIDTH_REPORT.csv': string;
  'DETAILED_ACCESS_REPORT.csv': string;
}

export const COMPUTE_HEADER = 'LayerID, Total Cycles, Stall Cycles, Overall Util %, Mapping Efficiency %, Compute Util %,';
export const BANDWIDTH_HEADER =
  'LayerID, Avg IFMAP SRAM BW, Avg FILTER SRAM BW, Avg OFMAP SRAM BW, Avg IFMAP DRAM BW, Avg FILTER DRAM BW, Avg OFMAP DRAM BW,';
const DETAIL_GROUPS: [string, string][] = [
  ['SRAM IFMAP', 'Reads'],
  ['SRAM Filter', 'Reads'],
  ['SRAM OFMAP', 'Writes'],
  ['DRAM IFMAP', 'Reads'],
  ['DRAM Filter', 'Reads'],
  ['DRAM OFMAP', 'Writes'],
];
export const DETAIL_HEADER = `LayerID, ${DETAIL_GROUPS.map(([g, a]) => `${g} Start Cycle, ${g} Stop Cycle, ${g} ${a}`).join(', ')},`;

const int = (n: number): string => String(n);
const float = pyFloatStr;

function line(id: number, cells: string[]): string {
  return `${id}, ${cells.join(', ')},\n`;
}

export function computeReportCells(r: LayerResult): string[] {
  return [int(r.totalCycles), int(r.stallCycles), float(r.overallUtilPct), float(r.mappingEfficiencyPct), float(r.computeUtilPct)];
}

export function bandwidthReportCells(r: LayerResult): string[] {
  return [r.avgIfmapSramBw, r.avgFilterSramBw, r.avgOfmapSramBw, r.avgIfmapDramBw, r.avgFilterDramBw, r.avgOfmapDramBw].map(float);
}

export function detailReportCells(r: LayerResult): string[] {
  const group = (s: StartStop, count: number): string[] => [float(s.startCycle), float(s.stopCycle), int(count)];
  return [
    ...group(r.sramIfmap, r.sramIfmapReads),
    ...group(r.sramFilter, r.sramFilterReads),
    ...group(r.sramOfmap, r.sramOfmapWrites),
    ...group(r.dramIfmap, r.dramIfmapReads),
    ...group(r.dramFilter, r.dramFilterReads),
    ...group(r.dramOfmap, r.dramOfmapWrites),
  ];
}

/** The three report files of one SCALE-Sim run; layers are numbered 0 … n−1 in the given order. */
export function scaleSimReports(layers: LayerResult[]): ScaleSimReports {
  const body = (cells: (r: LayerResult) => string[]): string => layers.map((r, i) => line(i, cells(r))).join('');
  return {
    'COMPUTE_REPORT.csv': `${COMPUTE_HEADER}\n${body(computeReportCells)}`,
    'BANDWIDTH_REPORT.csv': `${BANDWIDTH_HEADER}\n${body(bandwidthReportCells)}`,
    'DETAILED_ACCESS_REPORT.csv': `${DETAIL_HEADER}\n${body(detailReportCells)}`,
  };
}
