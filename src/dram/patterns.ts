// Synthetic request streams for `einsim dram --pattern`: the reference runs' sequential and
// uniform-random reads (reference_runs_params.json), plus a strided stream. Requests larger
// than one transaction are split into consecutive transactions; smaller ones still move a
// whole transaction (a DRAM access is one burst: bytes are counted per transaction, pim.md §0).
import { EinsimError } from '../errors.js';
import type { RequestStream } from './memory-system.js';
import { Mt19937_64, UniformIndex } from './mt19937-64.js';

export const PATTERNS = ['seq', 'rand', 'stride'] as const;
export type Pattern = (typeof PATTERNS)[number];

export interface PatternSpec {
  pattern: Pattern;
  /** Total bytes requested. */
  bytes: number;
  /** Bytes per request (default: one transaction). */
  requestBytes: number;
  /** The memory's transaction size; requests are split into transactions of this size. */
  transactionBytes: number;
  /** Distance between request i and i+1 for `stride`. */
  strideBytes?: number;
  /** Random addresses are uniform over [0, regionBytes), aligned to requestBytes (default 1 GiB). */
  regionBytes?: number;
  /** mt19937_64 seed (reference runs: 42). */
  seed?: number;
  /** Fraction of requests that are writes, drawn from a second generator seeded seed + 1. */
  writeFraction?: number;
}

export const DEFAULT_REGION_BYTES = 2 ** 30;
export const DEFAULT_SEED = 42;
/**
 * The most transactions one generated stream may have: 2^26 (4 GiB in 64 B transactions). The
 * stream is two typed arrays (9 B per transaction, 576 MiB here) and the controller simulates
 * about half a million transactions per second, so a larger stream is minutes of run and
 * gigabytes of memory; beyond a few billion the arrays cannot be allocated at all.
 */
export const MAX_PATTERN_TRANSACTIONS = 2 ** 26;

export function generatePattern(spec: PatternSpec): RequestStream {
  const { pattern, bytes, requestBytes, transactionBytes } = spec;
  const region = spec.regionBytes ?? DEFAULT_REGION_BYTES;
  const stride = spec.strideBytes ?? 4096;
  const positive = (path: string, v: number) => {
    if (!Number.isInteger(v) || v <= 0) throw new EinsimError({ file: '<cli>', path, code: 'invalid_value', expected: 'a positive whole number of bytes', received: String(v) });
  };
  positive('--bytes', bytes);
  positive('--request', requestBytes);
  positive('--stride', stride);
  positive('--region', region);
  if (!PATTERNS.includes(pattern)) throw new EinsimError({ file: '<cli>', path: '--pattern', code: 'invalid_value', expected: `one of ${PATTERNS.join(', ')}`, received: String(pattern) });
  if (pattern === 'rand' && region < requestBytes) throw new EinsimError({ file: '<cli>', path: '--region', code: 'invalid_value', expected: `at least --request (${requestBytes})`, received: String(region) });
  // Addresses are doubles, exact below 2^53 (the same bound --bytes meets below).
  if (pattern === 'rand' && region > 2 ** 53) {
    throw new EinsimError({ file: '<cli>', path: '--region', code: 'range', expected: 'addresses below 2^53 (--region ≤ 9007199254740992)', received: String(region) });
  }
  const seed = spec.seed ?? DEFAULT_SEED;
  if (!Number.isSafeInteger(seed)) throw new EinsimError({ file: '<cli>', path: '--seed', code: 'invalid_value', expected: 'a whole number (mt19937_64 seed)', received: String(seed) });
  const requests = Math.floor(bytes / requestBytes);
  // Not even one request: the run would report 0 cycles and 0 GB/s for a stream that is empty.
  if (requests === 0) throw new EinsimError({ file: '<cli>', path: '--bytes', code: 'invalid_value', expected: `at least one request of ${requestBytes} B (--request)`, received: String(bytes) });
  const perRequest = Math.max(1, Math.ceil(requestBytes / transactionBytes));
  const count = requests * perRequest;
  if (count > MAX_PATTERN_TRANSACTIONS) {
    throw new EinsimError({ file: '<cli>', path: '--bytes', code: 'range', expected: `at most ${MAX_PATTERN_TRANSACTIONS} transactions of ${transactionBytes} B (--bytes ≤ ${MAX_PATTERN_TRANSACTIONS * transactionBytes})`, received: `${bytes}, ${count} transactions` });
  }
  const address = new Float64Array(count);
  const isWrite = new Uint8Array(count);
  const pick = pattern === 'rand' ? new UniformIndex(new Mt19937_64(seed), Math.floor(region / requestBytes)) : undefined;
  const writeFraction = spec.writeFraction ?? 0;
  const writes = writeFraction > 0 ? new UniformIndex(new Mt19937_64(seed + 1), 1 << 20) : undefined;
  let k = 0;
  for (let i = 0; i < requests; i++) {
    const base = pattern === 'seq' ? i * requestBytes : pattern === 'stride' ? i * stride : pick!.next() * requestBytes;
    const w = writes ? (writes.next() < writeFraction * (1 << 20) ? 1 : 0) : 0;
    for (let t = 0; t < perRequest; t++) {
      address[k] = base + t * transactionBytes;
      isWrite[k] = w;
      k++;
    }
  }
  if (address.length > 0 && address[count - 1] >= 2 ** 53) {
    throw new EinsimError({ file: '<cli>', path: '--bytes', code: 'range', expected: 'addresses below 2^53', received: String(address[count - 1]) });
  }
  return { count, address, isWrite };
}
