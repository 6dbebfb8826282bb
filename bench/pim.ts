// PIM engine speed: one decode step of each of PIM-GPT's 8 GPT models at KV 1024 on
// arch/pim-gpt.yaml (the task's bar: GPT-3 XL well under a second or two per token), with the
// commands issued and the channel histories simulated.
import { simulate } from '../src/simulate.js';
import { GPT_MODELS, gptDecode, pimArch } from '../test/engines/pim/run.js';

export interface PimBench {
  models: number;
  slowestSeconds: number;
  gpt3XlSeconds: number;
}

export function benchPim(log: (line: string) => void = console.log): PimBench {
  const arch = pimArch('pim-gpt');
  let slowest = 0;
  let xl = 0;
  log(`${'model'.padEnd(12)} ${'sim ms'.padStart(8)} ${'latency µs'.padStart(11)} ${'MAC cmds'.padStart(10)} ${'histories'.padStart(9)}`);
  for (const [model, p] of Object.entries(GPT_MODELS)) {
    const cascade = gptDecode({ ...p, L: 1024 });
    simulate(cascade, arch); // warm-up
    const start = performance.now();
    const { result, report } = simulate(cascade, arch);
    const seconds = (performance.now() - start) / 1000;
    slowest = Math.max(slowest, seconds);
    if (model === 'GPT3-XL') xl = seconds;
    const d = result.details;
    log(`${model.padEnd(12)} ${(seconds * 1000).toFixed(0).padStart(8)} ${(report.totals.seconds * 1e6).toFixed(1).padStart(11)} ${String(d.allBankMacCommands).padStart(10)} ${String(d.channelHistoriesSimulated).padStart(9)}`);
  }
  log(`GPT-3 XL: ${(xl * 1000).toFixed(0)} ms per simulated token; slowest model ${(slowest * 1000).toFixed(0)} ms`);
  return { models: Object.keys(GPT_MODELS).length, slowestSeconds: slowest, gpt3XlSeconds: xl };
}
