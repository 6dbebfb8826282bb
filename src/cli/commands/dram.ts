// `einsim dram`: run the DRAM model on an address trace or a generated pattern and report
// cycles, bandwidth, row-hit rate, read latency, command counts and energy. The file reading
// and writing of the DRAM model live here; src/dram stays free of I/O.
import { createWriteStream } from 'node:fs';
import type { Argv } from 'yargs';
import { EinsimError } from '../../errors.js';
import { checkCommandTrace, type TraceViolation } from '../../dram/check-trace.js';
import { commandTraceLines, parseCommandTrace } from '../../dram/command-log.js';
import { fromDramsim3, type DramConfig } from '../../dram/config.js';
import { parseDramsim3Ini } from '../../dram/dramsim3-config.js';
import { simulate, type DramRunResult, type RequestStream } from '../../dram/memory-system.js';
import { DEFAULT_REGION_BYTES, DEFAULT_SEED, generatePattern, PATTERNS, type Pattern } from '../../dram/patterns.js';
import { dramPreset, PRESET_NAMES } from '../../dram/presets/index.js';
import { readText } from '../../util/read-text.js';
import { parseAddressTrace } from '../../dram/trace.js';
import type { CommandRegistrar } from '../main.js';

export interface DramCliOptions {
  preset?: string;
  config?: string;
  trace?: string;
  pattern?: string;
  bytes: number;
  request?: number;
  stride: number;
  region: number;
  mapping?: string;
  page?: string;
  seed: number;
  writeFraction: number;
  issueWidth?: number;
  drainWrites: boolean;
  json: boolean;
  traceOut?: string;
  check: boolean;
  checkTrace?: string;
  listPresets: boolean;
}

export const dramCommand: CommandRegistrar = (parser, setExit) => {
  parser.command(
    'dram',
    'Simulate a DRAM (DRAMsim3-compatible controller) on an address trace or a synthetic pattern',
    (y: Argv) =>
      y
        .option('preset', { type: 'string', describe: `named DRAM configuration (${PRESET_NAMES.join(', ')})` })
        .option('config', { type: 'string', describe: 'DRAMsim3 .ini configuration file (any DRAMsim3 config)' })
        .option('trace', { type: 'string', describe: 'address trace in DRAMsim3 format: `0x<addr> READ|WRITE <cycle>` per line' })
        .option('pattern', { type: 'string', choices: [...PATTERNS], describe: 'generate requests: sequential, uniform random or strided' })
        .option('bytes', { type: 'number', default: 1048576, describe: 'bytes to request (pattern mode)' })
        .option('request', { type: 'number', describe: 'bytes per request (default: one transaction of the memory)' })
        .option('stride', { type: 'number', default: 4096, describe: 'bytes between requests for --pattern stride' })
        .option('region', { type: 'number', default: DEFAULT_REGION_BYTES, describe: 'random addresses fall in [0, region)' })
        .option('mapping', { type: 'string', describe: 'address mapping: DRAMsim3 string such as rochrababgco, or bgint' })
        .option('page', { type: 'string', choices: ['open', 'closed'], describe: 'row-buffer policy instead of the configuration\'s (open: RD/WR keep rows open; closed: RDA/WRA)' })
        .option('seed', { type: 'number', default: DEFAULT_SEED, describe: 'mt19937_64 seed for --pattern rand' })
        .option('write-fraction', { type: 'number', default: 0, describe: 'fraction of generated requests that are writes' })
        .option('issue-width', { type: 'number', describe: 'new requests per memory cycle (default 8 for patterns, 1 for traces as DRAMsim3)' })
        .option('drain-writes', { type: 'boolean', default: true, describe: 'finish buffered writes at the end (--no-drain-writes stops at the last read, as DRAMsim3 runs do)' })
        .option('json', { type: 'boolean', default: false, describe: 'print JSON' })
        .option('trace-out', { type: 'string', describe: 'write the issued command trace (CSV) to this file' })
        .option('check', { type: 'boolean', default: false, describe: 'check the issued command trace against every timing rule' })
        .option('check-trace', { type: 'string', describe: 'only check a command trace file written by --trace-out' })
        .example('$0 dram --preset DDR4_8Gb_x8_3200 --pattern seq --bytes 1048576 --request 64 --json', '1 MiB sequential reads: bandwidth, row hits, latency, energy')
        .example('$0 dram --preset DDR4_8Gb_x8_3200 --pattern seq --mapping rorabachcobg', 'the same stream with a bank-group-interleaved address mapping')
        .example('$0 dram --config my.ini --trace mytrace.txt --trace-out cmds.csv --check', 'a DRAMsim3 config and address trace; write and verify the command trace')
        .example('$0 dram --list-presets', 'the named DRAMsim3 configurations and JEDEC speed bins')
        .option('list-presets', { type: 'boolean', default: false, describe: 'list the named presets and exit' }),
    async (argv) => {
      const out = await runDramCommand(argv as unknown as DramCliOptions, readText);
      process.stdout.write(out.text);
      if (out.violations !== undefined && out.violations.length > 0) setExit(1);
      if (out.commandTrace && argv['trace-out']) await writeLines(String(argv['trace-out']), out.commandTrace);
    },
  );
};

