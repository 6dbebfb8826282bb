// Validate → normalise → build (ZigZag's order), collecting every issue before failing:
//  1. the common part against ArchFileSchema;
//  2. `structure:` against the engine's own schema;
//  3. the components the engine will count, priced from the default table and the overrides.
import { EinsimError, type Issue } from '../errors.js';
import { ENGINES, knownEngineNames, type EngineRegistry } from '../engines/registry.js';
import type { YamlSource } from '../util/yaml-source.js';
import { zodToIssues } from '../util/zod-issues.js';
import { TECHNOLOGY_TABLES } from './defaults/index.js';
import { resolveTech } from './price.js';
import { ArchFileSchema } from './schema.js';
import type { Arch } from './types.js';

export function buildArch(source: YamlSource, registry: EngineRegistry = ENGINES): Arch {
  const common = ArchFileSchema.safeParse(source.value ?? {});
  if (!common.success) throw new EinsimError(zodToIssues(common.error, source));
  const file = common.data;
  const issues: Issue[] = [];

  const engine = (registry as Record<string, EngineRegistry[keyof EngineRegistry]>)[file.engine];
  if (!engine) {
    throw new EinsimError({ file: source.file, line: source.lineOf(['engine']), path: 'engine', code: 'unsupported', expected: `an engine this version implements (${knownEngineNames(registry).join(', ') || 'none'})`, received: JSON.stringify(file.engine) });
  }
  const structure = engine.schema.safeParse(file.structure ?? {});
  if (!structure.success) issues.push(...zodToIssues(structure.error, source, ['structure']));

  const table = TECHNOLOGY_TABLES[file.technology];
  if (!table) {
    issues.push({ file: source.file, line: source.lineOf(['technology']), path: 'technology', code: 'unknown_name', expected: `a technology table (known: ${Object.keys(TECHNOLOGY_TABLES).join(', ')})`, received: JSON.stringify(file.technology) });
  }
  if (issues.length > 0 || !structure.success || !table) throw new EinsimError(issues);

  const components = engine.components(structure.data);
  const { tech, issues: priceIssues } = resolveTech(components, table, file.tech, source);
  if (priceIssues.length > 0) throw new EinsimError(priceIssues);

  return {
    name: file.name,
    file: source.file,
    engine: file.engine,
    description: file.description,
    source: file.source,
    clockHz: file.clockHz,
    structure: structure.data,
    components,
    tech,
  };
}
