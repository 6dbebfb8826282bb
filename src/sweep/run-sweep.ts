// Evaluate design points: each point sets architecture fields (`structure.rows`) and workload
// parameters (`param.M`), and may pick the architecture or workload file itself (the `arch` and
// `workload` axes, file-axes.ts); every text is read once and re-validated per point, so every
// point goes through the same checks as a single run (and the same readers: a SCALE-Sim .cfg or
// topology .csv is recognised by its file name, as in `run`).
import { parseArch } from '../arch/load.js';
import type { Assignment } from '../arch/overrides.js';
import { parseWorkloadText } from '../einsum/load.js';
import { EinsimError, isEinsimError } from '../errors.js';
import type { Report } from '../report/report.js';
import { simulate } from '../simulate.js';
import type { EngineRegistry } from '../engines/registry.js';
import { FILE_AXES, type AxisFile } from './file-axes.js';
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
  /** Texts of the files an `arch` or `workload` axis names, by the axis value (file-axes.ts). */
  files?: Record<string, AxisFile>;
  /** The engines to use (tests pass a fake). */
  registry?: EngineRegistry;
}

export type SweepOutcome = { point: DesignPoint; ok: true; report: Report } | { point: DesignPoint; ok: false; reason: string };

export function evaluatePoint(input: SweepInput, point: DesignPoint): SweepOutcome {
  const params: Record<string, number> = { ...(input.params ?? {}) };
  const set: Assignment[] = [...(input.set ?? [])];
  let arch = { path: input.archFile, text: input.archText };
  let workload = { path: input.workloadFile, text: input.workloadText };
  for (const [axis, value] of Object.entries(point)) {
    if (axis === FILE_AXES.arch) arch = axisFile(input, axis, value);
    else if (axis === FILE_AXES.workload) workload = axisFile(input, axis, value);
    else if (axis.startsWith('param.')) {
      if (typeof value !== 'number') throw new EinsimError({ file: '<cli>', path: axis, code: 'invalid_type', expected: 'a number for a workload parameter', received: JSON.stringify(value) });
      params[axis.slice('param.'.length)] = value;
    } else set.push({ path: axis, value });
  }
  try {
    const cascade = parseWorkloadText(workload.text, workload.path, params, { topologyType: input.topologyType });
    const built = parseArch(arch.text, arch.path, input.registry, set);
    return { point, ok: true, report: simulate(cascade, built, {}, input.registry).report };
  } catch (e) {
    // A point that is invalid (a buffer too small, an extent that is not an integer) is skipped
    // with its reason, not fatal: sweeps explore the edges of the valid space.
    if (isEinsimError(e)) return { point, ok: false, reason: e.issues.map((i) => `${i.path}: expected ${i.expected}${i.received !== undefined ? `, received ${i.received}` : ''}`).join('; ') };
    throw e;
  }
}

function axisFile(input: SweepInput, axis: string, value: DesignPoint[string]): AxisFile {
  const file = input.files?.[String(value)];
  // The CLI reads every file of an axis before the sweep starts; a library caller must too.
  if (!file) throw new EinsimError({ file: '<cli>', path: `--axis ${axis}`, code: 'invalid_value', expected: 'a file read into SweepInput.files (readAxisFiles)', received: JSON.stringify(value) });
  return file;
}
