// The cascade as FPGA tasks: one task per Einsum. A contraction is a MAC task for a DSP engine; any
// other Einsum (element-wise map, softmax step, pooling) is an SFU task on the special-function
// units between engines, as in InTAR's architecture template (reference fpga.md §1.1). A task
// records what the schedulers need: MACs, operand and output sizes, who produces each operand, and
// whether an operand is read through a sliding window (then streaming it needs only a line buffer).
import { countOps, throughView, tensorBytes } from '../../einsum/analysis.js';
import { classifyEinsum } from '../../einsum/contraction.js';
import { readsOf } from '../../einsum/graph.js';
import { PRECISION_BYTES, type Access, type Cascade, type Einsum, type Precision } from '../../einsum/types.js';
import { precisionKey } from './arithmetic.js';

export interface Operand {
  /** The stored tensor read (a view is read as its base). */
  tensor: string;
  bytes: number;
  /** Bytes of one element (int4: ½). */
  elementBytes: number;
  /** The task writing it; null for a cascade input (it comes from off-chip memory). */
  producer: string | null;
  /**
   * When read through a sliding window (`I[p+r, …]`): the fraction of the tensor a line buffer
   * holds to stream it (window rows ÷ rows). null for an ordinary read.
   */
  windowFraction: number | null;
}

export interface Task {
  id: string;
  einsum: Einsum;
  /** Position in the cascade's topological order. */
  index: number;
  kind: 'mac' | 'sfu';
  /** Iteration points (output points × reduction length). */
  points: number;
  macs: number;
  /** Operator counts (docs/workloads.md counting rules), for the SFU actions. */
  ops: Record<string, number>;
  /** Arithmetic table key of a MAC task (`int16`, `int4xint8`), from its operands or its `precision:` annotation. */
  precisionKey: string | null;
  /** Π of the reduced ranks' extents (1 for a map). */
  reductionLength: number;
  /** Π of the output ranks' extents. */
  outputPoints: number;
  /**
   * Output points per step of the outermost output rank (a row of a convolution): the trip count of
   * the pipelined output loop when the reduction is unrolled across lanes.
   */
  rowPoints: number;
  /** Distinct tensors read, in order of first read. */
  inputs: Operand[];
  /** A MAC task's two factors: [ifmap-like, weight-like] as the contraction view names them. */
  factors: [Operand, Operand] | null;
  output: { tensor: string; bytes: number; isCascadeOutput: boolean };
}

export function buildTasks(cascade: Cascade): Task[] {
  const producerOf = new Map(cascade.einsums.map((e) => [e.output.tensor, e.id]));
  return cascade.einsums.map((einsum, index) => {
    const extents = new Map(einsum.ranks.map((r) => [r.name, r.extent]));
    const reduced = new Set(einsum.reduce?.ranks ?? []);
    const outputRanks = einsum.ranks.filter((r) => !reduced.has(r.name));
    const points = product(einsum.ranks.map((r) => r.extent));
    const reductionLength = product(einsum.ranks.filter((r) => reduced.has(r.name)).map((r) => r.extent));
    const operand = (access: Access): Operand => {
      const base = throughView(access, cascade.tensors);
      const decl = cascade.tensors[base.tensor];
      return { tensor: base.tensor, bytes: tensorBytes(decl), elementBytes: PRECISION_BYTES[decl.precision], producer: producerOf.get(base.tensor) ?? null, windowFraction: windowFraction(base, decl.shape, decl.padding, decl.ranks, reduced, extents) };
    };
    const inputs: Operand[] = [];
    for (const access of readsOf(einsum)) {
      const o = operand(access);
      const seen = inputs.find((x) => x.tensor === o.tensor);
      if (!seen) inputs.push(o);
      else if (o.windowFraction !== null) seen.windowFraction = Math.max(seen.windowFraction ?? 0, o.windowFraction);
    }
    const cls = classifyEinsum(cascade, einsum);
    const base = (name: string): string => cascade.tensors[name].viewOf?.tensor ?? name;
    const factors: [Operand, Operand] | null = cls.kind === 'contraction' ? [find(inputs, base(cls.operands.input)), find(inputs, base(cls.operands.weight))] : null;
    const annotated = einsum.annotations.precision;
    const key = factors ? (typeof annotated === 'string' ? annotated : precisionKey(precisionOf(cascade, factors[0].tensor), precisionOf(cascade, factors[1].tensor))) : null;
    const out = cascade.tensors[einsum.output.tensor];
    return {
      id: einsum.id,
      einsum,
      index,
      kind: factors ? 'mac' : 'sfu',
      points,
      macs: factors ? points : 0,
      ops: countOps(einsum, points),
      precisionKey: key,
      reductionLength,
      outputPoints: product(outputRanks.map((r) => r.extent)),
      rowPoints: product(outputRanks.slice(1).map((r) => r.extent)),
      inputs,
      factors,
      output: { tensor: out.name, bytes: tensorBytes(out), isCascadeOutput: out.role === 'output' },
    };
  });
}

/**
 * A read like `I[c, p + r - 1, q + s - 1]` mixes an output rank with a reduced rank: a consumer that
 * walks p in order keeps only the rows the window spans (extent of r) of that dimension. The
 * fraction is taken on the outermost such dimension, as a line buffer holds whole inner rows.
 */
function windowFraction(
  access: Access,
  shape: number[],
  padding: Record<string, [number, number]>,
  ranks: string[],
  reduced: Set<string>,
  extents: Map<string, number>,
): number | null {
  for (const [dim, ix] of access.indices.entries()) {
    const used = Object.keys(ix.terms).filter((r) => ix.terms[r] !== 0);
    const windowRank = used.find((r) => reduced.has(r));
    if (!windowRank || !used.some((r) => !reduced.has(r))) continue;
    const [before, after] = padding[ranks[dim]] ?? [0, 0];
    const rows = shape[dim] + before + after;
    return Math.min(1, (Math.abs(ix.terms[windowRank]) * ((extents.get(windowRank) ?? 1) - 1) + 1) / rows);
  }
  return null;
}

function precisionOf(cascade: Cascade, tensor: string): Precision {
  return cascade.tensors[tensor].precision;
}

function find(inputs: Operand[], tensor: string): Operand {
  const o = inputs.find((x) => x.tensor === tensor);
  if (!o) throw new Error(`internal: contraction operand ${tensor} is not among the reads`);
  return o;
}

const product = (xs: number[]): number => xs.reduce((a, b) => a * b, 1);
