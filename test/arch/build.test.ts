import { describe, expect, it } from 'vitest';
import { parseArch } from '../../src/arch/load.js';
import { EinsimError } from '../../src/errors.js';
import { fakeRegistry, FAKE_ARCH_YAML } from '../helpers/fake-engine.js';

function issuesOf(text: string) {
  try {
    parseArch(text, 'arch/x.yaml', fakeRegistry);
  } catch (e) {
    if (e instanceof EinsimError) return e.issues;
    throw e;
  }
  throw new Error('expected an EinsimError');
}

describe('buildArch', () => {
  it('builds and prices every component from the default 45 nm table', () => {
    const arch = parseArch(FAKE_ARCH_YAML, 'arch/fake.yaml', fakeRegistry);
    expect(arch.clockHz).toBe(1e9);
    expect(arch.components.map((c) => c.name)).toEqual(['pe', 'buffer', 'dram']);
    // int8 MAC and a 128 KiB × 64 b SRAM are measured points of the table: exact values.
    expect(arch.tech.energyPj.pe.mac.value).toBe(0.315);
    expect(arch.tech.energyPj.buffer.read.value).toBeCloseTo(32.38, 10);
    expect(arch.tech.energyPj.dram.read_bytes.value).toBeCloseTo(3.9 * 8, 10);
    expect(arch.tech.areaUm2.buffer.value).toBe(429746);
    expect(arch.tech.energyPj.pe.mac.source).toMatch(/^default 45nm: /);
  });

  it('lets the arch file override a price and marks it as the file’s', () => {
    const arch = parseArch(`${FAKE_ARCH_YAML}tech:\n  energyPj:\n    pe: { mac: { value: 1.5, source: "my synthesis run" } }\n`, 'a.yaml', fakeRegistry);
    expect(arch.tech.energyPj.pe.mac).toEqual({ value: 1.5, source: 'arch file: my synthesis run' });
    expect(arch.tech.energyPj.pe.add.value).toBe(0.21);
  });

  it.each([
    ['unknown top-level key', FAKE_ARCH_YAML + 'colour: blue\n', { path: 'colour', code: 'unknown_key', line: 9 }],
    ['structure field of the wrong type', FAKE_ARCH_YAML.replace('pes: 16', 'pes: many'), { path: 'structure.pes', code: 'invalid_type', line: 7 }],
    ['unknown structure field', FAKE_ARCH_YAML + '  rows: 3\n', { path: 'structure.rows', code: 'unknown_key', line: 9 }],
    ['negative clock', FAKE_ARCH_YAML.replace('1e9', '-1'), { path: 'clockHz', code: 'invalid_value', line: 5 }],
    ['missing clock', FAKE_ARCH_YAML.replace('clockHz: 1e9\n', ''), { path: 'clockHz', code: 'missing' }],
    ['unknown engine', FAKE_ARCH_YAML.replace('engine: systolic', 'engine: sytolic'), { path: 'engine', code: 'invalid_value', line: 2 }],
    ['engine not implemented', FAKE_ARCH_YAML.replace('engine: systolic', 'engine: fpga'), { path: 'engine', code: 'unsupported', line: 2 }],
    ['unknown technology', FAKE_ARCH_YAML + 'technology: 7nm\n', { path: 'technology', code: 'unknown_name', line: 9 }],
    ['duplicate key', FAKE_ARCH_YAML + 'name: again\n', { code: 'parse', line: 9 }],
    ['unpriceable DRAM standard', FAKE_ARCH_YAML + '  dramStandard: DDR9\n', { path: 'tech.energyPj.dram', code: 'missing' }],
    ['override for a component that does not exist', FAKE_ARCH_YAML + 'tech:\n  areaUm2:\n    bufer: { value: 1, source: x }\n', { path: 'tech.areaUm2.bufer', code: 'unknown_name', line: 11 }],
    ['price without a source', FAKE_ARCH_YAML + 'tech:\n  areaUm2:\n    buffer: { value: 1 }\n', { path: 'tech.areaUm2.buffer.source', code: 'missing' }],
  ])('rejects %s with file, path and line', (_name, text, want) => {
    const issues = issuesOf(text);
    expect(issues[0]).toMatchObject({ file: 'arch/x.yaml', ...want });
  });

  it('collects every structure issue, not just the first', () => {
    const issues = issuesOf(FAKE_ARCH_YAML.replace('pes: 16', 'pes: 0').replace('bufferBytes: 131072', 'bufferBytes: -2'));
    expect(issues.map((i) => i.path).sort()).toEqual(['structure.bufferBytes', 'structure.pes']);
  });
});
