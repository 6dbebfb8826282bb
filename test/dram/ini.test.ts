// DRAMsim3 reads its files with inih; these are inih's rules, which a generic INI parser
// gets wrong.
import { describe, expect, it } from 'vitest';
import { parseDramsim3Ini } from '../../src/dram/dramsim3-config.js';
import { leadingNumber, parseIni } from '../../src/dram/ini.js';
import { EinsimError } from '../../src/errors.js';

describe('inih rules', () => {
  it('matches sections and keys case-insensitively', () => {
    const c = parseDramsim3Ini('[TIMING]\ntrcd = 17\n[System]\nCHANNELS = 4\n');
    expect([c.tRCD, c.channels]).toEqual([17, 4]);
  });

  it('reads a number as a leading prefix, as strtol does (GDDR6 ini: "tRPRE = 1; read preamble")', () => {
    expect(parseDramsim3Ini('[timing]\ntRPRE = 1; read preamble\n').tRPRE).toBe(1);
    expect(leadingNumber('0x10', true)).toBe(16);
    expect(leadingNumber('0.63ns', false)).toBe(0.63);
  });

  it('drops an inline comment only after whitespace', () => {
    const doc = parseIni('[system]\naddress_mapping = rochrababgco ; stock\nx = a;b\n');
    expect(doc.entries.get('system.address_mapping')?.value).toBe('rochrababgco');
    expect(doc.entries.get('system.x')?.value).toBe('a;b');
  });

  it('fills DRAMsim3 defaults for omitted keys (configuration.cc)', () => {
    const c = parseDramsim3Ini('[dram_structure]\nprotocol = HBM\n');
    expect([c.tRTP, c.tRTRS, c.cmd_queue_size, c.trans_queue_size, c.address_mapping]).toEqual([5, 2, 16, 32, 'chrobabgraco']);
  });

  it('reads booleans the inih way', () => {
    expect(parseDramsim3Ini('[system]\nunified_queue = False\n').unified_queue).toBe(false);
    expect(parseDramsim3Ini('[system]\nunified_queue = on\n').unified_queue).toBe(true);
  });

  it('reports a value that is not a number with file, line and key', () => {
    try {
      parseDramsim3Ini('[timing]\n\ntCK = fast\n', 'my.ini');
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(EinsimError);
      expect((e as EinsimError).issues[0]).toMatchObject({ file: 'my.ini', line: 3, path: '[timing] tCK', code: 'invalid_type' });
    }
  });

  it('reports a line without "="', () => {
    expect(() => parseIni('[timing]\ntCK 0.63\n', 'a.ini')).toThrow(/name = value/);
  });
});
