// Which SCALE-Sim layers a cascade becomes on a systolic array. An imported SCALE-Sim topology
// carries its exact layers as annotations (src/import/scalesim-layers.ts), so it reproduces
// SCALE-Sim bit for bit. Any other contraction goes through its contraction view
// (src/einsum/contraction.ts) the way a SCALE-Sim user would write the layer:
// - a GEMM M×N×K is SCALE-Sim's `-i gemm` row (ifmap M×K, filter 1×K, N filters);
// - a convolution is a conv row on the zero-padded ifmap (SCALE-Sim has no padding field: its
//   users pad the dimensions themselves, reference/scalesim.md §1), strides as given;
// - groups (depthwise) become one layer per group, as SCALE-Sim's `DP` rows expand per channel;
// - independent batch instances (heads, images) repeat the layer;
// - a dilated convolution has no SCALE-Sim form: it runs as its im2col GEMM (P·Q × Fh·Fw·C/g ×
//   N/g), which has the same MACs and folds but not the ifmap reuse between windows.
// Einsums that are not contractions (maps, max reductions) cannot run on the array at all.
import { classifyEinsum } from '../../einsum/contraction.js';
import type { Cascade, Einsum } from '../../einsum/types.js';
import { scaleSimLayersOfEinsum } from '../../import/scalesim-layers.js';
import type { ScaleSimLayer } from './types.js';

export type EinsumPlan =
  | { einsum: Einsum; ok: true; layers: ScaleSimLayer[]; repeat: number; how: string }
  | { einsum: Einsum; ok: false; reason: string };

export function planEinsum(cascade: Cascade, einsum: Einsum): EinsumPlan {
  const imported = scaleSimLayersOfEinsum(einsum);
  if (imported.length > 0) {
    const layers = imported.map(({ einsum: _e, inputType: _t, ...l }) => l);
    return { einsum, ok: true, layers, repeat: 1, how: 'SCALE-Sim topology layer' };
  }
  const c = classifyEinsum(cascade, einsum);
  if (c.kind !== 'contraction') {
    return { einsum, ok: false, reason: `${c.kind === 'map' ? 'element-wise map' : `${c.op} reduction`}: needs a vector unit or another engine (${c.reason})` };
  }
  const conv = c.conv;
  if (conv && conv.dilationH === 1 && conv.dilationW === 1) {
    const layer: ScaleSimLayer = {
      name: einsum.id,
      ifmapH: conv.H + conv.padTop + conv.padBottom,
      ifmapW: conv.W + conv.padLeft + conv.padRight,
      filterH: conv.Fh,
      filterW: conv.Fw,
      channels: conv.C / conv.groups,
      numFilters: conv.N / conv.groups,
      strideH: conv.strideH,
      strideW: conv.strideW,
    };
    const repeat = conv.groups * conv.batch;
    const parts = [conv.groups > 1 ? `${conv.groups} groups` : '', conv.batch > 1 ? `${conv.batch} images` : ''].filter(Boolean).join(', ');
    return { einsum, ok: true, layers: [layer], repeat, how: `conv ${conv.Fh}×${conv.Fw}/${conv.strideH} on padded ${layer.ifmapH}×${layer.ifmapW}${parts ? ` (${parts})` : ''}` };
  }
  const { M, N, K, batch } = c.gemm;
  const layer: ScaleSimLayer = { name: einsum.id, ifmapH: M, ifmapW: K, filterH: 1, filterW: K, channels: 1, numFilters: N, strideH: 1, strideW: 1 };
  const how = conv ? `dilated conv as its im2col GEMM ${M}×${N}×${K}` : `GEMM ${M}×${N}×${K}${batch > 1 ? ` ×${batch}` : ''}`;
  return { einsum, ok: true, layers: [layer], repeat: batch, how };
}
