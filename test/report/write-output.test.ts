import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { EinsimError } from '../../src/errors.js';
import { chromeTraceLines, writeFileAtomic, writeTraceDir } from '../../src/report/write-output.js';

const dirs: string[] = [];
const tmp = () => {
  const d = mkdtempSync(join(tmpdir(), 'einsim-'));
  dirs.push(d);
  return d;
};
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

describe('writeFileAtomic', () => {
  it('writes all lines, creating folders', () => {
    const d = tmp();
    writeFileAtomic(join(d, 'a', 'b.csv'), ['x,y\n', '1,2\n']);
    expect(readFileSync(join(d, 'a', 'b.csv'), 'utf8')).toBe('x,y\n1,2\n');
  });

  it('leaves nothing behind when the producer fails half-way', () => {
    const d = tmp();
    function* failing() {
      yield 'first\n';
      throw new Error('boom');
    }
    expect(() => writeFileAtomic(join(d, 'out.csv'), failing())).toThrow(EinsimError);
    expect(readdirSync(d)).toEqual([]);
  });

  it('a folder path that runs through an existing file is an io issue naming the path (run --trace into a file)', () => {
    const d = tmp();
    writeFileAtomic(join(d, 'afile.txt'), ['x\n']);
    const target = join(d, 'afile.txt', 'layer0', 'T.csv');
    let error: unknown;
    try {
      writeFileAtomic(target, ['1,2\n']);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(EinsimError);
    expect((error as EinsimError).issues[0]).toMatchObject({ file: target, code: 'io' });
    expect(readFileSync(join(d, 'afile.txt'), 'utf8')).toBe('x\n');
  });
});

describe('chrome trace', () => {
  it('is valid JSON with every event', () => {
    const events = [
      { name: 'conv1', ph: 'X' as const, ts: 0, dur: 5, pid: 1, tid: 'array' },
      { name: 'dram', ph: 'X' as const, ts: 1, dur: 2, pid: 1, tid: 'dram' },
    ];
    const parsed = JSON.parse([...chromeTraceLines(events, { workload: 'w' })].join(''));
    expect(parsed.traceEvents).toEqual(events);
    const d = tmp();
    const written = writeTraceDir(d, [{ path: 'layer0/T.csv', lines: () => ['1,2\n'] }], events, {});
    expect(written.map((p) => p.slice(d.length + 1)).sort()).toEqual(['layer0/T.csv', 'timeline.json']);
  });
});
