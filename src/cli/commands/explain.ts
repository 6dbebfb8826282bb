// `einsim explain`: how the cycles of a run came about, for architects and for teaching.
import { engineFor } from '../../engines/registry.js';
import { explainReport } from '../../report/explain.js';
import { simulate } from '../../simulate.js';
import type { CommandRegistrar } from '../main.js';
import { loadRunInputs, RUN_INPUT_OPTIONS } from '../run-inputs.js';

export const registerExplain: CommandRegistrar = (parser) => {
  parser.command(
    'explain',
    'Explain how the cycles of a run came about (folds, passes, binding, stalls)',
    (y) =>
      y
        .options(RUN_INPUT_OPTIONS)
        .example('$0 explain -w workloads/gemm.yaml -a arch/scale32.yaml', 'folds, skew and stalls of one GEMM'),
    (argv) => {
      const { workload, arch } = loadRunInputs(argv);
      const { report, result } = simulate(workload, arch);
      const engine = engineFor(arch.engine, { file: arch.file, path: 'engine' });
      const lines = [...(engine.explain?.(workload, arch, result) ?? []), '', ...explainReport(report)];
      process.stdout.write(`${lines.join('\n')}\n`);
    },
  );
};
