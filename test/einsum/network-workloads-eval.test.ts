// The network workloads compute what their layers mean: each is evaluated with small --param
// overrides and its attention, normalisation, pooling and convolution layers are compared with
// direct computations on the evaluated tensors.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { evaluate } from '../../src/einsum/evaluate.js';
import { loadWorkload } from '../../src/einsum/load.js';
import type { Cascade } from '../../src/einsum/types.js';
import { REPO_ROOT } from '../helpers/ref.js';
import { attentionDirect, convDirect, depthwiseDirect, maxRelDiff } from './fixtures/cascades.js';

const load = (name: string, params: Record<string, number>): Cascade => loadWorkload(join(REPO_ROOT, 'workloads', `${name}.yaml`), params);

function expectAllFinite(values: Record<string, Float64Array>): void {
  const bad = Object.entries(values).filter(([, v]) => v.some((x) => !Number.isFinite(x))).map(([n]) => n);
  expect(bad).toEqual([]);
}

/** softmax(scale·scores) · values, values[m][f] given as a function. */
function attend(scores: number[], scale: number, value: (m: number, f: number) => number, F: number): number[] {
  const max = Math.max(...scores);
  const weights = scores.map((s) => Math.exp((s - max) * scale));
  const total = weights.reduce((a, b) => a + b, 0);
  return Array.from({ length: F }, (_, f) => weights.reduce((acc, w, m) => acc + (w / total) * value(m, f), 0));
}

const dot = (a: (i: number) => number, b: (i: number) => number, n: number) => Array.from({ length: n }, (_, i) => a(i) * b(i)).reduce((x, y) => x + y, 0);

describe('resnet50.yaml (IMG 32, WIDTH 2)', () => {
  const c = load('resnet50', { IMG: 32, WIDTH: 2 });
  const r = evaluate(c, {}, { seed: 2 });

  it('evaluates every tensor to finite values', () => expectAllFinite(r));

  it('computes the 7x7/2 stem as a padded convolution and max-pools it', () => {
    const shape = { N: 2, C: 3, H: 32, W: 32, R: 7, S: 7, stride: 2, dilation: 1, pad: 3 };
    expect(maxRelDiff(r.conv1, convDirect(r.X, r.W_conv1, shape))).toBeLessThanOrEqual(1e-12);
    const [C, H, P] = [2, 16, 8];
    for (let ch = 0; ch < C; ch++) {
      for (let p = 0; p < P; p++) {
        for (let q = 0; q < P; q++) {
          let max = -Infinity;
          for (let u = 0; u < 3; u++) {
            for (let v = 0; v < 3; v++) {
              const [h, w] = [2 * p + u - 1, 2 * q + v - 1];
              if (h >= 0 && h < H && w >= 0 && w < H) max = Math.max(max, r.A_conv1[(ch * H + h) * H + w]);
            }
          }
          expect(r.pool1[(ch * P + p) * P + q]).toBe(max);
        }
      }
    }
  });

  it('adds the projection shortcut in the first block and the identity in the others', () => {
    const i = 5;
    const relu = (x: number) => Math.max(0, x);
    const n = Math.floor(i / 64); // channel of element i in [8, 8, 8]
    expect(r.A_conv2_1c[i]).toBeCloseTo(relu(r.conv2_1c[i] + r.B_conv2_1c[n] + r.conv2_1s[i] + r.B_conv2_1s[n]), 12);
    expect(r.A_conv2_2c[i]).toBeCloseTo(relu(r.conv2_2c[i] + r.B_conv2_2c[n] + r.A_conv2_1c[i]), 12);
  });
});

describe('mobilenet-v1.yaml (IMG 32, WIDTH 2)', () => {
  const c = load('mobilenet-v1', { IMG: 32, WIDTH: 2 });
  const r = evaluate(c, {}, { seed: 3 });

  it('evaluates every tensor to finite values', () => expectAllFinite(r));

  it('pads a stride-2 depthwise layer TensorFlow-SAME (0 before, 1 after on an even input)', () => {
    // dw2: 4 channels, 16x16 -> 8x8. Append the row / column of zeros and convolve without padding.
    const [C, H] = [4, 16];
    const padded = new Float64Array(C * (H + 1) * (H + 1));
    for (let ch = 0; ch < C; ch++) for (let h = 0; h < H; h++) for (let w = 0; w < H; w++) padded[(ch * (H + 1) + h) * (H + 1) + w] = r.A_pw1[(ch * H + h) * H + w];
    const direct = depthwiseDirect(padded, r.W_dw2, { N: 1, C, H: H + 1, W: H + 1, R: 3, S: 3, stride: 2, dilation: 1, pad: 0 });
    expect(maxRelDiff(r.dw2, direct)).toBeLessThanOrEqual(1e-12);
  });
});

