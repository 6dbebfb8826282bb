// Normalisations shared by the transformer workloads, as Einsums.
import type { WorkloadWriter } from './yaml-writer.js';

/**
 * LayerNorm over rank d (Ba et al. 2016): mean, biased variance, then (x − μ)·rsqrt(σ² + EPS)·γ + β.
 * `tok` is the token rank list ('p' for a sequence, '' for a single decode token).
 */
export function layerNorm(w: WorkloadWriter, o: { x: string; out: string; gamma: string; beta: string; prefix: string; tok: string; tokShape: (string | number)[]; layer: string }): void {
  const t = o.tok ? [o.tok] : [];
  const at = (name: string, ranks: string[]) => `${name}[${ranks.join(',')}]`;
  const mu = `${o.prefix}mu`;
  const variance = `${o.prefix}var`;
  w.tensor(mu, t, o.tokShape);
  w.tensor(variance, t, o.tokShape);
  w.tensor(o.out, [...t, 'd'], [...o.tokShape, 'D']);
  const x = at(o.x, [...t, 'd']);
  w.einsum(`${at(mu, t)} = sum(d) ${x} / D`, { layer: o.layer });
  w.einsum(`${at(variance, t)} = sum(d) square(${x} - ${at(mu, t)}) / D`, { layer: o.layer });
  w.einsum(`${at(o.out, [...t, 'd'])} = (${x} - ${at(mu, t)}) * rsqrt(${at(variance, t)} + EPS) * ${o.gamma}[d] + ${o.beta}[d]`, { layer: o.layer });
}

/** RMSNorm over rank d (Zhang & Sennrich 2019; Llama): x · rsqrt(mean(x²) + EPS) · γ, for one token. */
export function rmsNorm(w: WorkloadWriter, o: { x: string; out: string; gamma: string; prefix: string; layer: string }): void {
  const ms = `${o.prefix}ms`;
  w.tensor(ms, [], []);
  w.tensor(o.out, ['d'], ['D']);
  w.einsum(`${ms}[] = sum(d) square(${o.x}[d]) / D`, { layer: o.layer });
  w.einsum(`${o.out}[d] = ${o.x}[d] * rsqrt(${ms}[] + EPS) * ${o.gamma}[d]`, { layer: o.layer });
}
