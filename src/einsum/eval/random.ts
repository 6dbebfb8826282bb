// Seeded random inputs for the reference evaluator.
//
// Distribution: every element is uniform on [0.5, 1.5). Why this one:
// - No sums of products cancel to (almost) zero, so the relative difference used by
//   compareCascades (docs/evaluator.md) measures real disagreement, not rounding noise around 0.
// - log, sqrt, rsqrt and reciprocal of any input are defined and well-conditioned.
// - Softmax stays well-conditioned: a logit Σ_e q·k has mean E and standard deviation
//   ≈ 0.42·√E (Var(q·k) = (13/12)² − 1 ≈ 0.17), so after subtracting the max the exponents
//   spread over a few units, and even the naive exp(QK) stays finite for head sizes E up to
//   ~600 (exp overflows float64 above 709.78, IEEE 754 binary64).
//
// Each tensor has its own stream, seeded by (seed, tensor name): the same name gets the same
// values in every cascade, which is what lets two cascades be compared on "the same inputs".

/** mulberry32 (Tommy Ettinger, public domain): a 32-bit-state PRNG, fine for test data. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** FNV-1a 32-bit hash of a string (offset basis 2166136261, prime 16777619; IETF draft-eastlake-fnv). */
export function fnv1a(text: string): number {
  let h = 2166136261;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 16777619);
  }
  return h >>> 0;
}

/** Lower end and width of the input distribution (see the header). */
export const RANDOM_INPUT_LOW = 0.5;
export const RANDOM_INPUT_WIDTH = 1;

/** `size` values uniform on [0.5, 1.5), determined by (seed, name) only. */
export function randomTensor(seed: number, name: string, size: number): Float64Array {
  // 0x9e3779b9 (the golden-ratio constant) spreads consecutive seeds over the state space.
  const next = mulberry32(fnv1a(name) ^ Math.imul(seed | 0, 0x9e3779b9));
  const values = new Float64Array(size);
  for (let i = 0; i < size; i++) values[i] = RANDOM_INPUT_LOW + RANDOM_INPUT_WIDTH * next();
  return values;
}
