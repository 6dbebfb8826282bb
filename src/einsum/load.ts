// Reading a workload from disk. The one place that decides, by file extension, which reader a
// path goes to: einsim's YAML, or a SCALE-Sim topology CSV (conv rows, or `-i gemm` M,N,K rows)
// converted to a cascade so SCALE-Sim users can bring their existing files.
import { extname } from 'node:path';
import { EinsimError } from '../errors.js';
import { importScaleSimTopology } from '../import/scalesim-topology.js';
import { parseWorkload } from './parse.js';
import type { Cascade } from './types.js';
import { readText } from '../util/read-text.js';

const YAML_EXTENSIONS = new Set(['.yaml', '.yml']);

export interface LoadWorkloadOptions {
  /** For a SCALE-Sim topology CSV: force conv or gemm rows (by default recognised by the header). */
  topologyType?: 'conv' | 'gemm';
}

/** Reads and parses a workload file. Throws EinsimError (`io` when the file cannot be read). */
export function loadWorkload(path: string, overrides: Record<string, number> = {}, options: LoadWorkloadOptions = {}): Cascade {
  const ext = extname(path).toLowerCase();
  if (ext !== '.csv' && !YAML_EXTENSIONS.has(ext)) {
    throw new EinsimError({ file: path, path: '', code: 'unsupported', expected: 'a workload .yaml file or a SCALE-Sim topology .csv', received: ext ? `a ${ext} file` : 'a file without extension' });
  }
  return parseWorkloadText(readText(path), path, overrides, options);
}

/**
 * Parses workload text read from `file` by the file's kind: a SCALE-Sim topology `.csv`, or YAML
 * (any other name). For callers that read the text once and parse it many times (sweeps).
 */
export function parseWorkloadText(text: string, file: string, overrides: Record<string, number> = {}, options: LoadWorkloadOptions = {}): Cascade {
  if (extname(file).toLowerCase() === '.csv') {
    const names = Object.keys(overrides);
    if (names.length > 0) {
      throw new EinsimError({ file: '<cli>', path: '--param', code: 'unsupported', expected: 'no --param for a SCALE-Sim topology .csv (its layers have no parameters)', received: names.join(', ') });
    }
    return importScaleSimTopology(text, file, { type: options.topologyType });
  }
  return parseWorkload(text, file, overrides);
}
