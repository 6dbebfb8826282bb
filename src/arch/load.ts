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
  const source = parseYamlSource(text, file);
  const value = set.length > 0 ? applyAssignments(source.value, set) : source.value;
  return buildArch({ ...source, value }, registry);
}

export function loadArch(path: string, options: ArchLoadOptions = {}): Arch {
  const ext = extname(path).toLowerCase();
  if (ext === '.yaml' || ext === '.yml') return parseArch(readText(path), path, options.registry, options.set);
  if (ext === '.cfg') {
    const source = scaleSimCfgSource(readText(path), path);
    const value = options.set && options.set.length > 0 ? applyAssignments(source.value, options.set) : source.value;
    return buildArch({ ...source, value }, options.registry);
  }
  throw new EinsimError({ file: path, path: '', code: 'unsupported', expected: 'an architecture .yaml file or a SCALE-Sim .cfg', received: ext || 'no extension' });
}
