// The spatial engine: a FuseMax-style accelerator with a 2-D and a 1-D PE array (docs/spatial.md).
// FuseMax, FLAT, the unfused baseline and the ablation points are architectures + cascades fed to
// this one model; nothing in it knows which design it is running.
import type { Engine } from '../engine.js';
import { spatialComponents } from './components.js';
import { checkSpatial } from './check.js';
import { explainSpatial } from './explain.js';
import { simulateSpatial } from './simulate.js';
import { SpatialStructureSchema, type SpatialStructure } from './structure.js';

export const spatialEngine: Engine<SpatialStructure> = {
  kind: 'spatial',
  summary: 'FuseMax-style 2-D + 1-D PE arrays: binding, pipelined iterations, passes, buffer and DRAM traffic',
  schema: SpatialStructureSchema,
  components: spatialComponents,
  check: checkSpatial,
  simulate: simulateSpatial,
  explain: explainSpatial,
};

export { analysePasses, explainPasses } from './passes.js';
export { explainSpatial } from './explain.js';
export type { SpatialStructure } from './structure.js';
