// Area = Σ instances × area per instance, per component, with the source of each number.
import type { Arch } from '../arch/types.js';

export interface AreaLine {
  component: string;
  instances: number;
  areaPerInstanceUm2: number;
  areaUm2: number;
  source: string;
}

export interface AreaBreakdown {
  totalUm2: number;
  lines: AreaLine[];
}

export function computeArea(arch: Pick<Arch, 'components' | 'tech'>): AreaBreakdown {
  const lines: AreaLine[] = [];
  let totalUm2 = 0;
  for (const c of arch.components) {
    const price = arch.tech.areaUm2[c.name];
    if (!price) continue; // resolveTech already rejected components without an area
    const areaUm2 = c.instances * price.value;
    lines.push({ component: c.name, instances: c.instances, areaPerInstanceUm2: price.value, areaUm2, source: price.source });
    totalUm2 += areaUm2;
  }
  return { totalUm2, lines };
}
