// The two sweep axes whose values are files, not field values: `arch=a.yaml,b.yaml` runs every
// point on each architecture (a systolic array, a FuseMax array, a PIM device side by side) and
// `workload=x.yaml,y.yaml` on each workload. Every file is read and checked once, before any
// point runs: a file that does not exist or does not parse is the user's mistake and stops the
// sweep with its own error, while a point the file's engine refuses is skipped with its reason.
import { loadArch } from '../arch/load.js';
import { loadWorkload } from '../einsum/load.js';
import { resolveInput } from '../cli/paths.js';
import { EinsimError } from '../errors.js';
import { readText } from '../util/read-text.js';
import type { AxisValue } from './points.js';

export const FILE_AXES = { arch: 'arch', workload: 'workload' } as const;

/** A file named on a file axis: where it was found (shipped files resolve from any cwd) and its text. */
export interface AxisFile {
  path: string;
  text: string;
  /** A workload's params (what a `param.NAME` axis may set). */
  params?: string[];
}

export interface AxisFileOptions {
  /** Workload parameters every point sets (the workloads are checked with them). */
  params?: Record<string, number>;
  topologyType?: 'conv' | 'gemm';
}

/** Read and check every file the `arch` and `workload` axes name, keyed by the value as given. */
export function readAxisFiles(axes: Record<string, readonly AxisValue[]>, options: AxisFileOptions = {}): Record<string, AxisFile> {
  const files: Record<string, AxisFile> = {};
  for (const value of axes[FILE_AXES.arch] ?? []) {
    const path = resolveInput(String(value));
    loadArch(path); // its own error (file, field path) if it is not an architecture
    files[String(value)] = { path, text: readText(path) };
  }
  for (const value of axes[FILE_AXES.workload] ?? []) {
    const path = resolveInput(String(value));
    const cascade = loadWorkload(path, options.params ?? {}, { topologyType: options.topologyType });
    files[String(value)] = { path, text: readText(path), params: Object.keys(cascade.params) };
  }
  return files;
}


/**
 * A `param.NAME` axis must name a param of the workload (of at least one, with a workload axis):
 * otherwise every point would be skipped with the same reason, and that is a typo, not the edge
 * of the design space. `workloads` are the swept workloads' files and params.
 */
export function checkParamAxes(axes: Record<string, readonly AxisValue[]>, workloads: readonly { path: string; params: readonly string[] }[]): void {
  const known = new Set(workloads.flatMap((w) => w.params));
  for (const axis of Object.keys(axes)) {
    if (!axis.startsWith('param.')) continue;
    const name = axis.slice('param.'.length);
    if (known.has(name)) continue;
    const files = workloads.map((w) => w.path).join(', ');
    throw new EinsimError({ file: '<cli>', path: `--axis ${axis}`, code: 'unknown_name', expected: `a param of ${files} (${[...known].join(', ') || 'none'})`, received: JSON.stringify(name) });
  }
}
