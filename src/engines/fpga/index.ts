// The fpga engine: an FPGA device's resources and clock, one engine per task sized by the DSP
// budget, and three execution modes — sequential, dataflow, and InTAR's inter-task reconfiguration
// with a static schedule and a switch cost (docs/fpga.md).
import type { Engine } from '../engine.js';
import { checkFpga } from './check.js';
import { fpgaComponents } from './components.js';
import { explainFpga } from './explain.js';
import { simulateFpga } from './simulate.js';
import { FpgaStructureSchema, type FpgaStructure } from './structure.js';

export const fpgaEngine: Engine<FpgaStructure> = {
  kind: 'fpga',
  summary: 'FPGA device (DSP, BRAM, URAM, HBM): one engine per task, sequential / dataflow / InTAR schedules',
  schema: FpgaStructureSchema,
  components: fpgaComponents,
  check: checkFpga,
  simulate: simulateFpga,
  explain: explainFpga,
};

export type { FpgaStructure } from './structure.js';
export { runFpgaModel } from './model.js';
