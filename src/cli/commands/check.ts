// `einsim check <workload>`: load and validate a workload, then print what it asks of any machine
// (src/einsum/analysis.ts) as a table, or as JSON with --json. Problems in the file are
// EinsimErrors, which main.ts prints one line each; warnings go to stderr and do not fail the run.
import chalk from 'chalk';
import { EinsimError, formatIssue } from '../../errors.js';
import { analyseCascade, type CascadeAnalysis } from '../../einsum/analysis.js';
import { loadWorkload } from '../../einsum/load.js';
import type { Cascade } from '../../einsum/types.js';
import type { CommandRegistrar } from '../main.js';
import { formatBytes, formatCount, renderTable } from './table.js';

export const registerCheck: CommandRegistrar = (parser, setExit) => {
  parser.command(
    'check <workload>',
    'Validate a workload file and print its per-Einsum analysis (ops, footprint, minimum traffic)',
    (y) =>
      y
        .positional('workload', { type: 'string', describe: 'a workload .yaml file', demandOption: true })
        .option('json', { type: 'boolean', default: false, describe: 'print the analysis as JSON' })
        .option('param', { type: 'string', array: true, default: [] as string[], describe: 'override a param, NAME=VALUE (repeatable)' })
        .example('$0 check workloads/attention-1pass.yaml', 'validate FuseMax cascade 5 and print its analysis')
        .example('$0 check workloads/conv.yaml --param stride=2 --param pad=0', 'the conv layer with other params')
        .example('$0 check workloads/gemm.yaml --json', 'the analysis as JSON'),
    (argv) => {
      const overrides = parseParamFlags(argv.param as string[]);
      const cascade = loadWorkload(argv.workload as string, overrides);
      const analysis = analyseCascade(cascade);
      if (argv.json) process.stdout.write(`${JSON.stringify(toJson(cascade, analysis), null, 2)}\n`);
      else process.stdout.write(`${renderCheck(cascade, analysis).join('\n')}\n`);
      for (const w of cascade.warnings) process.stderr.write(`einsim: ${formatIssue(w)}\n`);
      setExit(0);
    },
  );
};

/** `--param K=V` flags → overrides; a malformed flag is an issue on `<cli>`. */
export function parseParamFlags(flags: readonly string[]): Record<string, number> {
  const out: Record<string, number> = {};
  const issues = [];
  for (const flag of flags) {
    const m = /^\s*([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(.+)$/.exec(String(flag));
    const value = m ? Number(m[2]) : NaN;
    if (!m || !Number.isFinite(value)) {
      issues.push({ file: '<cli>', path: '--param', code: 'invalid_value' as const, expected: 'NAME=NUMBER, e.g. --param M=1024', received: JSON.stringify(flag) });
    } else {
      out[m[1]] = value;
    }
  }
  if (issues.length > 0) throw new EinsimError(issues);
  return out;
}

export function renderCheck(cascade: Cascade, analysis: CascadeAnalysis): string[] {
  const rows = analysis.einsums.map((a, i) => {
    const einsum = cascade.einsums[i];
    return [
      String(i + 1),
      a.iterative ? `${a.id} ↻${a.iterative}` : a.id,
      einsum.ranks.map((r) => `${r.name}=${r.extent}`).join(' '),
      formatCount(a.iterationPoints),
      formatOps(a.ops),
      formatBytes(a.footprintBytes),
      formatBytes(a.minTrafficBytes),
      a.arithmeticIntensity.toFixed(1),
    ];
  });
  const t = analysis.totals;
  rows.push(['', 'total', '', formatCount(t.iterationPoints), `${formatCount(t.totalOps)} ops`, formatBytes(t.footprintBytes), formatBytes(t.minTrafficBytes), t.arithmeticIntensity.toFixed(1)]);
  const table = renderTable(
    [
      { header: '#', align: 'right' },
      { header: 'Einsum' },
      { header: 'iteration space' },
      { header: 'points', align: 'right' },
      { header: 'ops per operator' },
      { header: 'footprint', align: 'right' },
      { header: 'min traffic', align: 'right' },
      { header: 'ops/B', align: 'right' },
    ],
    rows,
    { boldRows: new Set([rows.length - 1]) },
  );
  const head = [`${chalk.bold(cascade.name)}  ${chalk.dim(cascade.file)}`];
  if (cascade.description) head.push(chalk.dim(cascade.description));
  const notes = [
    `operators: ${formatOps(t.ops)}`,
    chalk.dim('a mac counts as 2 ops · footprint: the tensors an Einsum touches, full size · min traffic: each element read once and written once'),
    chalk.dim(`total min traffic: the cascade's inputs and outputs only (intermediates stay on chip); Einsum by Einsum it is ${formatBytes(t.unfusedTrafficBytes)}`),
  ];
  for (const r of cascade.recurrences) notes.push(chalk.dim(`recurrence over ${r.rank}: ${r.einsums.join(' → ')}`));
  return [...head, '', ...table, '', ...notes];
}

function formatOps(ops: Record<string, number>): string {
  const entries = Object.entries(ops);
  if (entries.length === 0) return '-';
  return entries.map(([op, n]) => `${op} ${formatCount(n)}`).join(', ');
}

function toJson(cascade: Cascade, analysis: CascadeAnalysis): unknown {
  return {
    name: cascade.name,
    description: cascade.description,
    source: cascade.source,
    file: cascade.file,
    params: cascade.params,
    einsums: analysis.einsums.map((a, i) => ({ ...a, ranks: cascade.einsums[i].ranks, reduce: cascade.einsums[i].reduce, annotations: cascade.einsums[i].annotations })),
    totals: analysis.totals,
    recurrences: cascade.recurrences,
    warnings: cascade.warnings,
  };
}
