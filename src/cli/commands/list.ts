// `einsim list`: the workloads and architectures shipped with einsim (workloads/**/*.yaml,
// arch/*.yaml and SCALE-Sim arch/*.cfg), with the name and description from each file's top
// level. A file that does not parse is still listed, marked unreadable: listing never fails on it.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import chalk from 'chalk';
import { parse } from 'yaml';
import type { CommandRegistrar } from '../main.js';
import { PACKAGE_ROOT } from '../paths.js';
import { renderTable } from '../../report/text-table.js';

export interface ShippedFile {
  /** Path relative to the package root. */
  file: string;
  name: string;
  description: string;
  /** Architectures only: the engine kind. */
  engine?: string;
}

export const registerList: CommandRegistrar = (parser, setExit) => {
  parser.command(
    'list',
    'List the workloads and architectures shipped with einsim',
    (y) =>
      y
        .option('json', { type: 'boolean', default: false, describe: 'print the lists as JSON' })
        .example('$0 list', 'shipped workloads and architectures, with their descriptions')
        .example('$0 list --json', 'the same as JSON'),
    (argv) => {
      const workloads = listWorkloads(PACKAGE_ROOT);
      const architectures = listArchitectures(PACKAGE_ROOT);
      if (argv.json) process.stdout.write(`${JSON.stringify({ workloads, architectures }, null, 2)}\n`);
      else process.stdout.write(`${renderList(workloads, architectures).join('\n')}\n`);
      setExit(0);
    },
  );
};

export function listWorkloads(root: string): ShippedFile[] {
  const dir = join(root, 'workloads');
  if (!existsSync(dir)) return [];
  const files = (readdirSync(dir, { recursive: true }) as string[]).filter((f) => /\.ya?ml$/i.test(f)).sort();
  return files.map((f) => describeYaml(root, join(dir, f)));
}

export function listArchitectures(root: string): ShippedFile[] {
  const dir = join(root, 'arch');
  if (!existsSync(dir)) return [];
  const files = readdirSync(dir).filter((f) => /\.(ya?ml|cfg)$/i.test(f)).sort();
  return files.map((f) => (f.toLowerCase().endsWith('.cfg') ? describeCfg(root, join(dir, f)) : describeYaml(root, join(dir, f))));
}

function describeYaml(root: string, path: string): ShippedFile {
  const file = relative(root, path);
  try {
    const doc = parse(readFileSync(path, 'utf8')) as Record<string, unknown> | null;
    const field = (k: string): string => (doc && typeof doc[k] === 'string' ? (doc[k] as string).trim() : '');
    const out: ShippedFile = { file, name: field('name') || file, description: field('description') };
    if (field('engine')) out.engine = field('engine');
    return out;
  } catch (e) {
    return { file, name: file, description: `(unreadable: ${e instanceof Error ? e.message.split('\n')[0] : String(e)})` };
  }
}

/** A SCALE-Sim config (INI): its `run_name` names it; it always runs on the systolic engine. */
function describeCfg(root: string, path: string): ShippedFile {
  const file = relative(root, path);
  let name = file;
  try {
    const m = /^\s*run_name\s*[=:]\s*(.+?)\s*$/m.exec(readFileSync(path, 'utf8'));
    if (m) name = m[1].replace(/^["']|["']$/g, '');
  } catch {
    // Unreadable: listed under its file name.
  }
  return { file, name, description: 'SCALE-Sim configuration', engine: 'systolic' };
}

function renderList(workloads: ShippedFile[], architectures: ShippedFile[]): string[] {
  const width = Math.max(40, (process.stdout.columns ?? 110) - 60);
  const short = (s: string): string => (s.length > width ? `${s.slice(0, width - 1)}…` : s);
  const out = [chalk.bold(`Workloads (${workloads.length})`)];
  if (workloads.length === 0) out.push(chalk.dim('  none'));
  else out.push(...renderTable([{ header: 'file' }, { header: 'name' }, { header: 'description' }], workloads.map((w) => [w.file, w.name, short(oneLine(w.description))])));
  out.push('', chalk.bold(`Architectures (${architectures.length})`));
  if (architectures.length === 0) out.push(chalk.dim('  none yet (arch/*.yaml, arch/*.cfg)'));
  else out.push(...renderTable([{ header: 'file' }, { header: 'name' }, { header: 'engine' }, { header: 'description' }], architectures.map((a) => [a.file, a.name, a.engine ?? '?', short(oneLine(a.description))])));
  out.push('', chalk.dim('Check a workload: einsim check workloads/<file>.yaml'));
  return out;
}

const oneLine = (s: string): string => s.replace(/\s+/g, ' ').trim();
