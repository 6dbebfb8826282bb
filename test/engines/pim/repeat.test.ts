import { describe, expect, it } from 'vitest';
import { parseWorkload } from '../../../src/einsum/parse.js';
import { carriedInputs, executionOrder } from '../../../src/engines/pim/repeat.js';
import { issuesOf } from '../../helpers/expectIssue.js';
import { gptDecode } from './run.js';

const text = (einsums: string) => `name: r
params: { n: 3, D: 4 }
tensors:
  X: [d]
  A: [d]
  B: [d]
  C: [d]
einsums:
${einsums}`;

describe('repeat and feeds', () => {
  it('unrolls the block `layers` times in order, Einsums outside once', () => {
    const steps = executionOrder(gptDecode({ layers: 3 }));
    expect(steps).toHaveLength(25 * 3 + 6);
    expect(steps.slice(0, 2).map((s) => [s.einsum.id, s.repetition])).toEqual([['MU1', 0], ['XC1', 0]]);
    expect(steps[25].einsum.id).toBe('MU1');
    expect(steps[25].repetition).toBe(1);
    expect(steps.at(-1)!.einsum.id).toBe('LOGIT');
    expect(steps.at(-1)!.inBlock).toBe(false);
  });

  it('knows the layer output feeds the next layer’s input', () => {
    expect([...carriedInputs(gptDecode())]).toEqual([['X', 'X3']]);
  });

  it.each([
    ['a count that is not a parameter', '  - { einsum: "A[d] = X[d] + 1", repeat: layerz }\n', 'unknown_name'],
    ['a gap in the block', '  - { einsum: "A[d] = X[d] + 1", repeat: n }\n  - B[d] = A[d] + 1\n  - { einsum: "C[d] = B[d] + 1", repeat: n }\n', 'invalid_value'],
    ['two counts', '  - { einsum: "A[d] = X[d] + 1", repeat: n }\n  - { einsum: "B[d] = A[d] + 1", repeat: 2 }\n', 'invalid_value'],
  ])('rejects %s', (_name, einsums, code) => {
    expect(issuesOf(() => executionOrder(parseWorkload(text(einsums), 'r.yaml')))[0]).toMatchObject({ file: 'r.yaml', code });
  });

  it('rejects feeds naming something that is not an input of the block’s shape', () => {
    const w = parseWorkload(text('  - { einsum: "A[d] = X[d] + 1", repeat: n, feeds: B }\n  - { einsum: "B[d] = A[d] + 1", repeat: n }\n'), 'r.yaml');
    expect(issuesOf(() => carriedInputs(w))[0]).toMatchObject({ file: 'r.yaml', path: 'einsums[0].feeds', code: 'unknown_name' });
  });
});
