import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { VERSION } from '../src/version.js';
import { EinsimError, formatIssue } from '../src/errors.js';
import { REPO_ROOT } from './helpers/ref.js';

describe('package basics', () => {
  it('VERSION matches package.json', () => {
    const pkg = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8'));
    expect(VERSION).toBe(pkg.version);
  });

  it('formats an issue as one line naming file, line, path, expected and received', () => {
    const line = formatIssue({ file: 'arch/tpu.yaml', line: 7, path: 'tech.energyPj["sram.read"]', code: 'invalid_value', expected: 'number ≥ 0', received: '-3' });
    expect(line).toBe('arch/tpu.yaml:7: tech.energyPj["sram.read"]: expected number ≥ 0, received -3');
    expect(new EinsimError([{ file: 'a', path: 'b', code: 'missing', expected: 'c' }]).message).not.toContain('\n');
  });
});
