// What the FuseMax reproduction runs: the paper's four models at six sequence lengths, and its
// five design points, each an architecture file plus a cascade. This is configuration of the
// experiment, not of the model: the engine never sees a design's name.

/** Per model: batch, model dimension, heads, per-head Q/K and V widths, FFN hidden size. */
export interface TransformerModel {
  B: number;
  D: number;
  H: number;
  E: number;
  F: number;
  S: number;
}

// Dimensions from the artifact's outputs/pregenerated/results/flat_validation.csv ("cloud" rows),
// the same as shared/ref/fusemax/workloads.csv and reference fusemax.md §1.10; the models are
// BERT-base (Devlin et al. 2019), Transformer-XL (Dai et al. 2019), T5 (Raffel et al. 2020) and
// XLM (Conneau & Lample 2019) as sized in FLAT (Kao et al., ASPLOS 2023).
export const FUSEMAX_MODELS: Record<string, TransformerModel> = {
  BERT: { B: 64, D: 768, H: 12, E: 64, F: 64, S: 3072 },
  TrXL: { B: 64, D: 1024, H: 16, E: 64, F: 64, S: 4096 },
  T5: { B: 64, D: 512, H: 8, E: 64, F: 64, S: 2048 },
  XLM: { B: 64, D: 2048, H: 16, E: 128, F: 128, S: 8192 },
};

/** The sequence lengths of the paper's figures (artifact run.py: 1K … 1M tokens). */
export const FUSEMAX_SEQ_LENS: Record<string, number> = { '1K': 1024, '4K': 4096, '16K': 16384, '64K': 65536, '256K': 262144, '1M': 1048576 };

export type DesignId = 'unfused' | 'flat' | 'cascade' | 'architecture' | 'fusemax';

export interface Design {
  id: DesignId;
  /** As the paper's figures name it. */
  label: string;
  /** As the reference tables name it (ref/fusemax/*_by_design.csv `design`). */
  refLabel: string;
  arch: string;
  /** Which attention cascade the design runs. */
  cascade: '1pass' | '3pass';
}

// The ablation of the paper (artifact run.py, utils/graph.py labels): each point changes only its
// architecture file (reference fusemax.md §1.9).
export const FUSEMAX_DESIGNS: Design[] = [
  { id: 'unfused', label: 'Unfused', refLabel: 'Unfused', arch: 'arch/unfused.yaml', cascade: '3pass' },
  { id: 'flat', label: 'FLAT', refLabel: 'FLAT', arch: 'arch/flat.yaml', cascade: '3pass' },
  { id: 'cascade', label: '+Cascade', refLabel: '+Cascade', arch: 'arch/fusemax-cascade.yaml', cascade: '1pass' },
  { id: 'architecture', label: '+Architecture', refLabel: '+Architecture', arch: 'arch/fusemax-arch.yaml', cascade: '1pass' },
  { id: 'fusemax', label: 'FuseMax', refLabel: 'FuseMax(+Binding)', arch: 'arch/fusemax.yaml', cascade: '1pass' },
];

export type Scope = 'attention' | 'end2end';

export function workloadFile(scope: Scope, cascade: Design['cascade']): string {
  return scope === 'attention' ? `workloads/fusemax/attention-${cascade}.yaml` : `workloads/fusemax/layer-${cascade}.yaml`;
}
