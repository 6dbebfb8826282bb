// Command names to indices of a compiled standard, for code that issues commands by name (the
// controller's JEDEC commands, a PIM layer's all-bank ones). A missing command is a programming
// error (the caller chose the standard), not a user's: a plain Error naming both. A standard
// file naming an unknown command is reported to the user by compileStandard instead.
import type { CompiledStandard } from './standard.js';

export function commandIndex(compiled: CompiledStandard, name: string): number {
  const i = compiled.index.get(name);
  if (i === undefined) throw new Error(`standard ${compiled.standard.name} lacks command ${name}`);
  return i;
}

/** The indices of `names`, as a record keyed by name. */
export function commandIndices<const N extends string>(compiled: CompiledStandard, names: readonly N[]): Record<N, number> {
  const out = {} as Record<N, number>;
  for (const n of names) out[n] = commandIndex(compiled, n);
  return out;
}
