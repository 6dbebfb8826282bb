// `einsim repro fusemax`: rerun the FuseMax paper's evaluation and print it beside the artifact's
// published numbers (read at run time from ../shared/ref when present).
import { renderTable, type Column } from '../../report/text-table.js';
import { formatEnergyPj, formatSeconds } from '../../report/units.js';
import { reproFusemax, type ReproResult, type ReproRow } from '../../repro/fusemax.js';
import { FUSEMAX_MODELS, FUSEMAX_SEQ_LENS } from '../../repro/fusemax-setup.js';
import { PIMGPT_KV_LENGTH, PIMGPT_MODELS, reproPimGpt } from '../../repro/pimgpt.js';
import { renderPimGpt } from './repro-pimgpt.js';
import { EinsimError } from '../../errors.js';
import type { CommandRegistrar } from '../main.js';
import { asArray } from '../options.js';
import { PACKAGE_ROOT } from '../paths.js';

export const registerRepro: CommandRegistrar = (parser) => {
  parser.command(
    'repro <study>',
    'Reproduce a published evaluation (fusemax: 4 models × 6 lengths × 5 designs, attention and end-to-end; pim-gpt: 8 GPT models decoding on PIM-GPT)',
    (y) =>
      y
        .positional('study', { type: 'string', choices: ['fusemax', 'pim-gpt'], describe: 'which study' })
        .option('json', { type: 'boolean', describe: 'print the rows as a JSON array' })
        .option('model', { type: 'string', array: true, describe: `only these models (fusemax: ${Object.keys(FUSEMAX_MODELS).join(', ')}; pim-gpt: ${Object.keys(PIMGPT_MODELS).join(', ')})` })
        .option('seq', { type: 'string', array: true, describe: `fusemax: only these sequence lengths (${Object.keys(FUSEMAX_SEQ_LENS).join(', ')})` })
        .option('kv', { type: 'number', describe: `pim-gpt: KV-cache length (default ${PIMGPT_KV_LENGTH})` })
        .option('ref', { type: 'string', describe: 'reference folder (default: ../shared/ref beside einsim, or $EINSIM_REF)' })
        .example('$0 repro fusemax', 'the whole table with the artifact\u2019s numbers and the error of each row')
        .example('$0 repro fusemax --model BERT --seq 1K --json', 'one point as JSON')
        .example('$0 repro pim-gpt', 'the eight GPT models on PIM-GPT: latency against the bandwidth bound'),
    (argv) => {
      const models = asArray(argv.model).map(String);
      if (argv.study === 'pim-gpt') {
        for (const m of models) if (!PIMGPT_MODELS[m]) throw new EinsimError({ file: '<cli>', path: '--model', code: 'unknown_name', expected: `one of ${Object.keys(PIMGPT_MODELS).join(', ')}`, received: JSON.stringify(m) });
        if (argv.seq !== undefined) throw new EinsimError({ file: '<cli>', path: '--seq', code: 'invalid_value', expected: 'no --seq for pim-gpt (its context length is --kv)', received: String(argv.seq) });
        const kv = argv.kv ?? PIMGPT_KV_LENGTH;
        if (!Number.isInteger(kv) || kv < 1) throw new EinsimError({ file: '<cli>', path: '--kv', code: 'invalid_value', expected: 'a positive integer', received: String(argv.kv) });
        const started = Date.now();
        const result = reproPimGpt({ root: PACKAGE_ROOT, refDir: argv.ref, models: models.length > 0 ? models : undefined, kvLength: kv });
        if (argv.json) process.stdout.write(`${JSON.stringify(result.rows, null, 2)}\n`);
        else process.stdout.write(`${renderPimGpt(result, (Date.now() - started) / 1000).join('\n')}\n`);
        return;
      }
      if (argv.kv !== undefined) throw new EinsimError({ file: '<cli>', path: '--kv', code: 'invalid_value', expected: 'no --kv for fusemax (its lengths are --seq)', received: String(argv.kv) });
      const seqLens = asArray(argv.seq).map(String);
      for (const m of models) if (!FUSEMAX_MODELS[m]) throw new EinsimError({ file: '<cli>', path: '--model', code: 'unknown_name', expected: `one of ${Object.keys(FUSEMAX_MODELS).join(', ')}`, received: JSON.stringify(m) });
      for (const s of seqLens) if (!FUSEMAX_SEQ_LENS[s]) throw new EinsimError({ file: '<cli>', path: '--seq', code: 'unknown_name', expected: `one of ${Object.keys(FUSEMAX_SEQ_LENS).join(', ')}`, received: JSON.stringify(s) });
      const started = Date.now();
      const result = reproFusemax({ root: PACKAGE_ROOT, refDir: argv.ref, models: models.length > 0 ? models : undefined, seqLens: seqLens.length > 0 ? seqLens : undefined });
      if (argv.json) process.stdout.write(`${JSON.stringify(result.rows, null, 2)}\n`);
      else process.stdout.write(`${renderRepro(result, (Date.now() - started) / 1000).join('\n')}\n`);
    },
  );
};

