// Table-driven checks of user-facing errors (after valibot's expectActionIssue): run something that
// must throw an EinsimError and assert the issues it carries by code, path and line.
import { expect } from 'vitest';
import { EinsimError, type Issue, type IssueCode } from '../../src/errors.js';

export interface ExpectedIssue {
  code: IssueCode;
  path: string;
  /** 1-based line; omit only for issues that have none (a missing top-level field, a CLI flag). */
  line?: number;
  /** A fragment the `expected` text must contain. */
  expected?: string;
  file?: string;
}

/** The issues `run` throws; fails the test if it returns or throws anything but an EinsimError. */
export function issuesOf(run: () => unknown): Issue[] {
  try {
    run();
  } catch (e) {
    if (e instanceof EinsimError) return e.issues;
    throw new Error(`expected an EinsimError, got ${e instanceof Error ? `${e.name}: ${e.message}` : String(e)}`);
  }
  throw new Error('expected an EinsimError, but it returned normally');
}

/** `run` must throw an EinsimError whose issues include each of `expected` (and no others). */
export function expectIssues(run: () => unknown, expected: ExpectedIssue[]): void {
  const issues = issuesOf(run);
  const shape = (i: Issue | ExpectedIssue): string => `${i.code} ${i.path} @${i.line ?? '-'}`;
  expect(issues.map(shape).sort()).toEqual(expected.map(shape).sort());
  for (const want of expected) {
    const got = issues.find((i) => shape(i) === shape(want)) as Issue;
    if (want.expected !== undefined) expect(got.expected).toContain(want.expected);
    if (want.file !== undefined) expect(got.file).toBe(want.file);
    expect(got.expected.length).toBeGreaterThan(0);
  }
}
