// GPU baselines for the roofline model: peak tensor-core throughput and DRAM bandwidth, from the
// vendors' data sheets. Peaks only: a roofline GPU is an optimistic baseline (docs/pim.md says
// why measured GPUs run single-token decode far below it).

export interface GpuPreset {
  name: string;
  /** Dense peak, FLOP/s (a MAC is 2 FLOP), for 16-bit floating point on tensor cores. */
  peakFlopsPerSecond: number;
  /** Peak DRAM bandwidth, bytes/s. */
  memoryBytesPerSecond: number;
  memoryBytes: number;
  source: string;
}

export const GPU_PRESETS = {
  T4: {
    name: 'NVIDIA T4',
    // "Mixed-Precision (FP16/FP32) 65 TFLOPS"; 16 GB GDDR6, 320 GB/s (256-bit at 10 Gb/s).
    peakFlopsPerSecond: 65e12,
    memoryBytesPerSecond: 320e9,
    memoryBytes: 16 * 2 ** 30,
    source: 'NVIDIA T4 Tensor Core GPU data sheet (2019): FP16/FP32 mixed precision 65 TFLOPS, 16 GB GDDR6, 320 GB/s',
  },
  A100: {
    name: 'NVIDIA A100 40GB SXM4',
    // "FP16 Tensor Core 312 TFLOPS" (624 with sparsity, not used); "BFLOAT16 Tensor Core 312 TFLOPS"; 1,555 GB/s HBM2.
    peakFlopsPerSecond: 312e12,
    memoryBytesPerSecond: 1555e9,
    memoryBytes: 40 * 2 ** 30,
    source: 'NVIDIA A100 Tensor Core GPU data sheet (2020): FP16/BF16 tensor 312 TFLOPS dense, 40 GB HBM2, 1,555 GB/s',
  },
} as const satisfies Record<string, GpuPreset>;

export type GpuName = keyof typeof GPU_PRESETS;
export const GPU_NAMES = Object.keys(GPU_PRESETS) as GpuName[];

export function isGpuName(name: string): name is GpuName {
  return name in GPU_PRESETS;
}
