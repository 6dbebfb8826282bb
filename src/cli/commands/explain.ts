// `einsim explain`: how the cycles of a run came about, for architects and for teaching.
import { loadArch } from '../../arch/load.js';
import { loadWorkload } from '../../einsum/load.js';
import { engineFor } from '../../engines/registry.js';
import { explainReport } from '../../report/explain.js';
import { simulate } from '../../simulate.js';
import type { CommandRegistrar } from '../main.js';
import { asArray, parseParamFlags, parseSetFlags } from '../options.js';
import { resolveInput } from '../paths.js';
import { DEFAULT_ARCH, DEFAULT_WORKLOAD } from './run.js';

export const registerExplain: CommandRegistrar = (parser) => {
  parser.command(
    'explain',
    'Explain how the cycles of a run came about (folds, passes, binding, stalls)',
    (y) =>
      y
        .option('arch', { alias: 'a', type: 'string', default: DEFAULT_ARCH, describe: 'architecture file' })
        .option('workload', { alias: 'w', type: 'string', default: DEFAULT_WORKLOAD, describe: 'workload file' })
        .option('param', { alias: 'p', type: 'string', array: true, describe: 'override a workload parameter, NAME=number' })
        .option('set', { type: 'string', array: true, describe: 'override an architecture field, path=value' })
        .example('$0 explain -w workloads/gemm.yaml -a arch/scale32.yaml', 'folds, skew and stalls of one GEMM'),
    (argv) => {
      const workload = loadWorkload(resolveInput(argv.workload), parseParamFlags(argv.param));
      const arch = loadArch(resolveInput(argv.arch), { set: parseSetFlags(asArray(argv.set)) });
      const { report, result } = simulate(workload, arch);
      const engine = engineFor(arch.engine, { file: arch.file, path: 'engine' });
      const lines = [...(engine.explain?.(workload, arch, result) ?? []), '', ...explainReport(report)];
      process.stdout.write(`${lines.join('\n')}\n`);
    },
  );
};
