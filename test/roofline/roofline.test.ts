import { describe, expect, it } from 'vitest';
import { parseWorkload } from '../../src/einsum/parse.js';
import { GPU_PRESETS } from '../../src/roofline/gpus.js';
import { rooflineTime } from '../../src/roofline/roofline.js';

const gemm = (m: number, n: number, k: number) =>
  parseWorkload(`name: g\nprecision: fp16\nparams: { M: ${m}, N: ${n}, K: ${k} }\ntensors:\n  A: [m, k]\n  B: [k, n]\n  Z: [m, n]\neinsums:\n  - Z[m,n] = A[m,k] * B[k,n]\n`, '<g>');

describe('GPU roofline', () => {
  it('a GEMV is memory bound: its bytes at peak bandwidth (T4: 320 GB/s)', () => {
    const r = rooflineTime(gemm(4096, 1, 4096), GPU_PRESETS.T4);
    const bytes = (4096 * 4096 + 4096 + 4096) * 2;
    expect(r.einsums[0].bound).toBe('memory');
    expect(r.seconds).toBeCloseTo(bytes / 320e9, 12);
  });

  it('a large GEMM is compute bound: 2·M·N·K at peak (A100: 312 TFLOPS)', () => {
    const r = rooflineTime(gemm(8192, 8192, 8192), GPU_PRESETS.A100);
    expect(r.einsums[0].bound).toBe('compute');
    expect(r.seconds).toBeCloseTo((2 * 8192 ** 3) / 312e12, 12);
  });

  it('counts repeated Einsums as often as they run', () => {
    const one = rooflineTime(gemm(64, 1, 64), GPU_PRESETS.T4).seconds;
    expect(rooflineTime(gemm(64, 1, 64), GPU_PRESETS.T4, () => 24).seconds).toBeCloseTo(24 * one, 15);
  });
});
