// The engine contract. An engine is a pure function from (Cascade, Arch, options) to counts:
// no I/O, no global state, no energy (that is src/cost/), no literals that belong in a
// technology table (those are src/arch/defaults/). Engines are listed, by name, in
// src/engines/registry.ts; there is no registration by import side effect.
//
// Contract for implementers:
// - `schema` validates the arch file's `structure:` section (a strict zod object; units in names).
// - `components(structure)` lists every component the engine will count actions on, so the
//   cost model can price them before the run and reject an unpriced action up front.
// - `check` is cheap and runs no model: it says, per Einsum, whether the cascade can run at all
//   (a buffer too small, an Einsum this engine cannot execute), like Timeloop's PreEvaluationCheck.
// - `simulate` must be deterministic; the same inputs give the same numbers with or without
//   tracing. Einsums the engine cannot execute are reported with status 'unsupported' and a note,
//   never silently given zero cycles.
import type { z } from 'zod';
import type { Cascade } from '../einsum/types.js';
import type { Arch, ComponentSpec, EngineKind } from '../arch/types.js';
import type { EngineResult } from './result.js';

export interface RunOptions {
  /** Collect timeline events and trace artifacts (never changes the numbers). */
  trace: boolean;
}

export interface FitCheck {
  einsum: string;
  ok: boolean;
  /** Why it does not fit / run, e.g. `buffer BQK needs 96 KiB, has 64 KiB`. */
  reason: string;
}

export interface Engine<S = unknown> {
  kind: EngineKind;
  /** One line for `einsim list`. */
  summary: string;
  schema: z.ZodType<S>;
  components(structure: S): ComponentSpec[];
  check(cascade: Cascade, arch: Arch<S>): FitCheck[];
  simulate(cascade: Cascade, arch: Arch<S>, options: RunOptions): EngineResult;
  /**
   * For `einsim explain` and teaching: how the cycles came about (folds, passes, binding, stalls),
   * as readable lines, from the inputs and the result. Optional; the generic explanation (cycle
   * breakdown, utilization, energy shares) is printed for every engine.
   */
  explain?(cascade: Cascade, arch: Arch<S>, result: EngineResult): string[];
}
