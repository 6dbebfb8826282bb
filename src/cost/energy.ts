// Energy = Σ action count × energy per action (Accelergy's energy_calculator, in TypeScript).
// Prices come from the architecture's resolved tech table, each with its source; an action the
// table cannot price is an error that names the component and the action, never a silent zero.
import { EinsimError } from '../errors.js';
import type { Arch } from '../arch/types.js';
import type { ActionCount } from '../engines/result.js';

export interface EnergyLine {
  component: string;
  action: string;
  count: number;
  energyPerActionPj: number;
  energyPj: number;
  source: string;
}

export interface EnergyBreakdown {
  totalPj: number;
  byComponent: Record<string, number>;
  lines: EnergyLine[];
}

export function priceActions(actions: readonly ActionCount[], arch: Pick<Arch, 'tech' | 'file'>): EnergyBreakdown {
  const lines: EnergyLine[] = [];
  const byComponent: Record<string, number> = {};
  let totalPj = 0;
  for (const a of actions) {
    if (a.count === 0) continue;
    const price = arch.tech.energyPj[a.component]?.[a.action];
    if (!price) {
      const known = Object.keys(arch.tech.energyPj[a.component] ?? {});
      throw new EinsimError({
        file: arch.file,
        path: `tech.energyPj.${a.component}.${a.action}`,
        code: 'missing',
        expected: known.length > 0 ? `a price for action "${a.action}" of "${a.component}" (priced: ${known.join(', ')})` : `a price for component "${a.component}" (not in this architecture's tech table)`,
      });
    }
    const energyPj = a.count * price.value;
    lines.push({ component: a.component, action: a.action, count: a.count, energyPerActionPj: price.value, energyPj, source: price.source });
    byComponent[a.component] = (byComponent[a.component] ?? 0) + energyPj;
    totalPj += energyPj;
  }
  return { totalPj, byComponent, lines };
}
