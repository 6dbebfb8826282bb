// The `repeat:` annotation: N identical decoder layers written once. Einsums annotated
// `repeat: layers` (a parameter name, or a number) form one block that runs N times in order;
// each repetition has its own weights and KV cache (distinct DRAM rows), and the block's output
// feeds the next repetition. The block must be contiguous in the cascade's order and all its
// Einsums must name the same count, so "a layer" is unambiguous. Engines that do not read the
// annotation simulate one repetition (docs/pim.md).
import { EinsimError } from '../../errors.js';
import type { Cascade, Einsum } from '../../einsum/types.js';

export interface Step {
  einsum: Einsum;
  /** 0-based repetition (0 for Einsums outside the block). */
  repetition: number;
  inBlock: boolean;
}

/** Repetitions of one Einsum (1 when not annotated). */
export function repeatCount(einsum: Einsum, cascade: Cascade): number {
  const r = einsum.annotations.repeat;
  if (r === undefined) return 1;
  const where = { file: einsum.loc.file, line: einsum.loc.line, path: `${einsum.loc.path}.repeat` };
  const n = typeof r === 'number' ? r : typeof r === 'string' ? cascade.params[r] : undefined;
  if (n === undefined) {
    throw new EinsimError({ ...where, code: 'unknown_name', expected: `a parameter name or a positive integer (params: ${Object.keys(cascade.params).join(', ')})`, received: JSON.stringify(r) });
  }
  if (!Number.isInteger(n) || n < 1) throw new EinsimError({ ...where, code: 'invalid_value', expected: 'a positive integer repetition count', received: String(n) });
  return n;
}

/** The order in which Einsums execute, with the repeated block unrolled. */
export function executionOrder(cascade: Cascade): Step[] {
  const counts = cascade.einsums.map((e) => repeatCount(e, cascade));
  const inBlock = counts.map((n, i) => n > 1 || cascade.einsums[i].annotations.repeat !== undefined);
  const first = inBlock.indexOf(true);
  if (first < 0) return cascade.einsums.map((einsum) => ({ einsum, repetition: 0, inBlock: false }));
  const last = inBlock.lastIndexOf(true);
  for (let i = first; i <= last; i++) {
    const e = cascade.einsums[i];
    if (!inBlock[i] || counts[i] !== counts[first]) {
      throw new EinsimError({
        file: e.loc.file,
        line: e.loc.line,
        path: e.loc.path,
        code: 'invalid_value',
        expected: `every Einsum between ${cascade.einsums[first].id} and ${cascade.einsums[last].id} in one repeated block with the same count (${counts[first]})`,
        received: inBlock[i] ? `repeat ${counts[i]}` : 'no repeat annotation',
      });
    }
  }
  const steps: Step[] = cascade.einsums.slice(0, first).map((einsum) => ({ einsum, repetition: 0, inBlock: false }));
  for (let rep = 0; rep < counts[first]; rep++) {
    for (let i = first; i <= last; i++) steps.push({ einsum: cascade.einsums[i], repetition: rep, inBlock: true });
  }
  for (const einsum of cascade.einsums.slice(last + 1)) steps.push({ einsum, repetition: 0, inBlock: false });
  return steps;
}

/**
 * The block's carried state: `feeds: X` on the Einsum that writes the layer output says that the
 * next repetition reads this output where the workload reads the input X. Returns input → Einsum.
 */
export function carriedInputs(cascade: Cascade): Map<string, string> {
  const out = new Map<string, string>();
  for (const e of cascade.einsums) {
    const f = e.annotations.feeds;
    if (f === undefined) continue;
    const where = { file: e.loc.file, line: e.loc.line, path: `${e.loc.path}.feeds` };
    const target = typeof f === 'string' ? cascade.tensors[f] : undefined;
    const own = cascade.tensors[e.output.tensor];
    if (!target || target.role !== 'input') {
      throw new EinsimError({ ...where, code: 'unknown_name', expected: 'the name of a cascade input that the next repetition reads in place of this output', received: JSON.stringify(f) });
    }
    if (e.annotations.repeat === undefined || target.shape.join('x') !== own.shape.join('x')) {
      throw new EinsimError({ ...where, code: 'invalid_value', expected: `an Einsum of the repeated block whose output has the shape of ${target.name} [${target.shape.join(', ')}]`, received: `${e.id} [${own.shape.join(', ')}]` });
    }
    out.set(target.name, e.id);
  }
  return out;
}
