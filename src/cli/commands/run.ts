// `einsim run`: simulate a workload on an architecture and print the report (table, --json,
// --csv), optionally writing traces. With no arguments it runs the shipped default: ResNet-50
// on the default systolic array (DEFAULT_ARCH in run-inputs.ts).
import { join } from 'node:path';
import { EinsimError } from '../../errors.js';
import { renderReportCsv } from '../../report/csv.js';
import { reportPlotsSvg } from '../../report/plots.js';
import { renderReportTable } from '../../report/table.js';
import { writeFileAtomic, writeTraceDir } from '../../report/write-output.js';
import { simulate } from '../../simulate.js';
import type { CommandRegistrar } from '../main.js';
import { loadRunInputs, RUN_INPUT_OPTIONS } from '../run-inputs.js';

export const registerRun: CommandRegistrar = (parser) => {
  parser.command(
    'run',
    'Simulate a workload on an architecture and report cycles, utilization, energy and area',
    (y) =>
      y
        .options(RUN_INPUT_OPTIONS)
        .option('scalesim-reports', { type: 'string', describe: "write SCALE-Sim's COMPUTE / BANDWIDTH / DETAILED_ACCESS report CSVs into this folder" })
        .option('json', { type: 'boolean', describe: 'print the report as JSON' })
        .option('csv', { type: 'boolean', describe: 'print one CSV row per Einsum' })
        .option('out', { alias: 'o', type: 'string', describe: 'also write the JSON report to this file' })
        .option('plot', { type: 'string', describe: 'write an SVG of utilization per Einsum and energy by component' })
        .option('trace', { type: 'string', describe: 'write traces and a Perfetto timeline (timeline.json) into this folder' })
        .conflicts('json', 'csv')
        .example('$0 run', 'ResNet-50 on the default 128×128 systolic array')
        .example('$0 run -a arch/scale32.yaml -w workloads/gemm.yaml -p M=512', 'a GEMM with a parameter override')
        .example('$0 run --set structure.dataflow=os --json', 'change a field of the architecture, print JSON')
        .example('$0 run -a scale.cfg -w topology.csv --dataflow ws --scalesim-reports out/', 'SCALE-Sim inputs as they are, with its report files to diff')
        .example('$0 run --plot run.svg', 'utilization per Einsum and energy by component as an SVG')
        .example('$0 run --trace traces/resnet', 'write traces; open traces/resnet/timeline.json in ui.perfetto.dev'),
    (argv) => {
      const { workload, arch } = loadRunInputs(argv);
      const { report, result } = simulate(workload, arch, { trace: argv.trace !== undefined });
      if (argv.trace !== undefined) {
        const written = writeTraceDir(argv.trace, result.artifacts ?? [], result.timeline ?? [], { workload: workload.name, arch: arch.name });
        process.stderr.write(`einsim: wrote ${written.length} trace file(s) to ${argv.trace}\n`);
      }
      if (argv.scalesimReports !== undefined) {
        if (!result.nativeReports) throw new EinsimError({ file: '<cli>', path: '--scalesim-reports', code: 'unsupported', expected: `an engine with SCALE-Sim reports (systolic), not ${arch.engine}` });
        for (const a of result.nativeReports) writeFileAtomic(join(argv.scalesimReports, a.path), a.lines());
      }
      if (argv.plot) writeFileAtomic(argv.plot, [reportPlotsSvg(report)]);
      if (argv.out) writeFileAtomic(argv.out, [JSON.stringify(report, null, 2), '\n']);
      if (argv.json) process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
      else if (argv.csv) process.stdout.write(renderReportCsv(report));
      else process.stdout.write(`${renderReportTable(report)}\n`);
    },
  );
};
