// The table `einsim repro pim-gpt` prints: per model the latency against the bandwidth bound and
// the KV term, the window the issue set (≤ 1.5 × (bound + KV)) and what the run spent its time on.
import type { PimGptResult } from '../../repro/pimgpt.js';
import { renderTable, type Column } from '../../report/text-table.js';

export function renderPimGpt(result: PimGptResult, seconds: number): string[] {
  const ref = result.reference.available;
  const gpus = [...new Set(result.rows.flatMap((r) => Object.keys(r.speedupOverRoofline)))];
  const pct = (x: number): string => `${(100 * x).toFixed(2)} %`;
  const lines = [
    `PIM-GPT decode on arch/pim-gpt.yaml, one token at KV length ${result.kvLength} (${result.rows.length} models, ${seconds.toFixed(1)} s)`,
    `bound = weight bytes per token ÷ ${(result.internalBytesPerSecond / 1e12).toFixed(3)} TB/s of bank bandwidth; KV = KV-cache bytes ÷ the same; sequential host schedule in brackets`,
    ref ? `Reference bound: ${result.reference.dir}/pim/pimgpt_models_derived.csv (derived, with LM head)` : `Reference unavailable (no ${result.reference.dir}/pim/pimgpt_models_derived.csv)`,
    '',
  ];
  const columns: Column[] = [
    { header: 'model' },
    { header: 'latency µs', align: 'right' },
    { header: 'bound µs', align: 'right' },
    ...(ref ? [{ header: 'ref bound', align: 'right' as const }] : []),
    { header: 'KV µs', align: 'right' },
    { header: '÷ (bound+KV)', align: 'right' },
    { header: 'row hit', align: 'right' },
    { header: 'non-GEMV', align: 'right' },
    { header: 'host busy µs', align: 'right' },
    { header: 'µJ/token', align: 'right' },
    { header: 'tokens/s', align: 'right' },
    ...gpus.map((g) => ({ header: `×${g} roofline`, align: 'right' as const })),
  ];
  const rows = result.rows.map((r) => [
    r.model,
    `${r.latencyUs.toFixed(1)} (${r.sequentialLatencyUs.toFixed(1)})`,
    r.boundUs.toFixed(1),
    ...(ref ? [r.refBoundUs === undefined ? '' : r.refBoundUs.toFixed(1)] : []),
    r.kvUs.toFixed(1),
    `${r.ratio.toFixed(3)} (${(r.sequentialLatencyUs / (r.boundUs + r.kvUs)).toFixed(3)})`,
    pct(r.rowHitRate),
    `${pct(r.nonGemvShare)} (${pct(r.sequentialNonGemvShare)})`,
    r.hostBusyUs.toFixed(1),
    r.energyUjPerToken.toFixed(0),
    r.tokensPerSecond.toFixed(0),
    ...gpus.map((g) => (r.speedupOverRoofline[g] === undefined ? '' : r.speedupOverRoofline[g].toFixed(2))),
  ]);
  lines.push(...renderTable(columns, rows));
  lines.push(
    '',
    'PIM-GPT publishes no per-model latency. Lock-step all-bank MACs cannot hide a row switch: on this',
    `device a row of weights costs ${result.rowSwitchFactor.toFixed(3)}× its MAC time before refresh, the floor of latency ÷ (bound + KV).`,
    'PIM-GPT reports about 98 % row hits and a 1.16 % non-VMM share for GPT3-XL. docs/validation.md (PIM).',
  );
  return lines;
}
