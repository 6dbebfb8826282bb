// The bank MAC units never run faster than their lanes: a GEMV's busy lane-cycles never exceed the
// lanes × cycles of the run (utilization ≤ 1), whatever the workload's element type or the arch's
// command spacing says. Both used to be broken: an int8 matrix on fp16 lanes packed 32 elements in
// a 32 B column paced for 16 (MobileNet's classifier on HBM-PIM at 163 %), and an explicit
// allBankMacSpacingCycles shorter than the lanes need (AiM with 1 lane at 860 %).
import { describe, expect, it } from 'vitest';
import type { Assignment } from '../../../src/arch/overrides.js';
import { parseWorkload } from '../../../src/einsum/parse.js';
import { pimArch, run } from './run.js';

const gemv = (precision: string) =>
  parseWorkload(
    `name: gemv-${precision}
precision: ${precision}
params: { N: 1000, K: 1024 }
tensors: { W: [n, k], x: [k], y: [n] }
einsums:
  - y[n] = W[n,k] * x[k]
`,
    '<gemv>',
  );

function expectWithinLanes(archName: string, precision: string, set: Assignment[] = []) {
  const r = run(gemv(precision), pimArch(archName, set)).result;
  const y = r.einsums[0];
  expect(y.unit).toBe('pim');
  expect(y.busyUnitCycles.pim_mac).toBeLessThanOrEqual(r.units.pim_mac * y.cycles * (1 + 1e-12));
  expect(y.breakdown.idealCycles).toBeLessThanOrEqual(y.cycles * (1 + 1e-12));
}

describe('pim: MAC commands paced by the lanes', () => {
  for (const precision of ['int8', 'fp16', 'fp32']) {
    it(`a ${precision} GEMV on HBM-PIM (fp16 lanes) stays within the lanes`, () => expectWithinLanes('hbm-pim', precision));
  }

  it('an int8 GEMV on PIM-GPT (bf16 lanes, explicit 2-cycle spacing) stays within the lanes', () => expectWithinLanes('pim-gpt', 'int8'));

  it('AiM with one lane per bank: the explicit 2-cycle spacing stretches to what one lane needs', () =>
    expectWithinLanes('aim', 'bf16', [{ path: 'structure.pim.macLanes', value: 1 }]));
});
