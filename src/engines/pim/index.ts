// The PIM engine: a DRAM device with a MAC unit per bank (or per bank pair), driven by all-bank
// commands through the DRAM model's timing engine, plus a host unit for everything that is not a
// GEMV. See docs/pim.md for the model, its sources and its limits.
import type { Engine } from '../engine.js';
import { checkPim } from './check.js';
import { pimComponents } from './components.js';
import { simulatePim } from './simulate.js';
import { PimStructureSchema, type PimStructure } from './structure.js';

export const pimEngine: Engine<PimStructure> = {
  kind: 'pim',
  summary: 'DRAM-PIM: GEMVs as all-bank MAC commands timed by the DRAM model, a host unit for the rest (PIM-GPT, AiM, HBM-PIM, AttAcc)',
  schema: PimStructureSchema,
  components: pimComponents,
  check: checkPim,
  simulate: simulatePim,
};

export type { PimStructure } from './structure.js';
