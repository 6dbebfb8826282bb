import { describe, expect, it } from 'vitest';
import { parseArch } from '../../src/arch/load.js';
import { applyAssignments, parseAssignment } from '../../src/arch/overrides.js';
import { EinsimError } from '../../src/errors.js';
import { fakeRegistry, FAKE_ARCH_YAML } from '../helpers/fake-engine.js';

describe('--set assignments', () => {
  it('parses values as YAML scalars', () => {
    expect(parseAssignment('structure.rows=64')).toEqual({ path: 'structure.rows', value: 64 });
    expect(parseAssignment('structure.dataflow=ws')).toEqual({ path: 'structure.dataflow', value: 'ws' });
    expect(parseAssignment('clockHz=1e9').value).toBe(1e9);
    expect(() => parseAssignment('=3')).toThrow(EinsimError);
    expect(() => parseAssignment('rows')).toThrow(EinsimError);
  });

  it('applies to a copy and goes through validation', () => {
    const root = { structure: { pes: 4 } };
    const out = applyAssignments(root, [{ path: 'structure.pes', value: 8 }]);
    expect(out).toEqual({ structure: { pes: 8 } });
    expect(root.structure.pes).toBe(4);
    expect(parseArch(FAKE_ARCH_YAML, 'f.yaml', fakeRegistry, [parseAssignment('structure.pes=32')]).components[0].instances).toBe(32);
    expect(() => parseArch(FAKE_ARCH_YAML, 'f.yaml', fakeRegistry, [parseAssignment('structure.pez=32')])).toThrow(/structure.pez/);
  });
});
