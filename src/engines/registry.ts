// Every engine einsim has, by the name an arch file's `engine:` uses. A literal table, not
// registration by import side effect (STYLE.md §1): this file is the one list of what exists.
import { EinsimError } from '../errors.js';
import type { EngineKind } from '../arch/types.js';
import type { Engine } from './engine.js';
import { fpgaEngine } from './fpga/index.js';
import { spatialEngine } from './spatial/index.js';
import { pimEngine } from './pim/index.js';
import { systolicEngine } from './systolic/engine.js';

// Engines are generic in their structure type; the table erases it (each engine validates its
// own structure with its schema before anything reads it).
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyEngine = Engine<any>;
export type EngineRegistry = Partial<Record<EngineKind, AnyEngine>>;

export const ENGINES: EngineRegistry = {
  systolic: systolicEngine,
  spatial: spatialEngine,
  pim: pimEngine,
  fpga: fpgaEngine,
};

export function knownEngineNames(registry: EngineRegistry = ENGINES): string[] {
  return Object.keys(registry);
}

export function engineFor(kind: string, where: { file: string; line?: number; path: string }, registry: EngineRegistry = ENGINES): AnyEngine {
  const engine = (registry as Record<string, AnyEngine | undefined>)[kind];
  if (!engine) {
    throw new EinsimError({ ...where, code: 'unknown_name', expected: `a registered engine (known: ${knownEngineNames(registry).join(', ') || 'none'})`, received: JSON.stringify(kind) });
  }
  return engine;
}
