// DRAM model speed: requests simulated per second on the patterns of
// ../shared/ref/pim/dramsim3_speed.csv (16 MiB of 64 B reads, in-order issue as in
// reference_runs_params.json), next to DRAMsim3's rate from that file. The lead's bench runner
// calls `benchDram()`; `npx tsx bench/dram.ts` runs it alone and prints a table.
// Each case runs once to warm the JIT (its rate is shown as "first run": what a single CLI run
// pays, Node start-up aside), then `repeats` times; the rate uses the fastest run (the
// machine's other load only ever slows a run down) and the median is shown beside it. Address
// generation is outside the timed region, as DRAMsim3's driver generated addresses too.
// The bandwidth of the same configuration and pattern on the 1 MiB reference runs is checked
// against dramsim3_stream_vs_random.csv (±10 %), so speed is never bought with accuracy.
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { simulate } from '../src/dram/memory-system.js';
import { generatePattern, type Pattern } from '../src/dram/patterns.js';
import { dramPreset } from '../src/dram/presets/index.js';

export interface DramBenchRow {
  name: string;
  config: string;
  pattern: string;
  requests: number;
  /** The first run in a fresh process, JIT warm-up included (what a single CLI run pays). */
  coldSeconds: number;
  /** Fastest of the timed runs. */
  seconds: number;
  medianSeconds: number;
  requestsPerSecond: number;
  dramsim3RequestsPerSecond: number;
  /** requestsPerSecond / dramsim3RequestsPerSecond (target ≥ 10). */
  speedup: number;
  bandwidthGBps: number;
  /** 1 MiB run of the same configuration and pattern vs dramsim3_stream_vs_random.csv. */
  reference1MiBGBps: number;
  ours1MiBGBps: number;
  bandwidthWithinTolerance: boolean;
}

function refDir(): string {
  return process.env.EINSIM_REF ?? join(resolve(dirname(fileURLToPath(import.meta.url)), '..'), '..', 'shared', 'ref');
}

function csv(path: string): Record<string, string>[] {
  const [head, ...rows] = readFileSync(path, 'utf8').split(/\r?\n/).filter((l) => l.trim() !== '');
  const keys = head.split(',');
  // The note column may contain quoted commas; the numeric columns before it do not.
  return rows.map((r) => Object.fromEntries(keys.map((k, i) => [k, r.split(',')[i] ?? ''])));
}

function run(config: string, pattern: Pattern, bytes: number, requestBytes: number) {
  const c = dramPreset(config);
  const requests = generatePattern({ pattern, bytes, requestBytes, transactionBytes: c.requestBytes, seed: 42 });
  return { c, requests };
}

export async function benchDram(options: { repeats?: number; log?: (line: string) => void } = {}): Promise<DramBenchRow[]> {
  const repeats = options.repeats ?? 5;
  const speed = csv(join(refDir(), 'pim', 'dramsim3_speed.csv'));
  const golden = csv(join(refDir(), 'pim', 'dramsim3_stream_vs_random.csv'));
  const rows: DramBenchRow[] = [];
  for (const s of speed) {
    const config = s.config.replace(/\.ini$/, '');
    const pattern = s.pattern as Pattern;
    const { c, requests } = run(config, pattern, Number(s.total_bytes), Number(s.request_bytes));
    const cold = performance.now();
    simulate(c, requests); // warm-up
    const coldSeconds = (performance.now() - cold) / 1000;
    const times: number[] = [];
    let bandwidth = 0;
    for (let i = 0; i < repeats; i++) {
      const t0 = performance.now();
      bandwidth = simulate(c, requests).bandwidthGBps;
      times.push((performance.now() - t0) / 1000);
    }
    times.sort((a, b) => a - b);
    const g = golden.find((r) => r.config === s.config && r.pattern === s.pattern);
    const small = run(config, pattern, Number(g?.total_bytes ?? 1048576), Number(s.request_bytes));
    const ours1MiB = simulate(small.c, small.requests).bandwidthGBps;
    const ref1MiB = Number(g?.achieved_GBps ?? NaN);
    const row: DramBenchRow = {
      name: `dram/${config}/${pattern}`,
      config,
      pattern,
      requests: requests.count,
      coldSeconds,
      seconds: times[0],
      medianSeconds: times[Math.floor(times.length / 2)],
      requestsPerSecond: requests.count / times[0],
      dramsim3RequestsPerSecond: Number(s.requests_per_s),
      speedup: requests.count / times[0] / Number(s.requests_per_s),
      bandwidthGBps: bandwidth,
      reference1MiBGBps: ref1MiB,
      ours1MiBGBps: ours1MiB,
      bandwidthWithinTolerance: Math.abs(ours1MiB / ref1MiB - 1) <= 0.1,
    };
    rows.push(row);
    options.log?.(formatRow(row));
  }
  return rows;
}

export function formatRow(r: DramBenchRow): string {
  const k = (x: number) => `${(x / 1000).toFixed(0)}k`;
  return [
    r.name.padEnd(32),
    `${k(r.requestsPerSecond)} req/s`.padStart(14),
    `(median ${k(r.requests / r.medianSeconds)}, first run ${k(r.requests / r.coldSeconds)})`.padStart(32),
    `DRAMsim3 ${k(r.dramsim3RequestsPerSecond)}`.padStart(16),
    `${r.speedup.toFixed(1)}x`.padStart(7),
    `  ${r.bandwidthGBps.toFixed(1)} GB/s;`,
    `1 MiB ${r.ours1MiBGBps.toFixed(2)} vs ${r.reference1MiBGBps} GB/s ${r.bandwidthWithinTolerance ? 'ok' : 'OUT OF TOLERANCE'}`,
  ].join(' ');
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const repeats = Number(process.argv[2] ?? 5);
  console.log(`DRAM model speed (${repeats} timed runs after a warm-up; rate from the fastest)`);
  await benchDram({ repeats, log: (l) => console.log(l) });
}
