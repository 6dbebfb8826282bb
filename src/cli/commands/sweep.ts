// `einsim sweep`: evaluate the Cartesian product of axes and print one CSV row per point with
// its totals and whether it is on the Pareto front of the chosen objectives. An axis is an
// architecture field, a workload parameter (param.NAME), or the architecture or workload file
// itself (arch=..., workload=...: one front across different accelerators).
import { loadWorkload } from '../../einsum/load.js';
import { EinsimError } from '../../errors.js';
import { csvCell } from '../../report/csv.js';
import { scatterSvg } from '../../report/plot-svg.js';
import { writeFileAtomic } from '../../report/write-output.js';
import { readText } from '../../util/read-text.js';
import { checkParamAxes, FILE_AXES, readAxisFiles } from '../../sweep/file-axes.js';
import { countPoints, gridPoints, type AxisValue } from '../../sweep/points.js';
import { paretoFront } from '../../sweep/reduce.js';
import { type SweepOutcome } from '../../sweep/run-sweep.js';
import { DEFAULT_JOBS, evaluatePoints } from '../../sweep/parallel.js';
import type { Report } from '../../report/report.js';
import type { CommandRegistrar } from '../main.js';
import { asArray, parseParamFlags } from '../options.js';
import { resolveInput } from '../paths.js';
import { archSetFlags, RUN_INPUT_OPTIONS, topologyTypeFlag } from '../run-inputs.js';

const METRICS: Record<string, (r: Report) => number> = {
  cycles: (r) => r.totals.cycles,
  seconds: (r) => r.totals.seconds,
  energy: (r) => r.totals.energyPj,
  area: (r) => r.totals.areaUm2,
  edp: (r) => r.totals.energyPj * r.totals.seconds,
};

function parseAxis(text: string): [string, AxisValue[]] {
  const eq = text.indexOf('=');
  const name = text.slice(0, eq).trim();
  const values = text
    .slice(eq + 1)
    .split(',')
    .map((v) => v.trim())
    .filter((v) => v !== '')
    // File names stay strings (a file called 2024 is still a file).
    .map((v) => (name !== FILE_AXES.arch && name !== FILE_AXES.workload && Number.isFinite(Number(v)) ? Number(v) : v));
  if (eq <= 0 || values.length === 0) {
    throw new EinsimError({ file: '<cli>', path: '--axis', code: 'invalid_value', expected: 'path=v1,v2,... e.g. structure.rows=16,32,64, param.M=512,1024 or arch=arch/tpu-128.yaml,arch/fusemax.yaml', received: JSON.stringify(text) });
  }
  return [name, values];
}

export const registerSweep: CommandRegistrar = (parser) => {
  parser.command(
    'sweep',
    'Evaluate a grid of design points and mark the Pareto front',
    (y) =>
      y
        .options(RUN_INPUT_OPTIONS)
        .option('axis', { type: 'string', array: true, demandOption: true, describe: 'a swept field: path=v1,v2,... (an arch field, param.NAME, or arch=FILES / workload=FILES to sweep the files themselves, which then replace -a / -w; repeatable)' })
        .option('objectives', { type: 'string', default: 'cycles,energy', describe: `metrics to minimise (${Object.keys(METRICS).join(', ')})` })
        .option('jobs', { alias: 'j', type: 'number', default: DEFAULT_JOBS, describe: 'worker threads (1 = evaluate in this thread)' })
        .option('plot', { type: 'string', describe: 'write an SVG scatter of the first two objectives with the Pareto front' })
        .example('$0 sweep -w workloads/gemm.yaml -a arch/scale32.yaml --axis structure.rows=8,16,32 --axis structure.cols=8,16,32', 'array shapes for a GEMM')
        .example('$0 sweep -w workloads/attention-1pass.yaml --axis arch=arch/tpu-128.yaml,arch/fusemax.yaml --axis param.seq=1024,4096', 'two accelerators, two sequence lengths, one Pareto front'),
    async (argv) => {
      const axes = Object.fromEntries(asArray(argv.axis).map((a) => parseAxis(String(a))));
      const objectives = argv.objectives.split(',').map((o) => o.trim());
      for (const o of objectives) if (!METRICS[o]) throw new EinsimError({ file: '<cli>', path: '--objectives', code: 'invalid_value', expected: `one of ${Object.keys(METRICS).join(', ')}`, received: JSON.stringify(o) });
      const archFile = resolveInput(argv.arch);
      const workloadFile = resolveInput(argv.workload);
      const topologyType = topologyTypeFlag(argv);
      const params = parseParamFlags(argv.param);
      // Fail early, with the file's own error, on a broken workload (each file of a workload axis
      // is checked by readAxisFiles instead; -w then only names the default).
      const fixed = axes[FILE_AXES.workload] ? undefined : loadWorkload(workloadFile, params, { topologyType });
      const files = readAxisFiles(axes, { params, topologyType });
      checkParamAxes(axes, fixed ? [{ path: workloadFile, params: Object.keys(fixed.params) }] : (axes[FILE_AXES.workload] ?? []).map((v) => ({ path: files[String(v)].path, params: files[String(v)].params ?? [] })));
      const input = {
        archText: axes[FILE_AXES.arch] ? '' : readText(archFile),
        archFile,
        workloadText: axes[FILE_AXES.workload] ? '' : readText(workloadFile),
        workloadFile,
        topologyType,
        params,
        set: archSetFlags(argv),
        files,
      };
      const total = countPoints(axes);
      const progress = process.stderr.isTTY ? (n: number) => process.stderr.write(`\reinsim: ${n}/${total} points`) : undefined;
      const outcomes: SweepOutcome[] = await evaluatePoints(input, [...gridPoints(axes)], argv.jobs, progress);
      if (process.stderr.isTTY) process.stderr.write('\n');
      const ok = outcomes.filter((o): o is Extract<SweepOutcome, { ok: true }> => o.ok);
      const front = new Set(paretoFront(ok, objectives.map((o) => (x: (typeof ok)[number]) => METRICS[o](x.report))));
      const names = Object.keys(axes);
      const header = [...names, 'status', 'cycles', 'seconds', 'energy_pj', 'area_um2', 'pareto', 'reason'];
      const rows = outcomes.map((o) => [
        ...names.map((n) => String(o.point[n])),
        o.ok ? 'ok' : 'skipped',
        ...(o.ok ? [o.report.totals.cycles, o.report.totals.seconds, o.report.totals.energyPj, o.report.totals.areaUm2] : ['', '', '', '']),
        o.ok && front.has(o) ? 'yes' : '',
        o.ok ? '' : o.reason,
      ]);
      process.stdout.write(`${[header, ...rows].map((r) => r.map(csvCell).join(',')).join('\n')}\n`);
      if (argv.plot && objectives.length >= 2) {
        const [ox, oy] = objectives;
        const pts = ok.map((o) => ({ x: METRICS[ox](o.report), y: METRICS[oy](o.report), highlight: front.has(o), label: names.map((n) => `${n}=${o.point[n]}`).join(' ') }));
        writeFileAtomic(argv.plot, [scatterSvg(`sweep: ${ox} vs ${oy}`, ox, oy, pts)]);
      }
    },
  );
};
