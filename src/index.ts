// The library API: everything a script (a design-space sweep, a notebook) needs.
export * from './errors.js';
export * from './einsum/types.js';
export * from './arch/types.js';
export * from './engines/result.js';
export type { Engine, RunOptions, FitCheck } from './engines/engine.js';
export { VERSION } from './version.js';
export { parseWorkload } from './einsum/parse.js';
export { loadWorkload } from './einsum/load.js';
export { buildGraph, producerOf, consumersOf, topologicalEinsums, tensorRoles, readsOf } from './einsum/graph.js';
export { simulate, checkFit, type Simulation } from './simulate.js';
export { loadArch, parseArch } from './arch/load.js';
export { buildReport, type Report, type ReportEinsum } from './report/report.js';
export { priceActions } from './cost/energy.js';
export { computeArea } from './cost/area.js';
export { gridPoints, countPoints, type DesignPoint } from './sweep/points.js';
export { paretoFront, minBy } from './sweep/reduce.js';
