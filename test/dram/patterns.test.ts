// Pattern parameters a user types on the command line are checked before anything is allocated or
// drawn: each bad one is an EinsimError on its flag, never an internal RangeError or TypeError.
import { describe, expect, it } from 'vitest';
import { generatePattern, type PatternSpec } from '../../src/dram/patterns.js';
import { EinsimError } from '../../src/errors.js';

const base: PatternSpec = { pattern: 'rand', bytes: 4096, requestBytes: 64, transactionBytes: 64 };

function issueOf(spec: Partial<PatternSpec>) {
  try {
    generatePattern({ ...base, ...spec });
  } catch (e) {
    expect(e).toBeInstanceOf(EinsimError);
    return (e as EinsimError).issues[0];
  }
  throw new Error('expected an EinsimError');
}

describe('generatePattern input checks', () => {
  it('a fractional or unsafe seed is a --seed error (mt19937_64 takes a whole number)', () => {
    expect(issueOf({ seed: 1.5 })).toMatchObject({ file: '<cli>', path: '--seed', code: 'invalid_value' });
    expect(issueOf({ seed: 2 ** 64 })).toMatchObject({ path: '--seed' });
  });

  it('a region reaching past 2^53 (addresses are doubles) is a --region error', () => {
    expect(issueOf({ regionBytes: 1e18 })).toMatchObject({ path: '--region', code: 'range' });
  });

  it('more transactions than a run can hold is a --bytes error, before allocating them', () => {
    expect(issueOf({ pattern: 'seq', bytes: 1e15 })).toMatchObject({ path: '--bytes', code: 'range' });
  });

  it('fewer bytes than one request is a --bytes error, not a run of nothing (0 cycles, 0 GB/s)', () => {
    expect(issueOf({ pattern: 'seq', bytes: 1 })).toMatchObject({ path: '--bytes', code: 'invalid_value' });
    expect(issueOf({ pattern: 'seq', bytes: 4096, requestBytes: 1048576 })).toMatchObject({ path: '--bytes' });
  });

  it('still accepts negative whole seeds and the largest legal region', () => {
    expect(generatePattern({ ...base, seed: -5 }).count).toBe(64);
    expect(generatePattern({ ...base, regionBytes: 2 ** 53 }).count).toBe(64);
  });
});
