// Address traces for `einsim dram --trace`. DRAMsim3's format (umd-memsys/DRAMsim3@2981759
// src/common.cc operator>> for Transaction): one request per line, `<hex address> <op>
// <cycle>`, e.g. `0x1f3c40 READ 120`; the address may omit `0x`; the cycle is the memory
// cycle before which the request may not be sent (requests still go in file order).
// DRAMsim3 counts WRITE, write, P_MEM_WR and BOFF as writes and anything else as a read;
// einsim accepts those plus READ, read, P_MEM_RD and P_FETCH and rejects other words, so a
// typo is an error, not a read. Also accepted: blank lines, `#` comments, a missing cycle (0).
// Text in, requests out: reading the file is the CLI's job.
import { EinsimError, type Issue } from '../errors.js';
import type { RequestStream } from './memory-system.js';

const WRITE_OPS = new Set(['WRITE', 'write', 'P_MEM_WR', 'BOFF']);
const READ_OPS = new Set(['READ', 'read', 'P_MEM_RD', 'P_FETCH']);

export function parseAddressTrace(text: string, file = '<trace>'): RequestStream {
  const lines = text.split(/\r?\n/);
  let address = new Float64Array(Math.max(16, lines.length));
  let isWrite = new Uint8Array(address.length);
  let arrival = new Float64Array(address.length);
  let count = 0;
  const issues: Issue[] = [];
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i];
    const hash = raw.indexOf('#');
    const line = (hash >= 0 ? raw.slice(0, hash) : raw).trim();
    if (line === '') continue;
    const parts = line.split(/\s+/);
    const bad = (path: string, expected: string, received: string) => {
      if (issues.length < 20) issues.push({ file, line: i + 1, path, code: 'invalid_value', expected, received });
    };
    if (parts.length < 2 || parts.length > 3) {
      bad('', '`<hex address> READ|WRITE <cycle>`', line);
      continue;
    }
    const hex = parts[0].replace(/^0[xX]/, '');
    if (!/^[0-9a-fA-F]+$/.test(hex)) {
      bad('address', 'a hexadecimal address such as 0x1f3c40', parts[0]);
      continue;
    }
    const a = Number.parseInt(hex, 16);
    if (!(a < 2 ** 53)) {
      bad('address', 'an address below 2^53', parts[0]);
      continue;
    }
    const op = parts[1];
    const w = WRITE_OPS.has(op);
    if (!w && !READ_OPS.has(op)) {
      bad('op', `one of ${[...READ_OPS, ...WRITE_OPS].join(', ')}`, op);
      continue;
    }
    const cycle = parts.length === 3 ? Number(parts[2]) : 0;
    if (!Number.isInteger(cycle) || cycle < 0) {
      bad('cycle', 'a whole number of memory cycles ≥ 0', parts[2]);
      continue;
    }
    address[count] = a;
    isWrite[count] = w ? 1 : 0;
    arrival[count] = cycle;
    count++;
  }
  if (issues.length > 0) throw new EinsimError(issues);
  address = address.slice(0, count);
  isWrite = isWrite.slice(0, count);
  arrival = arrival.slice(0, count);
  return { count, address, isWrite, arrivalCycle: arrival };
}

/** Write a request stream in DRAMsim3's trace format (for reproducing a run in DRAMsim3). */
export function* addressTraceLines(requests: RequestStream): Iterable<string> {
  for (let i = 0; i < requests.count; i++) {
    yield `0x${requests.address[i].toString(16)} ${requests.isWrite[i] ? 'WRITE' : 'READ'} ${requests.arrivalCycle ? requests.arrivalCycle[i] : 0}`;
  }
}
