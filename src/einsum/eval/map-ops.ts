// Element-wise semantics of every MapOp, and the compiler that turns an Einsum's map expression
// into one function of the values read at an iteration point. The function tree is built once
// per Einsum; the per-point work is a walk over it with no allocation.
import { readsOf } from '../graph.js';
import { takesArguments } from '../map-arity.js';
import type { Access, Expr, MapOp } from '../types.js';

/** √(2/π), the constant of the tanh form of GELU (Hendrycks & Gimpel 2016, arXiv 1606.08415 §2). */
const GELU_SQRT_2_OVER_PI = Math.sqrt(2 / Math.PI);
/** Cubic coefficient of the tanh form of GELU (Hendrycks & Gimpel 2016 §2; GPT-2's `gelu`). */
const GELU_CUBIC = 0.044715;

/**
 * GELU in its tanh approximation, 0.5·x·(1 + tanh(√(2/π)·(x + 0.044715·x³))): the form GPT-2
 * and BERT's reference code use. The exact erf form differs by < 1e-3 (and not at all for
 * equivalence checks, where both cascades use this one).
 */
export function gelu(x: number): number {
  return 0.5 * x * (1 + Math.tanh(GELU_SQRT_2_OVER_PI * (x + GELU_CUBIC * x * x * x)));
}

export function sigmoid(x: number): number {
  return 1 / (1 + Math.exp(-x));
}

type Unary = (x: number) => number;

/** One-argument operators. */
const UNARY: Partial<Record<MapOp, Unary>> = {
  neg: (x) => -x,
  exp: Math.exp,
  log: Math.log,
  sqrt: Math.sqrt,
  rsqrt: (x) => 1 / Math.sqrt(x),
  reciprocal: (x) => 1 / x,
  tanh: Math.tanh,
  relu: (x) => (x > 0 ? x : x === x ? 0 : x), // keeps NaN visible
  gelu,
  sigmoid,
  silu: (x) => x * sigmoid(x),
  abs: Math.abs,
  square: (x) => x * x,
  copy: (x) => x,
};

/**
 * Operators of two arguments; those that take more (max, min: see map-arity.ts) fold left to
 * right, max(a,b,c) = max(max(a,b),c).
 */
const BINARY: Partial<Record<MapOp, (a: number, b: number) => number>> = {
  add: (a, b) => a + b,
  sub: (a, b) => a - b,
  mul: (a, b) => a * b,
  div: (a, b) => a / b,
  max: (a, b) => (a > b || a !== a ? a : b), // NaN propagates, like Math.max
  min: (a, b) => (a < b || a !== a ? a : b),
};

/** The compiled map: reads the access values (in `accessOrder(expr)` order) and returns the result. */
export type CompiledMap = (values: Float64Array) => number;

/** Every access of an expression, depth first, left to right (`readsOf`): the slot order of `compileMap`. */
export function accessOrder(expr: Expr): Access[] {
  return readsOf({ expr });
}

/**
 * Compile a map expression. Arity is checked here too, against the parser's table (an IR built in
 * code never met the parser); `onArity` builds the error (so messages can name the Einsum).
 * Access slots are numbered as in `accessOrder`.
 */
export function compileMap(expr: Expr, onArity: (op: MapOp, got: number) => never): CompiledMap {
  let slot = 0;
  const build = (e: Expr): CompiledMap => {
    if (e.kind === 'access') {
      const at = slot++;
      return (v) => v[at];
    }
    if (e.kind === 'const') {
      const value = e.value;
      return () => value;
    }
    if (!takesArguments(e.op, e.args.length)) onArity(e.op, e.args.length);
    const args = e.args.map(build);
    const unary = UNARY[e.op];
    if (unary) {
      const a = args[0];
      return (v) => unary(a(v));
    }
    const binary = BINARY[e.op]!;
    if (args.length === 2) {
      const [a, b] = args;
      return (v) => binary(a(v), b(v));
    }
    return (v) => {
      let acc = args[0](v);
      for (let i = 1; i < args.length; i++) acc = binary(acc, args[i](v));
      return acc;
    };
  };
  return build(expr);
}
