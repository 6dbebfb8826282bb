// Every shipped workload checks cleanly through the CLI: a table by default, valid JSON with
// --json, exit 0 (issue acceptance: `npx einsim check workloads/<each shipped file>`).
import { readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyseCascade } from '../../src/einsum/analysis.js';
import { loadWorkload } from '../../src/einsum/load.js';
import { renderCheck } from '../../src/cli/commands/check.js';
import { einsim } from '../helpers/cli.js';
import { REPO_ROOT } from '../helpers/ref.js';

function yamlFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return yamlFiles(path);
    return name.endsWith('.yaml') ? [relative(REPO_ROOT, path)] : [];
  });
}

const shipped = yamlFiles(join(REPO_ROOT, 'workloads')).sort();

describe('einsim check on every shipped workload', () => {
  it('finds the shipped workloads', () => {
    expect(shipped.length).toBeGreaterThanOrEqual(16);
  });

  // One process per file (--json: exit 0, valid JSON); the table of every file is rendered in
  // process by the same function the CLI calls, which the check-list tests also run as a process.
  it.each(shipped)('%s: table and JSON, exit 0', (file) => {
    const table = renderCheck(loadWorkload(join(REPO_ROOT, file)), analyseCascade(loadWorkload(join(REPO_ROOT, file)))).join('\n');
    expect(table).toContain('iteration space');
    expect(table).toMatch(/total/);
    const json = einsim('check', file, '--json');
    expect(json.code).toBe(0);
    const parsed = JSON.parse(json.stdout);
    expect(parsed.einsums.length).toBeGreaterThan(0);
  });
});
