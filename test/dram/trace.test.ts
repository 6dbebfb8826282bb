import { describe, expect, it } from 'vitest';
import { addressTraceLines, parseAddressTrace } from '../../src/dram/trace.js';
import { EinsimError } from '../../src/errors.js';

describe('address trace (DRAMsim3 format)', () => {
  it('reads hex addresses, DRAMsim3 op words and cycles; skips blanks and comments', () => {
    const t = parseAddressTrace('# header\n0x40 READ 0\n80 WRITE 3\n\n0xFFFFFFFFFF P_MEM_WR 7 # tail\n0x100 read\n');
    expect(t.count).toBe(4);
    expect([...t.address]).toEqual([0x40, 0x80, 0xffffffffff, 0x100]);
    expect([...t.isWrite]).toEqual([0, 1, 1, 0]);
    expect([...t.arrivalCycle!]).toEqual([0, 3, 7, 0]);
  });

  it('round-trips through addressTraceLines', () => {
    const t = parseAddressTrace('0x40 READ 1\n0xabc0 WRITE 2\n');
    expect([...addressTraceLines(t)]).toEqual(['0x40 READ 1', '0xabc0 WRITE 2']);
  });

  it('reports bad lines with file and line number, and an unknown op instead of reading it as a read', () => {
    try {
      parseAddressTrace('0x40 READ 0\n0xzz READ 1\n0x80 LOAD 2\n0x80 READ -1\n', 'app.trace');
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(EinsimError);
      expect((e as EinsimError).issues.map((i) => [i.line, i.path])).toEqual([
        [2, 'address'],
        [3, 'op'],
        [4, 'cycle'],
      ]);
    }
  });
});
