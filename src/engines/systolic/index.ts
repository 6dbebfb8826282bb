// The systolic engine's public surface: SCALE-Sim v2's per-layer model and its wrappers.
export type { BandwidthMode, Dataflow, LayerResult, ScaleSimLayer, StartStop, SystolicConfig } from './types.js';
export { simulateLayer } from './simulate-layer.js';
export type { SimulateOptions } from './simulate-layer.js';
export { simulateLayers, layerActions, layerTraffic, layerEinsumResult } from './simulate-layers.js';
export type { SimulateLayersOptions } from './simulate-layers.js';
export { SystolicStructureSchema, components, configFromStructure } from './structure.js';
export type { SystolicStructure } from './structure.js';
export { scaleSimReports } from './scalesim-reports.js';
export type { ScaleSimReports } from './scalesim-reports.js';
export { pyFloatStr } from './python-float.js';
