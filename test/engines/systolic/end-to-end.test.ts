// The whole path a SCALE-Sim user takes: their .cfg through loadArch, their topology CSV through
// loadWorkload (the importer), the systolic engine via simulate(), and SCALE-Sim's own report
// files out — compared with the reference results for every (config, dataflow, topology) run.
import { describe, expect, it } from 'vitest';
import { loadArch } from '../../../src/arch/load.js';
import { loadWorkload } from '../../../src/einsum/load.js';
import { simulate } from '../../../src/simulate.js';
import { readRefCsv, refPath } from '../../helpers/ref.js';

const rows = readRefCsv('scalesim', 'results.csv');
const runs = new Map<string, Record<string, string>[]>();
for (const r of rows) {
  const key = `${r.config}|${r.dataflow}|${r.topology}|${r.input_type}`;
  runs.set(key, [...(runs.get(key) ?? []), r]);
}

describe('SCALE-Sim inputs end to end (cfg + topology CSV → einsim → COMPUTE_REPORT.csv)', () => {
  it.each([...runs.keys()])('%s', (key) => {
    const [config, dataflow, topology, inputType] = key.split('|');
    const arch = loadArch(refPath('scalesim', 'inputs', 'configs', `${config}.cfg`), { set: [{ path: 'structure.dataflow', value: dataflow }] });
    const cascade = loadWorkload(refPath('scalesim', 'inputs', 'topologies', `${topology}.csv`), {}, { topologyType: inputType as 'conv' | 'gemm' });
    const { result, report } = simulate(cascade, arch);
    const compute = [...result.nativeReports!.find((a) => a.path === 'COMPUTE_REPORT.csv')!.lines()].join('').trim().split('\n').slice(1);
    const expected = runs.get(key)!;
    // Reference rows are a subset of the topology's layers (some runs were cut short): match by layer id.
    for (const want of expected) {
      const line = compute[Number(want.layer_id)];
      // results.csv holds SCALE-Sim's own printed text (Python str of each value).
      expect(line).toBe(`${want.layer_id}, ${want.total_cycles}, ${want.stall_cycles}, ${want.overall_util_pct}, ${want.mapping_eff_pct}, ${want.compute_util_pct},`);
    }
    if (expected.length === compute.length) {
      expect(report.totals.cycles).toBe(expected.reduce((s, r) => s + Number(r.total_cycles), 0));
      expect(report.totals.macs).toBe(expected.reduce((s, r) => s + Number(r.macs), 0));
    }
  });
});
