// The InTAR workloads mean what they say: evaluated on small shapes they equal direct computations
// (the FFN's three ReLU layers, single-head attention, the gated MLP, the VAE's reparameterisation),
// and at full size they carry the kernels' MAC counts.
import { describe, expect, it } from 'vitest';
import { analyseCascade } from '../../../src/einsum/analysis.js';
import { evaluate } from '../../../src/einsum/evaluate.js';
import { workload } from './helpers.js';

const relu = (x: number): number => Math.max(0, x);
const silu = (x: number): number => x / (1 + Math.exp(-x));

function matvec(x: Float64Array, W: Float64Array, I: number, J: number): Float64Array {
  const y = new Float64Array(J);
  for (let j = 0; j < J; j++) for (let i = 0; i < I; i++) y[j] += x[i] * W[i * J + j];
  return y;
}

function matmul(A: Float64Array, B: Float64Array, M: number, K: number, N: number): Float64Array {
  const Z = new Float64Array(M * N);
  for (let m = 0; m < M; m++) for (let n = 0; n < N; n++) for (let k = 0; k < K; k++) Z[m * N + n] += A[m * K + k] * B[k * N + n];
  return Z;
}

function expectClose(a: Float64Array, b: Float64Array): void {
  expect(a.length).toBe(b.length);
  for (let i = 0; i < a.length; i++) expect(a[i]).toBeCloseTo(b[i], 9);
}

describe('InTAR workloads', () => {
  it('ffn.yaml: three GEMV layers with ReLU', () => {
    const [I, J, K, O] = [5, 7, 6, 3];
    const r = evaluate(workload('ffn', { I, J, K, O }), {}, { seed: 3 });
    const h1 = matvec(r.X, r.W1, I, J).map(relu);
    const h2 = matvec(h1, r.W2, J, K).map(relu);
    expectClose(r.Y, matvec(h2, r.W3, K, O).map(relu));
  });

  it('self-attention.yaml: softmax(X·Wq (X·Wk)ᵀ / √E) · X·Wv', () => {
    const [L, D, E] = [4, 5, 3];
    const r = evaluate(workload('self-attention', { L, D, E }), {}, { seed: 5 });
    const Q = matmul(r.X, r.WQ, L, D, E);
    const K = matmul(r.X, r.WK, L, D, E);
    const V = matmul(r.X, r.WV, L, D, E);
    const P = new Float64Array(L * L);
    for (let l = 0; l < L; l++) {
      const s = Array.from({ length: L }, (_, m) => Array.from({ length: E }, (_, e) => Q[l * E + e] * K[m * E + e]).reduce((a, b) => a + b, 0) / Math.sqrt(E));
      const top = Math.max(...s);
      const ex = s.map((x) => Math.exp(x - top));
      const sum = ex.reduce((a, b) => a + b, 0);
      ex.forEach((x, m) => (P[l * L + m] = x / sum));
    }
    expectClose(r.O, matmul(P, V, L, L, E));
  });

  it('gating-net.yaml: (silu(X·Wg) ⊙ X·Wu) · Wd', () => {
    const [B, D, H] = [3, 4, 5];
    const r = evaluate(workload('gating-net', { B, D, H }), {}, { seed: 7 });
    const U = matmul(r.X, r.WU, B, D, H);
    const G = matmul(r.X, r.WG, B, D, H);
    const A = U.map((u, i) => silu(G[i]) * u);
    expectClose(r.Y, matmul(A, r.WD, B, H, D));
  });

  it('vae.yaml: the latent is relu(μ) + exp(relu(logσ²)/2)·ε per channel, and every map has the kernel\u2019s size', () => {
    const r = evaluate(workload('vae'), {}, { seed: 11 });
    const n = 18 * 18;
    for (let c = 0; c < 2; c++) for (let i = 0; i < n; i++) expect(r.Z[c * n + i]).toBeCloseTo(relu(r.MU[i]) + Math.exp(relu(r.LV[i]) * 0.5) * r.EPS[c], 9);
    expect([r.A1.length, r.MU.length, r.Z3.length, r.Y.length]).toEqual([2 * 21 * 21, 324, 2 * 25 * 25, 2 * 28 * 28]);
  });

  it('carries the kernels\u2019 MAC counts at full size', () => {
    const macs = (name: string) => analyseCascade(workload(name)).totals.ops.mac;
    expect(macs('ffn')).toBe(256 * 1024 + 1024 * 2048 + 2048 * 256);
    expect(macs('self-attention')).toBe(3 * 256 * 1024 * 1024 + 2 * 256 * 256 * 1024);
    expect(macs('gating-net')).toBe(3 * 32 * 4096 * 11008);
    expect(macs('cnn-4l')).toBe(9 * (224 ** 2 + 448 ** 2 + 896 ** 2 + 448 ** 2));
  });
});
