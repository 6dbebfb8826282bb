// The fpga engine through the CLI, as a user runs it: `einsim run` on the shipped U280 designs,
// `--set structure.mode=…` turning one file into another mode, and `einsim explain` printing the
// schedule (task groups, patterns, core allocation, where intermediates live, switch costs).
import { describe, expect, it } from 'vitest';
import { einsim } from '../../helpers/cli.js';

const attention = ['-a', 'arch/fpga-u280-intar.yaml', '-w', 'workloads/fpga/self-attention.yaml'];

describe('einsim with the fpga engine', () => {
  it('runs self-attention on the InTAR design: a table with the mode, DSPs used and the groups', () => {
    const r = einsim('run', ...attention);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('intar-self-attention on fpga-u280-intar (fpga');
    expect(r.stdout).toMatch(/mode intar .*dspBudget 43 .*group\.0\.stages Q K S/);
  });

  it('turns the InTAR file into its dataflow baseline with --set, and reports JSON', () => {
    const intar = JSON.parse(einsim('run', ...attention, '--json').stdout);
    const dataflow = JSON.parse(einsim('run', ...attention, '--set', 'structure.mode=dataflow', '--json').stdout);
    expect(intar.details.mode).toBe('intar');
    expect(dataflow.details.mode).toBe('dataflow');
    expect(dataflow.totals.cycles).toBeGreaterThan(intar.totals.cycles);
    expect(intar.einsums.map((e: { einsum: string }) => e.einsum)).toEqual(['Q', 'K', 'V', 'S', 'SM', 'SE', 'SD', 'P', 'O']);
  });

  it('explains the static schedule: groups, patterns, cores, intermediates and switches', () => {
    const r = einsim('explain', ...attention);
    expect(r.code).toBe(0);
    for (const line of [
      'Task groups (static schedule):',
      '  0. pipeline: Q, K, S',
      '  1. pipeline: V, O, after a 4-cycle switch',
      '  Q: 21 lanes (21 DSPs, CC 0; 21 outputs × 1 reduction); streams WQ, holds X',
      '  P (128.0 KiB, S → O): on-chip — kept in the cores’ scratchpads between task groups',
      'Reconfiguration: 1 switch, 4 cycles in total',
    ]) {
      expect(r.stdout).toContain(line);
    }
  });

  it('explains a dataflow run as stream clusters and a sequential one in order', () => {
    expect(einsim('explain', ...attention, '--set', 'structure.mode=dataflow').stdout).toContain('Stream clusters (stages in lock-step through FIFOs):');
    const seq = einsim('explain', '-a', 'arch/fpga-u280-sequential.yaml', '-w', 'workloads/fpga/ffn.yaml').stdout;
    expect(seq).toContain('Sequential order (one stage at a time):');
    expect(seq).toMatch(/H1 \(2\.000 KiB, Z1 → Z2\): off-chip/);
  });
});
