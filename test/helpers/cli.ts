// Running the built CLI as a user does (`npm test` builds dist/ first).
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { expect } from 'vitest';
import { REPO_ROOT } from './ref.js';

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

export function einsim(...args: string[]): CliResult {
  return einsimIn(REPO_ROOT, ...args);
}

/** The CLI run from another working directory (shipped file names must still resolve). */
export function einsimIn(cwd: string, ...args: string[]): CliResult {
  const r = spawnSync(process.execPath, [join(REPO_ROOT, 'bin', 'einsim.js'), ...args], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, FORCE_COLOR: '0', EINSIM_DEBUG: '' },
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** Exit 1, nothing on stdout, `lines` one-line issues on stderr, no stack trace. */
export function expectCleanFailure(r: CliResult, lines: number): string[] {
  expect(r.code).toBe(1);
  expect(r.stdout).toBe('');
  const out = r.stderr.trimEnd().split('\n');
  expect(out).toHaveLength(lines);
  for (const line of out) expect(line).toMatch(/^einsim: /);
  expect(r.stderr).not.toMatch(/^\s+at /m);
  expect(r.stderr).not.toContain('internal error');
  return out;
}
