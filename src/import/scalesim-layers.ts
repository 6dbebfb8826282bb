// SCALE-Sim's view of a layer, and how to get it back from an imported cascade. The importer
// (scalesim-topology.ts) stores every layer's exact topology entry as Einsum annotations
// (`scalesim.*`), so an engine can reproduce SCALE-Sim bit-exactly, including the expansion of
// a depthwise (`DP`) row into one layer per channel (reference/scalesim.md §1).
import type { Cascade, Einsum } from '../einsum/types.js';

/** One entry of SCALE-Sim's `topo_arrays` (scalesim/topology_utils.py), after DP expansion. */
export interface ScaleSimLayer {
  /** Layer name as SCALE-Sim reports it (`<row name>Channel_<i>` for expanded DP rows). */
  name: string;
  ifmapH: number;
  ifmapW: number;
  filterH: number;
  filterW: number;
  channels: number;
  numFilters: number;
  strideH: number;
  strideW: number;
  /** The Einsum this layer belongs to (a DP row's layers share one depthwise Einsum). */
  einsum: string;
  inputType: 'conv' | 'gemm';
}

/** `topo_calc_hyperparams`: ofmap extents, MACs and window size (reference/scalesim.md §0). */
export function scaleSimHyperparams(
  l: Pick<ScaleSimLayer, 'ifmapH' | 'ifmapW' | 'filterH' | 'filterW' | 'channels' | 'numFilters' | 'strideH' | 'strideW'>,
): { ofmapH: number; ofmapW: number; macs: number; windowSize: number } {
  const ofmapH = Math.ceil((l.ifmapH - l.filterH + l.strideH) / l.strideH);
  const ofmapW = Math.ceil((l.ifmapW - l.filterW + l.strideW) / l.strideW);
  const windowSize = l.filterH * l.filterW * l.channels;
  return { ofmapH, ofmapW, macs: ofmapH * ofmapW * windowSize * l.numFilters, windowSize };
}

/** Annotation keys the importer writes on every Einsum. */
export const SCALESIM_KEYS = {
  layer: 'scalesim.layer',
  layerId: 'scalesim.layerId',
  inputType: 'scalesim.inputType',
  ifmapH: 'scalesim.ifmapH',
  ifmapW: 'scalesim.ifmapW',
  filterH: 'scalesim.filterH',
  filterW: 'scalesim.filterW',
  channels: 'scalesim.channels',
  numFilters: 'scalesim.numFilters',
  strideH: 'scalesim.strideH',
  strideW: 'scalesim.strideW',
  /** Present on DP rows: how many per-channel layers SCALE-Sim makes of it. */
  dpLayers: 'scalesim.dpLayers',
} as const;

const NUMBER_KEYS = ['ifmapH', 'ifmapW', 'filterH', 'filterW', 'channels', 'numFilters', 'strideH', 'strideW'] as const;

/** The SCALE-Sim layers of one imported Einsum (several for a DP row), or [] if it was not imported. */
export function scaleSimLayersOfEinsum(einsum: Einsum): ScaleSimLayer[] {
  const a = einsum.annotations;
  if (typeof a[SCALESIM_KEYS.layer] !== 'string') return [];
  const num = (k: (typeof NUMBER_KEYS)[number]) => Number(a[SCALESIM_KEYS[k]]);
  const base = {
    ifmapH: num('ifmapH'),
    ifmapW: num('ifmapW'),
    filterH: num('filterH'),
    filterW: num('filterW'),
    channels: num('channels'),
    numFilters: num('numFilters'),
    strideH: num('strideH'),
    strideW: num('strideW'),
    einsum: einsum.id,
    inputType: a[SCALESIM_KEYS.inputType] === 'gemm' ? ('gemm' as const) : ('conv' as const),
  };
  const name = String(a[SCALESIM_KEYS.layer]);
  const dp = a[SCALESIM_KEYS.dpLayers];
  if (dp === undefined) return [{ name, ...base }];
  return Array.from({ length: Number(dp) }, (_, i) => ({ name: `${name}Channel_${i}`, ...base }));
}

/** Every SCALE-Sim layer of an imported cascade, in SCALE-Sim's layer order. */
export function scaleSimLayersOf(cascade: Cascade): ScaleSimLayer[] {
  return cascade.einsums.flatMap(scaleSimLayersOfEinsum);
}
