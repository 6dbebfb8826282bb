// Read an architecture file and build it. YAML is einsim's own format; other tools' formats
// (a SCALE-Sim .cfg) are recognised by extension and converted.
import { extname } from 'node:path';
import { EinsimError } from '../errors.js';
import { readText } from '../util/read-text.js';
import type { EngineRegistry } from '../engines/registry.js';
import { parseYamlSource } from '../util/yaml-source.js';
import { buildArch } from './build.js';
import { scaleSimCfgSource } from './from-scalesim-cfg.js';
import { applyAssignments, type Assignment } from './overrides.js';
import type { Arch } from './types.js';

export interface ArchLoadOptions {
  registry?: EngineRegistry;
  /** Field assignments applied before validation (`--set structure.rows=64`, sweep axes). */
  set?: readonly Assignment[];
}

export function parseArch(text: string, file: string, registry?: EngineRegistry, set: readonly Assignment[] = []): Arch {
  const ext = extname(file).toLowerCase();
  let source;
  if (ext === '.cfg') source = scaleSimCfgSource(text, file);
  else if (ext === '.yaml' || ext === '.yml' || ext === '') source = parseYamlSource(text, file);
  else throw new EinsimError({ file, path: '', code: 'unsupported', expected: 'an architecture .yaml file or a SCALE-Sim .cfg', received: ext });
  const value = set.length > 0 ? applyAssignments(source.value, set) : source.value;
  return buildArch({ ...source, value }, registry);
}

/** Read and build an architecture file: YAML, or a SCALE-Sim .cfg (by extension). */
export function loadArch(path: string, options: ArchLoadOptions = {}): Arch {
  const ext = extname(path).toLowerCase();
  if (ext !== '.yaml' && ext !== '.yml' && ext !== '.cfg') {
    throw new EinsimError({ file: path, path: '', code: 'unsupported', expected: 'an architecture .yaml file or a SCALE-Sim .cfg', received: ext || 'no extension' });
  }
  return parseArch(readText(path), path, options.registry, options.set);
}
