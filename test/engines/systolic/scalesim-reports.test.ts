// The report writer regenerates SCALE-Sim's rows: for each reference topology run (one config,
// dataflow and topology), build the three reports and compare them cell by cell with the
// reference columns, plus the exact header text and line shape.
import { describe, expect, it } from 'vitest';
import { simulateLayer } from '../../../src/engines/systolic/simulate-layer.js';
import { BANDWIDTH_HEADER, COMPUTE_HEADER, DETAIL_HEADER, scaleSimReports } from '../../../src/engines/systolic/scalesim-reports.js';
import { goldenRows } from './golden-rows.js';

const COMPUTE_COLUMNS = ['total_cycles', 'stall_cycles', 'overall_util_pct', 'mapping_eff_pct', 'compute_util_pct'];
const BANDWIDTH_COLUMNS = ['avg_ifmap_sram_bw', 'avg_filter_sram_bw', 'avg_ofmap_sram_bw', 'avg_ifmap_dram_bw', 'avg_filter_dram_bw', 'avg_ofmap_dram_bw'];
const DETAIL_COLUMNS = ['sram_ifmap', 'sram_filter', 'sram_ofmap', 'dram_ifmap', 'dram_filter', 'dram_ofmap'].flatMap((p) => [
  `${p}_start`,
  `${p}_stop`,
  p.endsWith('ofmap') ? `${p}_writes` : `${p}_reads`,
]);

describe('SCALE-Sim report writer', () => {
  it('writes SCALE-Sim headers exactly', () => {
    const r = scaleSimReports([]);
    expect(r['COMPUTE_REPORT.csv']).toBe('LayerID, Total Cycles, Stall Cycles, Overall Util %, Mapping Efficiency %, Compute Util %,\n');
    expect(BANDWIDTH_HEADER).toBe('LayerID, Avg IFMAP SRAM BW, Avg FILTER SRAM BW, Avg OFMAP SRAM BW, Avg IFMAP DRAM BW, Avg FILTER DRAM BW, Avg OFMAP DRAM BW,');
    expect(DETAIL_HEADER).toBe(
      'LayerID, SRAM IFMAP Start Cycle, SRAM IFMAP Stop Cycle, SRAM IFMAP Reads, SRAM Filter Start Cycle, SRAM Filter Stop Cycle, SRAM Filter Reads, ' +
        'SRAM OFMAP Start Cycle, SRAM OFMAP Stop Cycle, SRAM OFMAP Writes, DRAM IFMAP Start Cycle, DRAM IFMAP Stop Cycle, DRAM IFMAP Reads, ' +
        'DRAM Filter Start Cycle, DRAM Filter Stop Cycle, DRAM Filter Reads, DRAM OFMAP Start Cycle, DRAM OFMAP Stop Cycle, DRAM OFMAP Writes,',
    );
    expect(COMPUTE_HEADER.endsWith(',')).toBe(true);
  });

  it('regenerates the reference rows of every small topology run, cell by cell', () => {
    // Group the reference rows into runs (config × dataflow × topology), keep runs that are quick.
    const runs = new Map<string, ReturnType<typeof goldenRows>>();
    for (const g of goldenRows()) {
      const key = `${g.row.config} ${g.row.dataflow} ${g.row.topology}`;
      runs.set(key, [...(runs.get(key) ?? []), g]);
    }
    const small = [...runs.entries()].filter(([, rows]) => rows.every((g) => Number(g.row.macs) < 1e7));
    expect(small.length).toBeGreaterThan(30);
    const mismatches: string[] = [];
    for (const [key, rows] of small) {
      rows.sort((a, b) => Number(a.row.layer_id) - Number(b.row.layer_id));
      const reports = scaleSimReports(rows.map((g) => simulateLayer(g.layer, g.config, { trace: false })));
      const check = (file: keyof typeof reports, columns: string[]): void => {
        const lines = reports[file].split('\n');
        expect(lines[lines.length - 1]).toBe('');
        rows.forEach((g, i) => {
          const text = lines[i + 1];
          expect(text.endsWith(',')).toBe(true);
          const cells = text.slice(0, -1).split(', ');
          expect(cells[0]).toBe(String(i));
          columns.forEach((c, j) => {
            if (cells[j + 1] !== g.row[c]) mismatches.push(`${key} layer ${i} ${file} ${c}: ref ${g.row[c]}, einsim ${cells[j + 1]}`);
          });
        });
      };
      check('COMPUTE_REPORT.csv', COMPUTE_COLUMNS);
      check('BANDWIDTH_REPORT.csv', BANDWIDTH_COLUMNS);
      check('DETAILED_ACCESS_REPORT.csv', DETAIL_COLUMNS);
    }
    expect(mismatches).toEqual([]);
  });
});
