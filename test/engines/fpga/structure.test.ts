// The fpga `structure:` schema: shipped files build, presets resolve, every mode section may coexist,
// mistakes are refused with the path of the field.
import { describe, expect, it } from 'vitest';
import { parseArch } from '../../../src/arch/load.js';
import { EinsimError } from '../../../src/errors.js';
import { DEFAULT_MAC_RATES, macRates, precisionKey } from '../../../src/engines/fpga/arithmetic.js';
import { DEVICE_PRESETS } from '../../../src/engines/fpga/devices.js';
import { deviceOf, dspBudget, portBytesPerCycle, switchCycles, type FpgaStructure } from '../../../src/engines/fpga/structure.js';
import { arch, MODES, registry } from './helpers.js';

const base = `name: t
engine: fpga
clockHz: 250e6
structure:
  device: U280
  offchip: { portBits: 256 }
  pipeline: { depthCycles: 8, initiationInterval: 1, maxReductionUnroll: 64 }
  sfu: { lanes: 16 }
`;

function issues(text: string): string[] {
  try {
    parseArch(text, 't.yaml', registry);
  } catch (e) {
    if (e instanceof EinsimError) return e.issues.map((i) => `${i.path}: ${i.expected}`);
    throw e;
  }
  return [];
}

describe('fpga structure', () => {
  it('builds the three shipped U280 architectures, each a different mode of the same device', () => {
    for (const mode of MODES) {
      const a = arch(mode);
      expect(a.structure.mode).toBe(mode);
      expect(deviceOf(a.structure).dsps).toBe(9024);
      expect(a.components.map((c) => c.name)).toContain('dsp');
    }
  });

  it('resolves the U280 preset to the reference device: 9,024 DSP48E2, 2,016 BRAM36, 960 URAM, 32 × 14.375 GB/s HBM2', () => {
    const d = DEVICE_PRESETS.U280;
    expect([d.dsps, d.bram36, d.uram, d.luts, d.ffs]).toEqual([9024, 2016, 960, 1303680, 2607360]);
    expect(d.offchip.channels * d.offchip.bytesPerSecondPerChannel).toBeCloseTo(460e9, -6);
    expect(d.shell.dsps).toBe(4);
  });

  it('defaults the DSP budget to the device minus its shell, and a budget to what the file says', () => {
    const s = parseArch(`${base}  mode: sequential\n`, 't.yaml', registry).structure as FpgaStructure;
    expect(dspBudget(s)).toBe(9020);
    expect(dspBudget(arch('intar').structure)).toBe(43);
  });

  it('caps a port by its channel: a 256-bit port at 257 MHz moves 32 B/cycle, a 1024-bit port 14.375 GB/s ÷ clock', () => {
    const s = arch('intar').structure;
    expect(portBytesPerCycle(s, 257.2e6)).toBe(32);
    expect(portBytesPerCycle({ ...s, offchip: { portBits: 1024 } }, 250e6)).toBeCloseTo(14.375e9 / 250e6, 9);
  });

  it('turns a reconfiguration into cycles: 15 ns at 257.2 MHz is 4 cycles; an 80 Mb partial bitstream at 6.4 Gb/s is 12.5 ms', () => {
    expect(switchCycles({ kind: 'instruction', seconds: 15e-9 }, 257.2e6)).toBe(4);
    expect(switchCycles({ kind: 'partial-bitstream', bits: 80e6, bitsPerSecond: 6.4e9 }, 200e6)).toBe(2_500_000);
  });

  it('keys MACs by operand precisions, narrow first, and lays arch entries over the sourced defaults', () => {
    expect(precisionKey('int8', 'int4')).toBe('int4xint8');
    expect(precisionKey('int16', 'int16')).toBe('int16');
    expect(DEFAULT_MAC_RATES.DSP48E2.int4xint8.macsPerDsp).toBe(2);
    expect(DEFAULT_MAC_RATES.DSP48E2.fp32.macsPerDsp).toBe(0.2);
    const t = macRates('DSP48E2', { fp16: { macsPerDsp: 0.5, source: 'test' } });
    expect(t.fp16.macsPerDsp).toBe(0.5);
    expect(t.int16.macsPerDsp).toBe(1);
  });

  it('refuses an intar mode without its section, an unknown field, a bad preset, and a negative pipeline depth — with paths', () => {
    expect(issues(`${base}  mode: intar\n`).join('\n')).toMatch(/structure\.intar/);
    expect(issues(`${base}  mode: dataflow\n  dataflwo: { allocation: equal }\n`)).toEqual(['structure.dataflwo: no field "dataflwo" here (not part of the format)']);
    expect(issues(base.replace('device: U280', 'device: U999') + '  mode: dataflow\n').join('\n')).toMatch(/structure\.device: a device preset \(U280, U250\)/);
    expect(issues(base.replace('depthCycles: 8', 'depthCycles: -1') + '  mode: dataflow\n').join('\n')).toMatch(/structure\.pipeline\.depthCycles/);
  });

  it('accepts a device written out inline', () => {
    const inline = base.replace(
      'device: U280',
      'device: { name: KV260, luts: 234000, ffs: 0, dsps: 1248, dspType: DSP48E2, bram36: 144, uram: 64, offchip: { standard: LPDDR4, channels: 1, bytesPerSecondPerChannel: 19.2e9 }, source: test }',
    );
    const a = parseArch(`${inline}  mode: sequential\n`, 't.yaml', registry);
    expect(dspBudget(a.structure as FpgaStructure)).toBe(1248);
  });
});
