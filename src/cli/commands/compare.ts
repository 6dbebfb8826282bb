// `einsim compare`: one workload on several architectures (any engines), one table with the
// speedup and energy ratio of each against the first. It is a sweep over the `arch` axis
// (src/sweep/file-axes.ts), so the architectures run in parallel and a refusal (a workload an
// engine cannot run, a design that does not fit) is a row with its reason, not a failure.
import { loadWorkload } from '../../einsum/load.js';
import { EinsimError } from '../../errors.js';
import { compareReports, renderComparisonCsv, renderComparisonTable, type CompareInput } from '../../report/compare.js';
import { scatterSvg } from '../../report/plot-svg.js';
import { writeFileAtomic } from '../../report/write-output.js';
import { FILE_AXES, readAxisFiles } from '../../sweep/file-axes.js';
import { DEFAULT_JOBS, evaluatePoints } from '../../sweep/parallel.js';
import { readText } from '../../util/read-text.js';
import type { CommandRegistrar } from '../main.js';
import { asArray, parseParamFlags } from '../options.js';
import { resolveInput } from '../paths.js';
import { DEFAULT_WORKLOAD, RUN_INPUT_OPTIONS, topologyTypeFlag } from '../run-inputs.js';

export const registerCompare: CommandRegistrar = (parser) => {
  parser.command(
    'compare',
    'Run one workload on several architectures and compare time, energy and area against the first',
    (y) =>
      y
        .option('workload', RUN_INPUT_OPTIONS.workload)
        .option('arch', { alias: 'a', type: 'string', array: true, demandOption: true, describe: 'architecture files (.yaml or SCALE-Sim .cfg); the first is the baseline' })
        .option('param', RUN_INPUT_OPTIONS.param)
        .option('topology-type', RUN_INPUT_OPTIONS['topology-type'])
        .option('json', { type: 'boolean', describe: 'print the comparison as JSON' })
        .option('csv', { type: 'boolean', describe: 'print one CSV row per architecture' })
        .option('plot', { type: 'string', describe: 'write an SVG scatter of time against energy, one point per architecture' })
        .option('jobs', { alias: 'j', type: 'number', default: DEFAULT_JOBS, describe: 'worker threads (1 = run in this thread)' })
        .conflicts('json', 'csv')
        .example('$0 compare -w workloads/attention-1pass.yaml -a arch/tpu-128.yaml arch/fusemax.yaml arch/flat.yaml', 'attention on a systolic array, FuseMax and FLAT')
        .example('$0 compare -w workloads/pim/gpt-decode.yaml -a arch/pim-gpt.yaml arch/aim.yaml arch/hbm-pim.yaml --csv', 'GPT decode on three PIM devices, as CSV'),
    async (argv) => {
      const archs = asArray(argv.arch).map(String);
      if (archs.length === 0) throw new EinsimError({ file: '<cli>', path: '--arch', code: 'invalid_value', expected: 'one or more architecture files', received: 'none' });
      const jobs = argv.jobs;
      if (!Number.isInteger(jobs) || jobs < 1) throw new EinsimError({ file: '<cli>', path: '--jobs', code: 'invalid_value', expected: 'a positive integer', received: String(jobs) });
      const workloadFile = resolveInput(argv.workload ?? DEFAULT_WORKLOAD);
      const topologyType = topologyTypeFlag(argv);
      const params = parseParamFlags(argv.param);
      loadWorkload(workloadFile, params, { topologyType }); // a broken workload stops here, with its own error
      const axes = { [FILE_AXES.arch]: archs };
      const files = readAxisFiles(axes, { params, topologyType });
      const input = { archText: '', archFile: '', workloadText: readText(workloadFile), workloadFile, topologyType, params, files };
      const outcomes = await evaluatePoints(input, archs.map((a) => ({ [FILE_AXES.arch]: a })), Math.min(jobs, archs.length));
      const comparison = compareReports(outcomes.map((o, i): CompareInput => (o.ok ? { arch: archs[i], ok: true, report: o.report } : { arch: archs[i], ok: false, reason: o.reason })));
      if (argv.plot) {
        const points = comparison.rows
          .filter((r) => r.status === 'ok')
          .map((r, i) => ({ x: r.seconds ?? 0, y: r.energyPj ?? 0, highlight: i === 0, label: `${r.name} (${r.engine})` }));
        writeFileAtomic(argv.plot, [scatterSvg(`${comparison.workload?.name ?? 'compare'}: time vs energy (baseline in red)`, 'seconds', 'energy (pJ)', points)]);
      }
      if (argv.json) process.stdout.write(`${JSON.stringify(comparison, null, 2)}\n`);
      else if (argv.csv) process.stdout.write(renderComparisonCsv(comparison));
      else process.stdout.write(`${renderComparisonTable(comparison)}\n`);
    },
  );
};
