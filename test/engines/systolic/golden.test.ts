// Every row of SCALE-Sim v2's reference runs (../shared/ref/scalesim/results.csv): einsim must print
// the same text in every report column SCALE-Sim prints (ints as ints, floats as Python str()).
import { describe, expect, it } from 'vitest';
import { simulateLayer } from '../../../src/engines/systolic/simulate-layer.js';
import { goldenCells, goldenRows } from './golden-rows.js';

const rows = goldenRows();

describe('SCALE-Sim v2 golden rows', () => {
  it('has all 327 reference rows', () => {
    expect(rows.length).toBe(327);
  });

  for (const mode of ['CALC', 'USER'] as const) {
    it(`matches every ${mode} row, column by column`, () => {
      const mismatches: string[] = [];
      for (const g of rows.filter((r) => r.config.bandwidthMode === mode)) {
        const cells = goldenCells(simulateLayer(g.layer, g.config, { trace: false }));
        for (const [column, value] of Object.entries(cells)) {
          if (g.row[column] !== value) mismatches.push(`${g.id}: ${column} ref ${g.row[column]}, einsim ${value}`);
        }
      }
      expect(mismatches).toEqual([]);
    });
  }
});
