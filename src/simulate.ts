// The library's front door: run a cascade on an architecture and get a Report. Pure (no I/O):
// load files with loadWorkload / loadArch first. Sweeps and the CLI both call this.
import type { Arch } from './arch/types.js';
import type { Cascade } from './einsum/types.js';
import type { FitCheck, RunOptions } from './engines/engine.js';
import { ENGINES, engineFor, type EngineRegistry } from './engines/registry.js';
import type { EngineResult } from './engines/result.js';
import { buildReport, type Report } from './report/report.js';

export interface Simulation {
  report: Report;
  /** The engine's raw counts (traces and engine-specific data live here). */
  result: EngineResult;
}

export function simulate(cascade: Cascade, arch: Arch, options: Partial<RunOptions> = {}, registry: EngineRegistry = ENGINES): Simulation {
  const engine = engineFor(arch.engine, { file: arch.file, path: 'engine' }, registry);
  const result = engine.simulate(cascade, arch, { trace: options.trace ?? false });
  return { result, report: buildReport(result, arch, { name: cascade.name, file: cascade.file }) };
}

/** The cheap pre-check: per Einsum, can this cascade run on this architecture at all? */
export function checkFit(cascade: Cascade, arch: Arch, registry: EngineRegistry = ENGINES): FitCheck[] {
  return engineFor(arch.engine, { file: arch.file, path: 'engine' }, registry).check(cascade, arch);
}
