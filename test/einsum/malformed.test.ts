// Every malformed workload fixture is rejected with the right issue code, field path and line.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseWorkload } from '../../src/einsum/parse.js';
import { expectIssues, type ExpectedIssue } from '../helpers/expectIssue.js';
import { REPO_ROOT } from '../helpers/ref.js';

const DIR = join(REPO_ROOT, 'test', 'fixtures', 'workloads');

const CASES: Record<string, ExpectedIssue[]> = {
  'yaml-syntax.yaml': [{ code: 'parse', path: '', line: 4, expected: 'valid YAML' }],
  'duplicate-key.yaml': [{ code: 'duplicate', path: '', line: 5, expected: 'each key once' }],
  'unknown-top-key.yaml': [
    { code: 'unknown_key', path: 'einsum', line: 5 },
    { code: 'missing', path: 'einsums' },
  ],
  'missing-name.yaml': [{ code: 'missing', path: 'name' }],
  'unknown-tensor.yaml': [{ code: 'unknown_name', path: 'einsums[0]', line: 6, expected: 'a tensor declared' }],
  'unknown-rank-extent.yaml': [{ code: 'unknown_name', path: 'einsums[0]', line: 8, expected: 'an extent for rank r' }],
  'rank-count-mismatch.yaml': [{ code: 'shape', path: 'einsums[0]', line: 6, expected: '2 indices for A[m, k]' }],
  'extent-not-integer.yaml': [
    { code: 'shape', path: 'tensors.A.shape[0]', line: 5, expected: 'a positive integer' },
    { code: 'shape', path: 'tensors.B.shape[0]', line: 6, expected: 'a positive integer' },
  ],
  'negative-extent.yaml': [{ code: 'shape', path: 'ranks.m', line: 4, expected: 'a positive integer' }],
  'index-out-of-range.yaml': [{ code: 'range', path: 'einsums[0]', line: 9, expected: 'index p + r of I (rank h) within 0..7' }],
  'duplicate-producer.yaml': [{ code: 'duplicate', path: 'einsums[1]', line: 7, expected: 'one Einsum per output tensor' }],
  'cycle.yaml': [{ code: 'cycle', path: 'einsums[0]', line: 6, expected: 'no dependency cycle' }],
  'recurrence-same-position.yaml': [{ code: 'cycle', path: 'einsums[0]', line: 8 }],
  'writes-view.yaml': [{ code: 'invalid_value', path: 'einsums[0]', line: 9, expected: 'not a view' }],
  'reduction-prefix-mismatch.yaml': [{ code: 'invalid_value', path: 'einsums[0]', line: 6, expected: 'the reduced ranks (m)' }],
  'non-affine-index.yaml': [{ code: 'invalid_value', path: 'einsums[0]', line: 6, expected: 'an affine index' }],
  'unknown-function.yaml': [{ code: 'unknown_name', path: 'einsums[0]', line: 6, expected: 'a function' }],
  'bad-precision.yaml': [{ code: 'invalid_value', path: 'precision', line: 3, expected: 'one of fp64' }],
  'hostile-expression.yaml': [{ code: 'invalid_value', path: 'params.M', line: 4, expected: 'one of the functions' }],
  'param-forward-reference.yaml': [{ code: 'unknown_name', path: 'params.P', line: 4, expected: 'a param defined earlier' }],
  'missing-init.yaml': [{ code: 'missing', path: 'tensors.RM.init', line: 6, expected: 'init for rank m1' }],
  'einsum-syntax.yaml': [{ code: 'parse', path: 'einsums[0]', line: 6, expected: 'at column 19' }],
  'output-index-affine.yaml': [{ code: 'unsupported', path: 'einsums[0]', line: 6 }],
  'extent-conflict.yaml': [{ code: 'shape', path: 'einsums[0]', line: 9, expected: 'one extent for rank m' }],
  'tensor-unknown-key.yaml': [{ code: 'unknown_key', path: 'tensors.A.sahpe', line: 5 }],
  'init-wrong-position.yaml': [{ code: 'invalid_value', path: 'tensors.RM.init', line: 6, expected: 'init at m1: 0' }],
  'recurrence-shift-two.yaml': [{ code: 'unsupported', path: 'einsums[0]', line: 9, expected: 'one position ahead' }],
  'init-on-input.yaml': [{ code: 'invalid_value', path: 'tensors.X.init', line: 5 }],
  'view-out-of-range.yaml': [{ code: 'range', path: 'tensors.BK.view', line: 6, expected: 'of K within 0..7' }],
  'annotation-precision.yaml': [{ code: 'invalid_value', path: 'einsums[0].precision', line: 7 }],
  'several-issues.yaml': [
    { code: 'unknown_name', path: 'einsums[0]', line: 6 },
    { code: 'invalid_value', path: 'einsums[1]', line: 7, expected: '1 argument for tanh' },
  ],
  'yaml-alias.yaml': [{ code: 'invalid_type', path: 'ranks', line: 4, expected: 'a map' }],
};

describe('malformed workloads', () => {
  it('has a case for every fixture file and a fixture for every case', () => {
    expect(readdirSync(DIR).filter((f) => f.endsWith('.yaml')).sort()).toEqual(Object.keys(CASES).sort());
  });

  for (const [file, expected] of Object.entries(CASES)) {
    it(file, () => {
      const text = readFileSync(join(DIR, file), 'utf8');
      expectIssues(() => parseWorkload(text, file), expected.map((e) => ({ ...e, file })));
    });
  }
});
