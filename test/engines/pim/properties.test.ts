// Invariants of the PIM engine on random small GEMVs and a small GPT: the command trace is legal
// on the full device (replayed through the DRAM model's timing engine), bandwidth and MAC
// utilization stay below their peaks, energy adds up over Einsums, tracing changes nothing.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { machineOf } from '../../../src/engines/pim/machine.js';
import { dramModelViolations, gemvCascade, gptDecode, pimArch, replayTrace, run } from './run.js';

const arch = pimArch('pim-gpt', [{ path: 'structure.dram.channels', value: 2 }]);
const m = machineOf(arch);

function check(cascade: ReturnType<typeof gemvCascade>) {
  const traced = run(cascade, arch, true);
  const plain = run(cascade, arch, false);
  const r = traced.report;
  // Tracing never changes the numbers.
  expect(plain.report.totals).toEqual(r.totals);
  expect(plain.result.details).toEqual(traced.result.details);
  // The command stream is legal on the real 16-bank device.
  const artifact = traced.result.artifacts!.find((a) => a.path.endsWith('dram-commands.csv'))!;
  expect(replayTrace(artifact.lines(), m)).toEqual([]);
  // And against the DRAM model's own checker (every rule of the table, bank states, refresh spacing).
  expect(dramModelViolations(artifact.lines(), m)).toEqual([]);
  // Peaks.
  expect(Number(traced.result.details.achievedInternalBandwidthBytesPerSecond)).toBeLessThanOrEqual(m.internalBytesPerSecond * (1 + 1e-9));
  expect(r.totals.utilization.pim_mac).toBeLessThanOrEqual(1);
  const pimMacs = r.einsums.filter((e) => e.unit === 'pim').reduce((s, e) => s + e.macs, 0);
  expect(r.totals.cycles).toBeGreaterThanOrEqual(pimMacs / m.totalLanes);
  // Energy is additive over Einsums and every part is non-negative.
  expect(r.einsums.reduce((s, e) => s + e.energyPj, 0)).toBeCloseTo(r.totals.energyPj, 3);
  for (const line of r.energy.lines) expect(line.energyPj).toBeGreaterThanOrEqual(0);
  // The decomposition adds up.
  const b = r.breakdown;
  expect(b.idealCycles + b.underutilizationCycles + b.fillCycles + b.drainCycles + b.stallCycles).toBeCloseTo(r.totals.cycles, 3);
  return r;
}

describe('PIM engine invariants', () => {
  it('random small GEMVs: legal trace, below peak, additive energy, tracing changes nothing', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 4 }), fc.integer({ min: 1, max: 300 }), fc.integer({ min: 1, max: 2500 }), fc.integer({ min: 1, max: 3 }), (b, n, k, vectors) => {
        check(gemvCascade(b, n, k, vectors));
      }),
      { numRuns: 25 },
    );
  });

  it('a two-layer GPT decode: legal trace through host reads, refreshes and split channel histories', () => {
    const cascade = gptDecode({ layers: 2, D: 256, H: 4, E: 64, V: 1000, L: 4096 });
    check(cascade);
    expect(Number(run(cascade, arch).result.details.refreshes)).toBeGreaterThan(0);
  });

  it('the replay catches a command issued one cycle early, a MAC to closed banks and a doubled cycle (the DRAM model’s checker the early MAC too)', () => {
    const artifact = run(gemvCascade(1, 32, 1024), arch, true).result.artifacts![0];
    const lines = [...artifact.lines()];
    const firstMac = lines.findIndex((l) => l.endsWith(',MACAB\n'));
    const early = lines.map((l, i) => (i === firstMac ? l.replace(/^(\d+)/, (c) => String(Number(c) - 1)) : l));
    expect(replayTrace(early, m).some((v) => v.why.startsWith('issued at'))).toBe(true);
    const noAct = lines.filter((l) => !l.endsWith(',ACTAB\n'));
    expect(replayTrace(noAct, m).some((v) => v.why.includes('is closed'))).toBe(true);
    const doubled = lines.flatMap((l, i) => (i === firstMac ? [l, l.replace('MACAB', 'WRGB')] : [l]));
    expect(replayTrace(doubled, m).some((v) => v.why === 'two commands in one cycle')).toBe(true);
    expect(dramModelViolations(early, m).map((v) => v.rule)).toContain('WRGB→MACAB waits WL + tBURST');
  });

  it('the DRAM model’s checker catches refresh held back longer than 9 × tREFI', () => {
    const artifact = run(gptDecode({ layers: 2, D: 256, H: 4, E: 64, V: 1000, L: 4096 }), arch, true).result.artifacts![0];
    const lines = [...artifact.lines()];
    expect(dramModelViolations(lines, m)).toEqual([]);
    expect(dramModelViolations(lines.filter((l) => !l.endsWith(',REF\n')), m).map((v) => v.rule)).toContain('refresh at least every 9 × tREFI');
  });

  it('refreshes once per tREFI on average, never owing more than 8', () => {
    const cascade = gptDecode({ layers: 4, D: 512, H: 8, E: 64, V: 2000, L: 2048 });
    const { result, report } = run(cascade, arch);
    const tREFI = m.device.dram.timing.tREFI * m.tCKseconds;
    const perChannel = Number(result.details.refreshes) / arch.structure.dram.channels;
    const due = Math.floor(report.totals.seconds / tREFI);
    expect(perChannel).toBeGreaterThanOrEqual(due - 8);
    expect(perChannel).toBeLessThanOrEqual(due + 8);
  });
});
