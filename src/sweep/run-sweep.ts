// Evaluate design points: each point sets architecture fields (`structure.rows`) and workload
// parameters (`param.M`); the architecture text and the workload text are read once and
// re-validated per point, so every point goes through the same checks as a single run (and the
// same readers: a SCALE-Sim .cfg or topology .csv is recognised by its file name, as in `run`).
import { parseArch } from '../arch/load.js';
import type { Assignment } from '../arch/overrides.js';
import { parseWorkloadText } from '../einsum/load.js';
import { EinsimError, isEinsimError } from '../errors.js';
import type { Report } from '../report/report.js';
import { simulate } from '../simulate.js';
import type { EngineRegistry } from '../engines/registry.js';
import type { DesignPoint } from './points.js';

export interface SweepInput {
  archText: string;
  archFile: string;
  workloadText: string;
  workloadFile: string;
  /** For a SCALE-Sim topology .csv workload: force conv or gemm rows. */
  topologyType?: 'conv' | 'gemm';
  /** Fixed overrides applied to every point. */
  params?: Record<string, number>;
  set?: Assignment[];
  /** The engines to use (tests pass a fake). */
  registry?: EngineRegistry;
}

export type SweepOutcome = { point: DesignPoint; ok: true; report: Report } | { point: DesignPoint; ok: false; reason: string };

export function evaluatePoint(input: SweepInput, point: DesignPoint): SweepOutcome {
  const params: Record<string, number> = { ...(input.params ?? {}) };
  const set: Assignment[] = [...(input.set ?? [])];
  for (const [axis, value] of Object.entries(point)) {
    if (axis.startsWith('param.')) {
      if (typeof value !== 'number') throw new EinsimError({ file: '<cli>', path: axis, code: 'invalid_type', expected: 'a number for a workload parameter', received: JSON.stringify(value) });
      params[axis.slice('param.'.length)] = value;
    } else set.push({ path: axis, value });
  }
  try {
    const cascade = parseWorkloadText(input.workloadText, input.workloadFile, params, { topologyType: input.topologyType });
    const arch = parseArch(input.archText, input.archFile, input.registry, set);
    return { point, ok: true, report: simulate(cascade, arch, {}, input.registry).report };
  } catch (e) {
    // A point that is invalid (a buffer too small, an extent that is not an integer) is skipped
    // with its reason, not fatal: sweeps explore the edges of the valid space.
    if (isEinsimError(e)) return { point, ok: false, reason: e.issues.map((i) => `${i.path}: expected ${i.expected}${i.received !== undefined ? `, received ${i.received}` : ''}`).join('; ') };
    throw e;
  }
}