export function renderRepro(result: ReproResult, seconds: number): string[] {
  const lines: string[] = [];
  const ref = result.reference.available;
  lines.push(`FuseMax reproduction on einsim's spatial engine (${result.rows.length} rows, ${seconds.toFixed(1)} s)`);
  lines.push(ref ? `Reference: ${result.reference.dir}/fusemax (the artifact's published results); err = einsim / reference − 1` : `Reference unavailable (no ${result.reference.dir}/fusemax): einsim's numbers only`);
  const pct = (x: number | undefined): string => (x === undefined ? '' : `${x >= 0 ? '+' : ''}${(100 * x).toFixed(1)}%`);
  const num = (x: number | undefined, d = 3): string => (x === undefined ? '' : x.toFixed(d));
  for (const scope of ['attention', 'end2end'] as const) {
    const rows = result.rows.filter((r) => r.scope === scope);
    if (rows.length === 0) continue;
    const columns: Column[] = [
      { header: 'model' },
      { header: 'seq' },
      { header: 'design' },
      { header: 'latency', align: 'right' },
      ...(ref ? [{ header: 'ref', align: 'right' as const }, { header: 'err', align: 'right' as const }] : []),
      { header: 'energy', align: 'right' },
      ...(ref ? [{ header: 'ref', align: 'right' as const }, { header: 'err', align: 'right' as const }] : []),
      { header: '2-D util', align: 'right' },
      { header: '1-D util', align: 'right' },
      ...(ref && scope === 'attention' ? [{ header: 'ref 2-D', align: 'right' as const }, { header: 'ref 1-D', align: 'right' as const }] : []),
      { header: '×FLAT', align: 'right' },
      ...(ref ? [{ header: 'ref', align: 'right' as const }] : []),
      { header: 'E/FLAT', align: 'right' },
      ...(ref ? [{ header: 'ref', align: 'right' as const }] : []),
    ];
    const cells = (r: ReproRow): string[] => [
      r.model,
      r.seqLen,
      r.label,
      formatSeconds(r.latencyS),
      ...(ref ? [r.ref ? formatSeconds(r.ref.latencyS) : '', pct(r.relErr?.latency)] : []),
      formatEnergyPj(r.energyPj),
      ...(ref ? [r.ref ? formatEnergyPj(r.ref.energyPj) : '', pct(r.relErr?.energy)] : []),
      num(r.util2d),
      num(r.util1d),
      ...(ref && scope === 'attention' ? [num(r.ref?.util2d), num(r.ref?.util1d)] : []),
      num(r.speedupVsFlat, 2),
      ...(ref ? [num(r.ref?.speedupVsFlat, 2)] : []),
      num(r.energyVsFlat),
      ...(ref ? [num(r.ref?.energyVsFlat)] : []),
    ];
    lines.push('', scope === 'attention' ? 'Attention' : 'End to end (one layer: projections, attention, FFN)');
    lines.push(...renderTable(columns, rows.map(cells)));
  }
  lines.push('', 'Means over the model × length points');
  lines.push(...renderTable([{ header: 'metric' }, { header: 'einsim', align: 'right' }, ...(ref ? [{ header: 'reference', align: 'right' as const }, { header: 'err', align: 'right' as const }] : [])], result.summary.map((s) => [s.metric, num(s.einsim), ...(ref ? [num(s.ref), s.ref ? pct(s.einsim / s.ref - 1) : ''] : [])])));
  return lines;
}
