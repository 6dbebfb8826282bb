// How many arguments each map function takes: the one table the workload syntax
// (einsum-resolve.ts) and the evaluator (eval/map-ops.ts) both read, so a cascade the parser
// accepts always evaluates and the other way round. docs/workloads.md ("Map functions") is the
// user-facing statement: add sub mul div take 2 arguments, max min 2 or more (an element-wise
// maximum of several tensors), every other function 1. The order is the order error messages
// list the functions in.
import type { MapOp } from './types.js';

export interface Arity {
  min: number;
  max: number;
}

const ONE: Arity = { min: 1, max: 1 };
const TWO: Arity = { min: 2, max: 2 };
const TWO_OR_MORE: Arity = { min: 2, max: Infinity };

export const MAP_ARITY: Readonly<Record<MapOp, Arity>> = {
  add: TWO,
  sub: TWO,
  mul: TWO,
  div: TWO,
  max: TWO_OR_MORE,
  min: TWO_OR_MORE,
  neg: ONE,
  exp: ONE,
  log: ONE,
  sqrt: ONE,
  rsqrt: ONE,
  reciprocal: ONE,
  tanh: ONE,
  relu: ONE,
  gelu: ONE,
  sigmoid: ONE,
  silu: ONE,
  abs: ONE,
  square: ONE,
  copy: ONE,
};

export const MAP_FUNCTIONS = Object.keys(MAP_ARITY) as readonly MapOp[];

export function takesArguments(op: MapOp, count: number): boolean {
  const a = MAP_ARITY[op];
  return count >= a.min && count <= a.max;
}

/** "1 argument", "2 arguments", "2 or more arguments". */
export function arityText(op: MapOp): string {
  const { min, max } = MAP_ARITY[op];
  const n = max === Infinity ? `${min} or more` : `${min}`;
  return `${n} argument${max === 1 ? '' : 's'}`;
}
