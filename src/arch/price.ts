// Resolve the price of every component once, at build time: the arch file's `tech` overrides
// win (marked with their own source), the default technology table fills the rest, and a
// component that neither can price is an error naming the component and why the table declined.
import type { Issue } from '../errors.js';
import type { TechnologyTable } from './defaults/index.js';
import type { ArchFile } from './schema.js';
import type { ComponentSpec, PricedValue, Tech } from './types.js';
import { formatPath } from '../util/path.js';
import type { YamlSource } from '../util/yaml-source.js';

export function resolveTech(components: ComponentSpec[], table: TechnologyTable, overrides: ArchFile['tech'], source: YamlSource): { tech: Tech; issues: Issue[] } {
  const issues: Issue[] = [];
  const energyPj: Tech['energyPj'] = {};
  const areaUm2: Tech['areaUm2'] = {};
  const names = new Set(components.map((c) => c.name));
  const fromFile = (v: PricedValue): PricedValue => ({ value: v.value, source: `arch file: ${v.source}` });

  for (const c of components) {
    const def = table.price(c);
    const energy: Record<string, PricedValue> = def.ok ? { ...def.price.energyPj } : {};
    for (const [action, v] of Object.entries(overrides.energyPj[c.name] ?? {})) energy[action] = fromFile(v);
    const areaOverride = overrides.areaUm2[c.name];
    const area = areaOverride ? fromFile(areaOverride) : def.ok ? def.price.areaUm2 : undefined;
    if (!def.ok && (area === undefined || Object.keys(energy).length === 0)) {
      const path = ['tech', Object.keys(energy).length === 0 ? 'energyPj' : 'areaUm2', c.name];
      issues.push({
        file: source.file,
        // The component comes from the structure; point there when the file has no tech section.
        line: source.lineOf(hasTechSection(source) ? ['tech'] : ['structure']),
        path: formatPath(path),
        code: 'missing',
        expected: `a price for component "${c.name}" (${def.reason}); add tech.energyPj.${c.name} and tech.areaUm2.${c.name} with a source`,
      });
    }
    energyPj[c.name] = energy;
    if (area) areaUm2[c.name] = area;
  }

  // An override for a component the engine does not have is a typo, not a silent no-op
  // (the Timeloop ERT-name trap in STYLE.md §2).
  for (const section of ['energyPj', 'areaUm2'] as const) {
    for (const name of Object.keys(overrides[section])) {
      if (!names.has(name)) {
        const path = ['tech', section, name];
        issues.push({ file: source.file, line: source.lineOf(path), path: formatPath(path), code: 'unknown_name', expected: `a component of this architecture (${[...names].join(', ')})`, received: JSON.stringify(name) });
      }
    }
  }
  return { tech: { node: table.node, energyPj, areaUm2 }, issues };
}

function hasTechSection(source: YamlSource): boolean {
  const v = source.value;
  return typeof v === 'object' && v !== null && 'tech' in v;
}
