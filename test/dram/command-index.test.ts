// Command names to indices: every command of the JEDEC standard and of the PIM extension maps to
// its own position, and a name the standard lacks is an error naming both.
import { describe, expect, it } from 'vitest';
import { commandIndex, commandIndices } from '../../src/dram/command-index.js';
import { dramPreset } from '../../src/dram/presets/index.js';
import { compileFor } from '../../src/dram/standard.js';
import { machineOf } from '../../src/engines/pim/machine.js';
import { pimArch } from '../engines/pim/run.js';

describe('commandIndex', () => {
  const jedec = compileFor(dramPreset('DDR4_8Gb_x8_3200'));
  const pim = machineOf(pimArch('pim-gpt')).compiled;

  it('gives each command its position in the compiled standard', () => {
    for (const c of [jedec, pim]) c.commands.forEach((spec, i) => expect(commandIndex(c, spec.name)).toBe(i));
    expect(pim.commands[commandIndex(pim, 'MACAB')].name).toBe('MACAB');
  });

  it('maps a list of names to a record of their indices', () => {
    const ids = commandIndices(jedec, ['RD', 'ACT', 'REFb']);
    expect(Object.keys(ids)).toEqual(['RD', 'ACT', 'REFb']);
    for (const [name, i] of Object.entries(ids)) expect(jedec.commands[i].name).toBe(name);
  });

  it('refuses a command the standard lacks, naming both', () => {
    expect(() => commandIndex(jedec, 'MACAB')).toThrow(`standard ${jedec.standard.name} lacks command MACAB`);
    expect(() => commandIndices(jedec, ['ACT', 'WRGB'])).toThrow(/lacks command WRGB/);
  });
});