describe('bert-base-encoder.yaml (S 6, D 8, H 2)', () => {
  const [S, D, H] = [6, 8, 2];
  const E = D / H;
  const c = load('bert-base-encoder', { S, D, H });
  const r = evaluate(c, {}, { seed: 4 });

  it('evaluates every tensor to finite values', () => expectAllFinite(r));

  it('computes each head as softmax(QKᵀ)V (the 1/√E scale is in Q)', () => {
    for (let h = 0; h < H; h++) {
      const slice = (t: Float64Array) => t.subarray(h * E * S, (h + 1) * E * S);
      const direct = attentionDirect(slice(r.Q), slice(r.K), slice(r.V), E, S, E, S);
      expect(maxRelDiff(slice(r.AV), direct)).toBeLessThanOrEqual(1e-9);
    }
  });

  it('normalises each token: (Y − β)/γ has mean 0 and variance 1', () => {
    for (let p = 0; p < S; p++) {
      const z = Array.from({ length: D }, (_, d) => (r.Y[p * D + d] - r.B_LN2[d]) / r.G_LN2[d]);
      const mean = z.reduce((a, b) => a + b, 0) / D;
      const variance = z.reduce((a, b) => a + (b - mean) ** 2, 0) / D;
      expect(Math.abs(mean)).toBeLessThan(1e-12);
      expect(variance).toBeCloseTo(1, 9);
    }
  });
});

describe('gpt2-decode.yaml (L 5, D 8, H 2, VOCAB 11)', () => {
  const [L, D, H] = [5, 8, 2];
  const E = D / H;
  const c = load('gpt2-decode', { L, D, H, VOCAB: 11 });
  const r = evaluate(c, {}, { seed: 5 });

  it('evaluates every tensor to finite values', () => expectAllFinite(r));

  it('reads q, k, v out of the fused QKV projection', () => {
    expect(Array.from(r.h0_q)).toEqual(Array.from(r.h0_qkvb.subarray(0, H * E)));
    expect(Array.from(r.h0_v)).toEqual(Array.from(r.h0_qkvb.subarray(2 * H * E, 3 * H * E)));
  });

  it('attends over the L cached tokens and the new one with one softmax', () => {
    for (let h = 0; h < H; h++) {
      const q = (e: number) => r.h0_q[h * E + e];
      const scores = [
        ...Array.from({ length: L }, (_, m) => dot(q, (e) => r.KC0[(h * L + m) * E + e], E)),
        dot(q, (e) => r.h0_k[h * E + e], E),
      ];
      const value = (m: number, f: number) => (m < L ? r.VC0[(h * L + m) * E + f] : r.h0_v[h * E + f]);
      const direct = attend(scores, 1 / Math.sqrt(E), value, E);
      expect(maxRelDiff(r.h0_av.subarray(h * E, (h + 1) * E), Float64Array.from(direct))).toBeLessThanOrEqual(1e-9);
    }
  });
});

describe('llama-decode-gqa.yaml (L 5, D 16, H 4, KVH 2)', () => {
  const [L, D, H, KVH] = [5, 16, 4, 2];
  const [E, NREP] = [D / H, H / KVH];
  const HALF = E / 2;
  const c = load('llama-decode-gqa', { L, D, H, KVH, J: 24, VOCAB: 11 });
  // Rotary tables for angles θ_i (HuggingFace rotate_half convention; SIN carries the sign).
  const theta = Array.from({ length: HALF }, (_, i) => 0.3 + 0.7 * i);
  const COS = Float64Array.from([...theta, ...theta].map(Math.cos));
  const SIN = Float64Array.from([...theta.map((t) => -Math.sin(t)), ...theta.map(Math.sin)]);
  const r = evaluate(c, { COS, SIN }, { seed: 6 });

  it('evaluates every tensor to finite values', () => expectAllFinite(r));

  it('rotates q and k as rotate_half RoPE, keeping each head\'s norm', () => {
    for (let head = 0; head < H; head++) {
      const q = (e: number) => r.l0_q[head * E + e];
      const qr = (e: number) => r.l0_qr[head * E + e];
      for (let i = 0; i < HALF; i++) {
        expect(qr(i)).toBeCloseTo(q(i) * Math.cos(theta[i]) - q(i + HALF) * Math.sin(theta[i]), 12);
        expect(qr(i + HALF)).toBeCloseTo(q(i + HALF) * Math.cos(theta[i]) + q(i) * Math.sin(theta[i]), 12);
      }
      expect(dot(qr, qr, E)).toBeCloseTo(dot(q, q, E), 12);
    }
  });

  it('lets the NREP query heads of a group share its KV head', () => {
    for (let g = 0; g < KVH; g++) {
      for (let rep = 0; rep < NREP; rep++) {
        const q = (e: number) => r.l0_qr[(g * NREP + rep) * E + e];
        const scores = [
          ...Array.from({ length: L }, (_, m) => dot(q, (e) => r.KC0[(g * L + m) * E + e], E)),
          dot(q, (e) => r.l0_kr[g * E + e], E),
        ];
        const value = (m: number, f: number) => (m < L ? r.VC0[(g * L + m) * E + f] : r.l0_v[g * E + f]);
        const direct = Float64Array.from(attend(scores, 1 / Math.sqrt(E), value, E));
        const at = (g * NREP + rep) * E;
        expect(maxRelDiff(r.l0_av.subarray(at, at + E), direct)).toBeLessThanOrEqual(1e-9);
      }
    }
  });

  it('RMS-normalises the final hidden state: mean((xf/γ)²) = ms/(ms + ε)', () => {
    const z = Array.from({ length: D }, (_, d) => r.xf[d] / r.norm_g[d]);
    const ms = r.norm_ms[0];
    expect(z.reduce((a, b) => a + b * b, 0) / D).toBeCloseTo(ms / (ms + 1e-5), 12);
  });
});