async function writeLines(path: string, lines: Iterable<string>): Promise<void> {
  const stream = createWriteStream(path);
  await new Promise<void>((resolve, reject) => {
    stream.on('error', (e) => reject(new EinsimError({ file: path, path: '', code: 'io', expected: 'a writable file', received: (e as NodeJS.ErrnoException).code ?? String(e) })));
    (async () => {
      for (const line of lines) {
        if (!stream.write(`${line}\n`)) await new Promise<void>((r) => stream.once('drain', () => r()));
      }
      stream.end(() => resolve());
    })().catch(reject);
  });
}

export interface DramCommandOutput {
  text: string;
  result?: DramRunResult;
  violations?: TraceViolation[];
  commandTrace?: Iterable<string>;
}

/** The command without its process: options in, text out (`read` supplies file contents). */
export async function runDramCommand(o: DramCliOptions, read: (path: string) => string): Promise<DramCommandOutput> {
  if (o.listPresets) return { text: PRESET_NAMES.map((n) => `${n.padEnd(24)} ${dramPreset(n).source}\n`).join('') };
  const config = loadConfig(o, read);
  if (o.checkTrace) {
    const violations = checkCommandTrace(config, parseCommandTrace(read(o.checkTrace), o.checkTrace));
    return { text: o.json ? `${JSON.stringify({ violations }, null, 2)}\n` : formatViolations(violations), violations };
  }
  const { requests, traceMode } = loadRequests(o, config, read);
  const record = o.traceOut !== undefined || o.check;
  const result = simulate(config, requests, {
    issueWidth: o.issueWidth ?? (traceMode ? 1 : 8),
    mapping: o.mapping,
    recordCommands: record,
    drainWrites: o.drainWrites,
  });
  const violations = o.check ? checkCommandTrace(config, result.commandLog!.records(), { endCycle: result.cycles }) : undefined;
  const text = o.json ? formatJson(result, config, violations) : formatTable(result, config, violations);
  return { text, result, violations, commandTrace: result.commandLog ? commandTraceLines(result.commandLog.records()) : undefined };
}

function loadConfig(o: DramCliOptions, read: (path: string) => string): DramConfig {
  const config = loadBaseConfig(o, read);
  if (o.page === undefined) return config;
  if (o.page !== 'open' && o.page !== 'closed') throw new EinsimError({ file: '<cli>', path: '--page', code: 'invalid_value', expected: 'open or closed', received: o.page });
  return { ...config, controller: { ...config.controller, rowBufferPolicy: o.page === 'open' ? 'OPEN_PAGE' : 'CLOSE_PAGE' } };
}

