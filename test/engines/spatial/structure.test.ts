import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseArch } from '../../../src/arch/load.js';
import { computeArea } from '../../../src/cost/area.js';
import { isEinsimError } from '../../../src/errors.js';
import { REPO_ROOT } from '../../helpers/ref.js';
import { arch, registry } from './helpers.js';

const text = readFileSync(join(REPO_ROOT, 'arch', 'fusemax.yaml'), 'utf8');

describe('spatial architecture files', () => {
  it.each(['fusemax', 'fusemax-arch', 'fusemax-cascade', 'flat', 'unfused'])('%s loads and prices every component it counts on', (name) => {
    const a = arch(name);
    expect(a.engine).toBe('spatial');
    for (const c of a.components) expect(a.tech.energyPj[c.name], c.name).toBeDefined();
    expect(a.tech.energyPj.global_buffer.read.source).not.toBe('');
  });

  it('FuseMax\u2019s area is the 485 mm\u00b2 the artifact\u2019s ART outputs sum to (reference fusemax.md \u00a71.8)', () => {
    expect(computeArea(arch('fusemax')).totalUm2 / 1e6).toBeCloseTo(485, 0);
  });

  it('an op that uses a unit the array does not have is an error naming the field', () => {
    const bad = text.replace('exp: { cycles: 6, uses: { mac: 6 } }             # transformer', 'exp: { cycles: 6, uses: { fma: 6 } }             # transformer');
    expect(bad).not.toBe(text);
    try {
      parseArch(bad, 'bad.yaml', registry);
      expect.unreachable();
    } catch (e) {
      expect(isEinsimError(e)).toBe(true);
      if (isEinsimError(e)) expect(e.issues[0].path).toBe('structure.array2d.ops.exp.uses.fma');
    }
  });

  it('an unknown field in the structure is reported, not ignored', () => {
    const bad = text.replace('registersPerPe: 12', 'registersPerPe: 12\n    regsPerPe: 12');
    expect(() => parseArch(bad, 'bad.yaml', registry)).toThrow(/regsPerPe/);
  });
});
