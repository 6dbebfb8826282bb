import { describe, expect, it } from 'vitest';
import { energyPerOperation } from '../../../src/dram/energy.js';
import { machineOf } from '../../../src/engines/pim/machine.js';
import { pimArch } from './run.js';

describe('PIM architecture presets', () => {
  it.each(['pim-gpt', 'aim', 'hbm-pim', 'attacc'])('%s loads, and every component is priced with a source', (name) => {
    const arch = pimArch(name);
    for (const c of arch.components) {
      expect(arch.tech.areaUm2[c.name], c.name).toBeDefined();
      for (const p of Object.values(arch.tech.energyPj[c.name])) expect(p.source.length).toBeGreaterThan(10);
    }
    // Everything the engine counts on the DRAM is priced by the file itself, not by a default table.
    for (const a of ['act', 'active_standby_cycle', 'column_read', 'precharge_standby_cycle', 'read', 'ref']) {
      expect(arch.tech.energyPj.dram[a]?.source, a).toMatch(/^arch file: /);
    }
  });

  // The arch files state DRAM energies derived with DRAMsim3's IDD formulas; recompute them from the
  // DRAM model (src/dram/energy.ts) at the device's timing. Standby and refresh currents are per
  // die (two channels) or per 128-bit HBM channel (two pseudo-channels): halved per channel.
  it.each([
    ['pim-gpt', ['act', 'read', 'ref', 'active_standby_cycle', 'precharge_standby_cycle']],
    ['hbm-pim', ['act', 'read', 'ref', 'active_standby_cycle', 'precharge_standby_cycle']],
    ['attacc', ['ref', 'active_standby_cycle', 'precharge_standby_cycle']],
  ] as const)('%s: the IDD-derived DRAM energies match the DRAM model', (name, actions) => {
    const arch = pimArch(name);
    const e = energyPerOperation(machineOf(arch).device.dram)!;
    const model: Record<string, number> = { act: e.actPj, read: e.readPj, ref: e.refPj / 2, active_standby_cycle: e.activeStandbyPjPerCycle / 2, precharge_standby_cycle: e.prechargeStandbyPjPerCycle / 2 };
    for (const a of actions) expect(arch.tech.energyPj.dram[a].value, a).toBeCloseTo(model[a], 1);
  });

  it('PIM-GPT: 8 × 16 × 16 BF16 MACs at 1 GHz = 2048 MAC/ns and 4.096 TB/s of bank bandwidth', () => {
    const m = machineOf(pimArch('pim-gpt'));
    expect(m.peakMacsPerSecond).toBe(2048e9);
    expect(m.internalBytesPerSecond).toBeCloseTo(4.096e12, -6);
    expect(m.nCCDAB * m.device.dram.tCKns).toBeCloseTo(1, 9); // one all-bank MAC per ns
  });

  it('AiM: 1 TFLOPS per die (2 channels) and 512 GB/s of bank bandwidth per channel, 16× the pins', () => {
    const arch = pimArch('aim');
    const m = machineOf(arch);
    const dies = arch.structure.dram.channels / 2; // 2 channels per die (pim_designs.csv)
    expect((2 * m.peakMacsPerSecond) / dies).toBeCloseTo(1.024e12, -6);
    expect(m.internalBytesPerSecond / arch.structure.dram.channels).toBeCloseTo(512e9, -3);
    expect(m.internalBytesPerSecond / m.externalBytesPerSecond).toBeCloseTo(16, 6);
  });

  it('HBM-PIM: 128 PCUs × 16 FP16 lanes at 300 MHz = 1.2 TFLOPS per stack', () => {
    const m = machineOf(pimArch('hbm-pim'));
    expect(m.totalLanes / 16).toBe(128);
    expect(2 * m.peakMacsPerSecond).toBeCloseTo(1.2288e12, -6);
    expect(m.nCCDAB).toBe(4); // tCCD_L = one PCU cycle
  });

  it('AttAcc: the power cap spaces all-bank MACs by 6 cycles instead of 4 (internal bandwidth ×16 → ×10.7 of the pins)', () => {
    const capped = machineOf(pimArch('attacc'));
    const free = machineOf(pimArch('attacc', [{ path: 'structure.pim.allBankMacSpacingCycles', value: 4 }]));
    expect(capped.nCCDAB).toBe(6);
    expect(free.internalBytesPerSecond / free.externalBytesPerSecond).toBeCloseTo(16, 6);
    expect(capped.internalBytesPerSecond / capped.externalBytesPerSecond).toBeCloseTo(16 * (4 / 6), 6);
  });
});
