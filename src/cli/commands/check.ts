// `einsim check <workload>`: load and validate a workload, then print what it asks of any machine
// (src/einsum/analysis.ts) as a table, or as JSON with --json. Problems in the file are
// EinsimErrors, which main.ts prints one line each; warnings go to stderr and do not fail the run.
import chalk from 'chalk';
import { formatIssue } from '../../errors.js';
import { analyseCascade, type CascadeAnalysis } from '../../einsum/analysis.js';
import { loadWorkload } from '../../einsum/load.js';
import type { Cascade } from '../../einsum/types.js';
import { compareCascades, DEFAULT_TOLERANCE, type Comparison } from '../../einsum/equivalence.js';
import type { CommandRegistrar } from '../main.js';
import { parseParamFlags } from '../options.js';
import { resolveInput } from '../paths.js';
import { loadArch } from '../../arch/load.js';
import { checkFit } from '../../simulate.js';
import type { FitCheck } from '../../engines/engine.js';
import { renderTable } from '../../report/text-table.js';
import { formatBytes, formatCount } from '../../report/units.js';

export const registerCheck: CommandRegistrar = (parser, setExit) => {
  parser.command(
    'check <workload>',
    'Validate a workload file and print its per-Einsum analysis (ops, footprint, minimum traffic)',
    (y) =>
      y
        .positional('workload', { type: 'string', describe: 'a workload .yaml file', demandOption: true })
        .option('json', { type: 'boolean', default: false, describe: 'print the analysis as JSON' })
        .option('param', { alias: 'p', type: 'string', array: true, default: [] as string[], describe: 'override a param, NAME=VALUE (repeatable)' })
        .option('topology-type', { choices: ['conv', 'gemm'] as const, describe: 'for a SCALE-Sim topology .csv: force conv or gemm rows' })
        .option('equivalent', { type: 'string', describe: 'evaluate this other workload on the same random inputs and compare the common outputs' })
        .option('seed', { type: 'number', default: 1, describe: 'seed of the random inputs for --equivalent' })
        .option('tolerance', { type: 'number', default: DEFAULT_TOLERANCE, describe: 'largest relative difference still called equivalent' })
        .option('arch', { alias: 'a', type: 'string', describe: 'also check, without simulating, which Einsums can run on this architecture (buffers, supported ops)' })
        .example('$0 check workloads/attention-1pass.yaml', 'validate FuseMax cascade 5 and print its analysis')
        .example('$0 check workloads/conv.yaml --param stride=2 --param pad=0', 'the conv layer with other params')
        .example('$0 check workloads/gemm.yaml --json', 'the analysis as JSON')
        .example('$0 check workloads/attention-1pass.yaml --equivalent workloads/attention-3pass.yaml -p M=256 -p P=16', 'do two cascades compute the same outputs? (exit 0 if so, 1 if not)')
        .example('$0 check topology.csv', 'a SCALE-Sim topology, converted to a cascade')
        .example('$0 check workloads/bert-base-encoder.yaml -a arch/tpu-128.yaml', 'which Einsums a systolic array can run, without simulating'),
    (argv) => {
      const overrides = parseParamFlags(argv.param as string[]);
      // Like run's -w and --arch: a path relative to the cwd first, else the shipped file of that name.
      const cascade = loadWorkload(resolveInput(argv.workload as string), overrides, { topologyType: argv.topologyType });
      if (argv.equivalent !== undefined) {
        const other = loadWorkload(resolveInput(argv.equivalent), overrides, { topologyType: argv.topologyType });
        const comparison = compareCascades(cascade, other, { seed: argv.seed, tolerance: argv.tolerance });
        if (argv.json) process.stdout.write(`${JSON.stringify(comparison, null, 2)}\n`);
        else process.stdout.write(`${renderComparison(cascade, other, comparison, argv.seed).join('\n')}\n`);
        setExit(comparison.equivalent ? 0 : 1);
        return;
      }
      const analysis = analyseCascade(cascade);
      const fit = argv.arch !== undefined ? checkFit(cascade, loadArch(resolveInput(argv.arch))) : undefined;
      if (argv.json) process.stdout.write(`${JSON.stringify({ ...(toJson(cascade, analysis) as object), ...(fit ? { fit } : {}) }, null, 2)}\n`);
      else process.stdout.write(`${[...renderCheck(cascade, analysis), ...(fit ? ['', ...renderFit(fit, argv.arch!)] : [])].join('\n')}\n`);
      for (const w of cascade.warnings) process.stderr.write(`einsim: ${formatIssue(w)}\n`);
      setExit(0);
    },
  );
};

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
    '',
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

/** The --equivalent verdict: one line per common output tensor with its largest relative difference. */
export function renderComparison(a: Cascade, b: Cascade, c: Comparison, seed: number): string[] {
  const verdict = c.equivalent ? chalk.green('equivalent') : chalk.red('NOT equivalent');
  const lines = [`${chalk.bold(a.name)} vs ${chalk.bold(b.name)}: ${verdict} (max relative difference ${c.maxRelDiff.toExponential(2)}, tolerance ${c.tolerance.toExponential(0)}, seed ${seed})`];
  for (const t of c.tensors) {
    const where = t.worst ? ` at [${t.worst.index.join(', ')}]: ${t.worst.a} vs ${t.worst.b}` : '';
    lines.push(`  ${t.name}: ${t.maxRelDiff.toExponential(2)}${t.maxRelDiff > c.tolerance ? where : ''}`);
  }
  return lines;
}

/** The pre-simulation fit check: which Einsums can run on the architecture, and why not. */
export function renderFit(fit: FitCheck[], arch: string): string[] {
  const bad = fit.filter((f) => !f.ok);
  const head = bad.length === 0 ? chalk.green(`fits ${arch}: every Einsum can run`) : chalk.yellow(`on ${arch}: ${bad.length} of ${fit.length} Einsums cannot run`);
  return [head, ...renderTable([{ header: 'Einsum' }, { header: 'fit' }, { header: 'how / why not' }], fit.map((f) => [f.einsum, f.ok ? 'ok' : 'no', f.reason]))];
}