function loadBaseConfig(o: DramCliOptions, read: (path: string) => string): DramConfig {
  if ((o.preset === undefined) === (o.config === undefined)) {
    throw new EinsimError({ file: '<cli>', path: '--preset/--config', code: 'missing', expected: 'exactly one of --preset <name> or --config <file.ini>' });
  }
  if (o.preset !== undefined) return dramPreset(o.preset);
  const path = o.config!;
  return fromDramsim3(parseDramsim3Ini(read(path), path), path.replace(/^.*\//, '').replace(/\.ini$/, ''), path, path);
}

function loadRequests(o: DramCliOptions, config: DramConfig, read: (path: string) => string): { requests: RequestStream; traceMode: boolean } {
  if ((o.trace === undefined) === (o.pattern === undefined)) {
    throw new EinsimError({ file: '<cli>', path: '--trace/--pattern', code: 'missing', expected: 'exactly one of --trace <file> or --pattern seq|rand|stride' });
  }
  if (o.trace !== undefined) {
    const requests = parseAddressTrace(read(o.trace), o.trace);
    // DRAMsim3's TraceBasedCPU sends a request after the memory clock of its cycle, so the
    // controller sees it one cycle later; einsim's host sends before the clock.
    const arrival = requests.arrivalCycle!;
    for (let i = 0; i < requests.count; i++) arrival[i] += 1;
    return { requests, traceMode: true };
  }
  if (!Number.isFinite(o.writeFraction) || o.writeFraction < 0 || o.writeFraction > 1) {
    throw new EinsimError({ file: '<cli>', path: '--write-fraction', code: 'invalid_value', expected: 'a fraction between 0 and 1', received: String(o.writeFraction) });
  }
  const requests = generatePattern({
    pattern: o.pattern as Pattern,
    bytes: o.bytes,
    requestBytes: o.request ?? config.requestBytes,
    transactionBytes: config.requestBytes,
    strideBytes: o.stride,
    regionBytes: o.region,
    seed: o.seed,
    writeFraction: o.writeFraction,
  });
  return { requests, traceMode: false };
}

/** The JSON report: the keys of the issue (cycles, bandwidthGBps, rowHitRate, avgReadLatencyCycles, energyPj) first. */
export function formatJson(r: DramRunResult, config: DramConfig, violations?: TraceViolation[]): string {
  const { commandLog: _log, cycles, bandwidthGBps, rowHitRate, avgReadLatencyCycles, energyPj, ...rest } = r;
  const out = {
    cycles,
    bandwidthGBps,
    rowHitRate,
    avgReadLatencyCycles,
    energyPj,
    ...rest,
    tCKns: config.tCKns,
    transactionBytes: config.requestBytes,
    source: config.source,
    ...(config.notes ? { notes: config.notes } : {}),
    ...(violations ? { violations } : {}),
  };
  return `${JSON.stringify(out, null, 2)}\n`;
}

function si(pj: number): string {
  if (pj >= 1e6) return `${(pj / 1e6).toFixed(2)} µJ`;
  if (pj >= 1e3) return `${(pj / 1e3).toFixed(2)} nJ`;
  return `${pj.toFixed(1)} pJ`;
}

export function formatTable(r: DramRunResult, config: DramConfig, violations?: TraceViolation[]): string {
  const rows: [string, string][] = [];
  const c = r.commands;
  rows.push(['requests', `${r.requests} (${r.readRequests} reads, ${r.writeRequests} writes), ${(r.bytes / 1048576).toFixed(2)} MiB moved in ${config.requestBytes} B transactions`]);
  rows.push(['cycles', `${r.cycles}  (${(r.timeNs / 1000).toFixed(2)} µs at tCK ${config.tCKns} ns)`]);
  rows.push(['bandwidth', `${r.bandwidthGBps.toFixed(2)} GB/s  (${((100 * r.bandwidthGBps) / r.peakBandwidthGBps).toFixed(1)} % of ${r.peakBandwidthGBps.toFixed(2)} GB/s peak)`]);
  rows.push(['row-hit rate', r.rowHitRate.toFixed(4)]);
  rows.push(['avg read latency', `${r.avgReadLatencyCycles.toFixed(1)} cycles`]);
  const extra = (['RDA', 'WRA', 'REFb'] as const).filter((k) => c[k] > 0).map((k) => `  ${k} ${c[k]}`).join('');
  rows.push(['commands', `ACT ${c.ACT}  PRE ${c.PRE}  RD ${c.RD}  WR ${c.WR}  REF ${c.REF}${extra}`]);
  const e = r.energyBreakdownPj;
  if (e) {
    rows.push(['energy', `${si(e.totalPj)} = ${(e.totalPj / (r.bytes * 8 || 1)).toFixed(2)} pJ/bit`]);
    rows.push(['  by component', `ACT ${si(e.actPj)}, RD ${si(e.readPj)}, WR ${si(e.writePj)}, REF ${si(e.refreshPj)}, background ${si(e.backgroundPj)}, I/O ${si(e.ioPj)}`]);
  } else {
    rows.push(['energy', 'not reported (no sourced IDD values for this part)']);
  }
  if (violations) rows.push(['trace check', violations.length === 0 ? 'every timing rule and bank-state rule holds' : `${violations.length} violation(s)`]);
  const width = Math.max(...rows.map(([k]) => k.length)) + 2;
  const head = `DRAM ${config.name}, mapping ${r.mapping}\n`;
  const body = rows.map(([k, v]) => `${k.padEnd(width)}${v}\n`).join('');
  const notes = (config.notes ?? []).map((n) => `note: ${n}\n`).join('');
  return head + body + notes + (violations && violations.length > 0 ? formatViolations(violations) : '');
}

function formatViolations(v: TraceViolation[]): string {
  if (v.length === 0) return 'command trace: no violations\n';
  return v.map((x) => `violation: #${x.index} cycle ${x.cycle} ch ${x.channel} ${x.command}: ${x.rule}: expected ${x.expected}, received ${x.received}\n`).join('');
}
