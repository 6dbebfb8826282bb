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
  return { scheme: resolved, shiftBits: logBase2(config.requestBytes), position, width };
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
 * Arithmetic with powers of two instead of bit operators: addresses exceed 32 bits.
 */
export function decodeAddress(m: AddressMapping, address: number, out: DecodedAddress): DecodedAddress {
  const a = Math.floor(address / 2 ** m.shiftBits);
  out.channel = field(a, m.position.ch, m.width.ch);
  out.rank = field(a, m.position.ra, m.width.ra);
  out.bankgroup = field(a, m.position.bg, m.width.bg);
  out.bank = field(a, m.position.ba, m.width.ba);
  out.row = field(a, m.position.ro, m.width.ro);
  out.column = field(a, m.position.co, m.width.co);
  return out;
}

function field(a: number, pos: number, width: number): number {
  if (width === 0) return 0;
  return Math.floor(a / 2 ** pos) % 2 ** width;
}

export function newDecodedAddress(): DecodedAddress {
  return { channel: 0, rank: 0, bankgroup: 0, bank: 0, row: 0, column: 0 };
}
