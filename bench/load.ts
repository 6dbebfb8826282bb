// Loading speed: the largest shipped workload (by file size; llama-decode-gqa.yaml, 32 Llama
// blocks and 803 Einsums) read, parsed, validated and ordered, as `einsim check` and every run do.
// Cold is the first load in a fresh process (what one command pays), warm a later load in the same
// process (what each point of a sweep pays). The baseline is the yaml package parsing the same
// text with the same options and nothing after it: the part of loading einsim does not control.
// Best of several samples: the shared 2-core machine is noisy (±25 %).
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { LineCounter, parseDocument } from 'yaml';
import { loadWorkload } from '../src/einsum/load.js';

const BENCH_DIR = dirname(fileURLToPath(import.meta.url));
const ROOT = join(BENCH_DIR, '..');
const COLD_SAMPLES = 5;
const WARM_SAMPLES = 10;

export interface LoadBench {
  file: string;
  einsums: number;
  coldMs: number;
  warmMs: number;
  yamlColdMs: number;
  yamlWarmMs: number;
}

export function benchLoad(log: (line: string) => void = console.log): LoadBench {
  const path = largestWorkload(join(ROOT, 'workloads'));
  const file = relative(ROOT, path);
  const text = readFileSync(path, 'utf8');
  const coldMs = bestCold('load', path);
  const yamlColdMs = bestCold('yaml', path);
  let einsums = 0;
  const warmMs = best(() => (einsums = loadWorkload(path).einsums.length));
  const yamlWarmMs = best(() => parseYamlAlone(text));
  log(`${file}: ${(text.length / 1024).toFixed(0)} KiB, ${einsums} Einsums`);
  log(`${''.padEnd(6)} ${'load ms'.padStart(9)} ${'YAML alone ms'.padStart(14)} ${'ratio'.padStart(7)}`);
  log(`${'cold'.padEnd(6)} ${coldMs.toFixed(0).padStart(9)} ${yamlColdMs.toFixed(0).padStart(14)} ${(coldMs / yamlColdMs).toFixed(2).padStart(7)}`);
  log(`${'warm'.padEnd(6)} ${warmMs.toFixed(0).padStart(9)} ${yamlWarmMs.toFixed(0).padStart(14)} ${(warmMs / yamlWarmMs).toFixed(2).padStart(7)}`);
  log('(warm loads of the same text reuse its YAML tree, so warm can be below YAML alone)');
  return { file, einsums, coldMs, warmMs, yamlColdMs, yamlWarmMs };
}

/** The parse src/einsum/yaml-source.ts makes (same options), without anything einsim does after it. */
export function parseYamlAlone(text: string): void {
  parseDocument(text, { lineCounter: new LineCounter(), prettyErrors: false, uniqueKeys: true, schema: 'core' });
}

function largestWorkload(dir: string): string {
  const files = (d: string): string[] => readdirSync(d).flatMap((n) => (statSync(join(d, n)).isDirectory() ? files(join(d, n)) : [join(d, n)]));
  const yaml = files(dir).filter((f) => /\.ya?ml$/.test(f));
  return yaml.reduce((a, b) => (statSync(b).size > statSync(a).size ? b : a));
}

/** Fastest first load over fresh processes (with this process' loader flags, e.g. tsx's). */
function bestCold(mode: 'load' | 'yaml', path: string): number {
  let min = Infinity;
  for (let i = 0; i < COLD_SAMPLES; i++) {
    const r = spawnSync(process.execPath, [...process.execArgv, join(BENCH_DIR, 'load-once.ts'), mode, path], { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`load-once.ts ${mode} failed: ${r.stderr}`);
    min = Math.min(min, (JSON.parse(r.stdout) as { ms: number }).ms);
  }
  return min;
}

function best(run: () => void): number {
  run(); // the first run is the cold one, measured apart
  let min = Infinity;
  for (let i = 0; i < WARM_SAMPLES; i++) {
    const start = performance.now();
    run();
    min = Math.min(min, performance.now() - start);
  }
  return min;
}
