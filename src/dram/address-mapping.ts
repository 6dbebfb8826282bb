// Physical address → (channel, rank, bank group, bank, row, column), as DRAMsim3's
// Config::SetAddressMapping / AddressMapping do (umd-memsys/DRAMsim3@2981759
// src/configuration.cc). A mapping string names six two-letter fields from the most to the
// least significant bits (`rochrababgco`: row on top, column at the bottom); the low
// log2(request bytes) bits are the offset inside one transaction and are dropped. The column
// field counts transactions within a row, i.e. log2(columns) - log2(BL) bits.
// Aliases (einsim): `bgint` / `bank-group-interleaved` put the bank group just above the
// column offset, so consecutive transactions alternate bank groups and stream at tCCD_S
// (DRAMsim3 issue #54; pim.md §6).
import { EinsimError } from '../errors.js';
import type { DramConfig } from './config.js';

export const MAPPING_FIELDS = ['ch', 'ra', 'bg', 'ba', 'ro', 'co'] as const;
export type MappingField = (typeof MAPPING_FIELDS)[number];

export const MAPPING_ALIASES: Readonly<Record<string, string>> = {
  bgint: 'rorabachcobg',
  'bank-group-interleaved': 'rorabachcobg',
};

export interface AddressMapping {
  scheme: string;
  /** log2 of the transaction size: address bits below it are ignored. */
  shiftBits: number;
  /** Bit position (above shiftBits) and width of each field. */
  position: Readonly<Record<MappingField, number>>;
  width: Readonly<Record<MappingField, number>>;
  /** Decoding constants per field in MAPPING_FIELDS order: 2^position and 2^width. */
  divisor: Float64Array;
  modulus: Float64Array;
  /** Bit positions (capped at 31) and masks for the integer path taken below 2^31. */
  shift: Int32Array;
  mask: Int32Array;
}

export interface DecodedAddress {
  channel: number;
  rank: number;
  bankgroup: number;
  bank: number;
  row: number;
  column: number;
}

/** DRAMsim3 LogBase2: floor(log2(n)) for n ≥ 1. */
export function logBase2(n: number): number {
  let i = 0;
  while (n > 1) {
    n = Math.floor(n / 2);
    i++;
  }
  return i;
}

export function resolveMappingName(scheme: string): string {
  return MAPPING_ALIASES[scheme] ?? scheme;
}

export function buildAddressMapping(config: DramConfig, scheme = config.controller.addressMapping, path = 'address_mapping'): AddressMapping {
  const resolved = resolveMappingName(scheme);
  const fields = parseMappingString(resolved, path, scheme);
  const o = config.org;
  const width: Record<MappingField, number> = {
    ch: logBase2(o.channels),
    ra: logBase2(o.ranks),
    bg: logBase2(o.bankgroups),
    ba: logBase2(o.banksPerGroup),
    ro: logBase2(o.rows),
    co: logBase2(o.columns) - logBase2(o.burstLength),
  };
  const position = {} as Record<MappingField, number>;
  let pos = 0;
  // DRAMsim3 assigns positions from the last (least significant) field upwards.
  for (let i = fields.length - 1; i >= 0; i--) {
    position[fields[i]] = pos;
    pos += width[fields[i]];
  }
  const divisor = Float64Array.from(MAPPING_FIELDS, (f) => 2 ** position[f]);
  const modulus = Float64Array.from(MAPPING_FIELDS, (f) => 2 ** width[f]);
  const shift = Int32Array.from(MAPPING_FIELDS, (f) => Math.min(position[f], 31));
  // A field that starts at or above bit 31 of a (shifted) address below 2^31 is zero.
  const mask = Int32Array.from(MAPPING_FIELDS, (f) => (position[f] >= 31 ? 0 : width[f] >= 31 ? 0x7fffffff : (1 << width[f]) - 1));
  return { scheme: resolved, shiftBits: logBase2(config.requestBytes), position, width, divisor, modulus, shift, mask };
}

/** Split a 12-character DRAMsim3 mapping string into its six fields; each must occur once. */
export function parseMappingString(scheme: string, path = 'address_mapping', shown = scheme): MappingField[] {
  const expected = `six two-letter fields ${MAPPING_FIELDS.join(', ')} each once, e.g. rochrababgco, or an alias (${Object.keys(MAPPING_ALIASES).join(', ')})`;
  if (scheme.length !== 12) throw new EinsimError({ file: '<config>', path, code: 'invalid_value', expected, received: shown });
  const fields: MappingField[] = [];
  for (let i = 0; i < 12; i += 2) {
    const token = scheme.slice(i, i + 2) as MappingField;
    if (!MAPPING_FIELDS.includes(token) || fields.includes(token)) {
      throw new EinsimError({ file: '<config>', path, code: 'invalid_value', expected, received: shown });
    }
    fields.push(token);
  }
  return fields;
}

/**
 * Decode `address` (a byte address below 2^53) into `out` (reused to avoid allocation).
 * Division by powers of two instead of bit operators: addresses exceed 32 bits.
 */
export function decodeAddress(m: AddressMapping, address: number, out: DecodedAddress): DecodedAddress {
  if (address < 2147483648) {
    // Common case (addresses below 2 GiB): plain 32-bit shifts and masks.
    const a = address >>> m.shiftBits;
    const sh = m.shift;
    const mk = m.mask;
    out.channel = (a >>> sh[0]) & mk[0];
    out.rank = (a >>> sh[1]) & mk[1];
    out.bankgroup = (a >>> sh[2]) & mk[2];
    out.bank = (a >>> sh[3]) & mk[3];
    out.row = (a >>> sh[4]) & mk[4];
    out.column = (a >>> sh[5]) & mk[5];
    return out;
  }
  const a = Math.floor(address / 2 ** m.shiftBits);
  const d = m.divisor;
  const w = m.modulus;
  out.channel = Math.floor(a / d[0]) % w[0];
  out.rank = Math.floor(a / d[1]) % w[1];
  out.bankgroup = Math.floor(a / d[2]) % w[2];
  out.bank = Math.floor(a / d[3]) % w[3];
  out.row = Math.floor(a / d[4]) % w[4];
  out.column = Math.floor(a / d[5]) % w[5];
  return out;
}

export function newDecodedAddress(): DecodedAddress {
  return { channel: 0, rank: 0, bankgroup: 0, bank: 0, row: 0, column: 0 };
}
