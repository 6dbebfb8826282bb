// Address mapping as DRAMsim3 builds it (configuration.cc SetAddressMapping): fields from the
// least significant end of the string upwards, above log2(transaction bytes).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildAddressMapping, decodeAddress, newDecodedAddress, parseMappingString } from '../../src/dram/address-mapping.js';
import { dramPreset } from '../../src/dram/presets/index.js';

describe('address mapping', () => {
  const ddr4 = dramPreset('DDR4_8Gb_x8_3200'); // 2 ranks, 4 BG x 4 banks, 64K rows, 128 transactions per row

  it('lays out rochrababgco as DRAMsim3: co 7 bits, bg 2, ba 2, ra 1, ch 0, ro 16 above 6 offset bits', () => {
    const m = buildAddressMapping(ddr4);
    expect(m.shiftBits).toBe(6);
    expect(m.position).toEqual({ co: 0, bg: 7, ba: 9, ra: 11, ch: 12, ro: 12 });
    expect(m.width).toEqual({ co: 7, bg: 2, ba: 2, ra: 1, ch: 0, ro: 16 });
  });

  it('keeps a sequential stream in one bank for a whole 8 KB row (the DRAMsim3#54 effect)', () => {
    const m = buildAddressMapping(ddr4);
    const d = newDecodedAddress();
    const banks = new Set<string>();
    for (let a = 0; a < 8192; a += 64) {
      decodeAddress(m, a, d);
      banks.add(`${d.rank}/${d.bankgroup}/${d.bank}/${d.row}`);
    }
    expect(banks.size).toBe(1);
    expect(decodeAddress(m, 8192, d).bankgroup).toBe(1);
  });

  it('bgint alternates bank groups on consecutive transactions', () => {
    const m = buildAddressMapping(ddr4, 'bgint');
    expect(m.scheme).toBe('rorabachcobg');
    const d = newDecodedAddress();
    expect([0, 64, 128, 192, 256].map((a) => decodeAddress(m, a, d).bankgroup)).toEqual([0, 1, 2, 3, 0]);
  });

  it('decodes addresses above 32 bits and ignores the offset inside a transaction', () => {
    const m = buildAddressMapping(dramPreset('HBM2_8Gb_x128'));
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 40 }), fc.integer({ min: 0, max: 63 }), (a, off) => {
        const base = a - (a % 64);
        const x = decodeAddress(m, base, newDecodedAddress());
        const y = decodeAddress(m, base + off, newDecodedAddress());
        expect(y).toEqual(x);
        // Recompose: each field at its position reproduces the in-range part of the address.
        const f = x.channel * 2 ** m.position.ch + x.rank * 2 ** m.position.ra + x.bankgroup * 2 ** m.position.bg + x.bank * 2 ** m.position.ba + x.row * 2 ** m.position.ro + x.column * 2 ** m.position.co;
        const total = Object.values(m.width).reduce((s, w) => s + w, 0);
        expect(f).toBe(Math.floor(base / 64) % 2 ** total);
      }),
      { numRuns: 200 },
    );
  });

  it('rejects malformed mapping strings', () => {
    expect(() => parseMappingString('rochrababg')).toThrow(/six two-letter fields/);
    expect(() => parseMappingString('rorochrababg')).toThrow(/six two-letter fields/);
    expect(() => parseMappingString('roxxrababgco')).toThrow(/six two-letter fields/);
  });
});
