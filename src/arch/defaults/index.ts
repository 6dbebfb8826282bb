// Every default technology table, by node name (the arch file's `technology:`).
import { TECH_45NM } from './45nm.js';
import type { TechnologyTable } from './table.js';

export const TECHNOLOGY_TABLES: Record<string, TechnologyTable> = {
  [TECH_45NM.node]: TECH_45NM,
};

export type { TechnologyTable, ComponentPrice } from './table.js';
