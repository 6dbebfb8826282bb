// A recurrence whose Einsums fall in different stages (the running numerator of one-pass attention
// feeds the next iteration's stage) makes the stage graph a loop. Dataflow and InTAR schedules
// order stages and groups topologically, so they cannot time it: run and explain refuse with one
// line, check names the reason per Einsum, and sequential mode (one stage at a time) still runs.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fpgaEngine } from '../../../src/engines/fpga/index.js';
import { issuesOf } from '../../helpers/expectIssue.js';
import { parseWorkload } from '../../../src/einsum/parse.js';
import { REPO_ROOT } from '../../helpers/ref.js';
import { arch, run } from './helpers.js';

// FuseMax cascade 5 in int16 (a precision the DSPs multiply), small enough to plan in milliseconds.
const text = readFileSync(join(REPO_ROOT, 'workloads', 'attention-1pass.yaml'), 'utf8').replace('precision: fp16', 'precision: int16');
const onePass = parseWorkload(text, 'attention-1pass.yaml', { M: 256, M0: 64 });

describe('fpga: a recurrence carried from a later stage to an earlier one', () => {
  for (const mode of ['dataflow', 'intar'] as const) {
    it(`${mode}: run refuses with an EinsimError on structure.mode instead of crashing`, () => {
      const [issue] = issuesOf(() => run(onePass, arch(mode)));
      expect(issue.path).toBe('structure.mode');
      expect(issue.code).toBe('unsupported');
      expect(issue.received).toContain('m1');
    });

    it(`${mode}: check gives every Einsum the reason rather than throwing`, () => {
      const fits = fpgaEngine.check(onePass, arch(mode));
      expect(fits).toHaveLength(onePass.einsums.length);
      for (const f of fits) {
        expect(f.ok).toBe(false);
        expect(f.reason).toContain('mode: sequential');
      }
    });
  }

  it('sequential: still runs, with cycles at least the MAC work over its lanes', () => {
    const r = run(onePass, arch('sequential'));
    expect(r.cycles).toBeGreaterThan(0);
    for (const e of r.einsums) expect(e.status).toBe('ok');
  });
});
