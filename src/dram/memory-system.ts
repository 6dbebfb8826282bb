// A whole DRAM: one controller per channel behind an address mapping, driven by a host that
// issues requests in order. The loop jumps from one cycle where something can happen to the
// next (a command becoming ready, a refresh falling due, a transaction able to move, the host
// able to send): idle cycles cost nothing, and the result is the same as ticking every cycle.
// The host follows the reference method (reference_runs_params.json; pim.md §6): in order, up
// to `issueWidth` new requests per memory cycle, stopping at the first one the controller
// refuses (head-of-line blocking) or that has not arrived yet (trace cycle column); requests
// are added before the controllers tick in that cycle, as the reference driver did.
import { EinsimError } from '../errors.js';
import { buildAddressMapping, decodeAddress, newDecodedAddress, type AddressMapping } from './address-mapping.js';
import { commandIndex, commandIndices } from './command-index.js';
import { CommandLog } from './command-log.js';
import type { CommandIds } from './command-queue.js';
import { peakBandwidthGBps, type DramConfig } from './config.js';
import { Controller } from './controller.js';
import { energyBreakdown, energyPerOperation, type EnergyBreakdown } from './energy.js';
import { compileFor, type CompiledStandard, type DramStandard } from './standard.js';
import { TransactionStore } from './transactions.js';

/** Requests in struct-of-arrays form (byte addresses < 2^53). */
export interface RequestStream {
  count: number;
  address: Float64Array;
  isWrite: Uint8Array;
  /** Earliest issue cycle per request (trace mode); absent: all available at cycle 0. */
  arrivalCycle?: Float64Array;
}

export interface SimulateOptions {
  /** New requests the host may send per memory cycle (reference method: 8). */
  issueWidth?: number;
  /** Override the configuration's address mapping (DRAMsim3 string or alias). */
  mapping?: string;
  /** Keep the issued command trace (for --trace-out and the trace checker). */
  recordCommands?: boolean;
  /**
   * Finish the writes still buffered when the input ends (default true). DRAMsim3 drains its
   * write buffer only when it is full or more than 8 writes wait on idle command queues, and a
   * reference run stops at the last read; false reproduces that (the run ends at the last read).
   */
  drainWrites?: boolean;
  /**
   * Run on this standard instead of the configuration's (JEDEC plus its extension): how a PIM
   * layer adds its commands and timing rows; `extraTiming` gives values for names they use.
   */
  standard?: DramStandard;
  extraTiming?: Record<string, number>;
  /** Safety stop; a run longer than this is reported as an error, not a hang. */
  maxCycles?: number;
}

export interface DramCommandCounts {
  ACT: number;
  PRE: number;
  RD: number;
  WR: number;
  REF: number;
  /** Auto-precharge column commands (closed-page policy) and per-bank refresh, counted apart from RD/WR/REF. */
  RDA: number;
  WRA: number;
  REFb: number;
}

export interface DramRunResult {
  config: string;
  mapping: string;
  /** Memory cycle of the last read completion (or last write's data, for write-only runs). */
  cycles: number;
  timeNs: number;
  requests: number;
  readRequests: number;
  writeRequests: number;
  /** Bytes moved by RD/WR commands (one transaction each; a larger request still moves one). */
  bytes: number;
  bandwidthGBps: number;
  peakBandwidthGBps: number;
  /** Column commands that found their row already open (DRAMsim3: row_hit_count ≠ 0). */
  rowHitRate: number;
  readRowHitRate: number;
  /** Mean read latency over all reads (from acceptance by the controller to data back). */
  avgReadLatencyCycles: number;
  /** Mean read latency per channel (DRAMsim3 prints one per channel). */
  channelAvgReadLatencyCycles: number[];
  commands: DramCommandCounts;
  /** Null when the configuration has no sourced IDD values. */
  energyPj: number | null;
  energyBreakdownPj: EnergyBreakdown | null;
  commandLog?: CommandLog;
}

export function commandIds(compiled: CompiledStandard): CommandIds {
  return commandIndices(compiled, ['ACT', 'PRE', 'RD', 'RDA', 'WR', 'WRA', 'REF', 'REFb']);
}

export class MemorySystem {
  readonly mapping: AddressMapping;
  readonly compiled: CompiledStandard;
  readonly controllers: Controller[];
  readonly tx: TransactionStore;
  readonly log: CommandLog | undefined;
  /** The last address decoded by channelOf, reused by add. */
  private readonly decoded = newDecodedAddress();
  private decodedAddress = -1;

  constructor(
    readonly config: DramConfig,
    options: SimulateOptions = {},
  ) {
    this.tx = new TransactionStore();
    this.mapping = buildAddressMapping(config, options.mapping ?? config.controller.addressMapping, options.mapping ? '--mapping' : 'address_mapping');
    this.compiled = compileFor(config, options.standard, options.extraTiming);
    const ids = commandIds(this.compiled);
    this.log = options.recordCommands ? new CommandLog(this.compiled.commands.map((c) => c.name)) : undefined;
    this.controllers = [];
    for (let ch = 0; ch < config.org.channels; ch++) this.controllers.push(new Controller(ch, config, this.compiled, ids, this.tx, this.log));
  }

  /** Index of a command of the compiled standard (for issueCommand / readyAt). */
  command(name: string): number {
    return commandIndex(this.compiled, name);
  }

  channelOf(address: number): number {
    this.decodedAddress = address;
    return decodeAddress(this.mapping, address, this.decoded).channel;
  }

  /**
   * Accept a transaction at cycle `clk` (the caller checked willAccept on its channel).
   * True when its channel has to look at this cycle (the transaction can move on at once).
   */
  add(address: number, isWrite: boolean, clk: number): boolean {
    const d = this.decodedAddress === address ? this.decoded : decodeAddress(this.mapping, address, this.decoded);
    const id = this.tx.add(address, isWrite);
    const ctrl = this.controllers[d.channel];
    this.tx.bank[id] = ctrl.state.bankIndex(d.rank, d.bankgroup, d.bank);
    this.tx.row[id] = d.row;
    this.tx.column[id] = d.column;
    return ctrl.add(id, clk);
  }
}

/** Run `requests` through the memory and collect counts, bandwidth and energy. */
export function simulate(config: DramConfig, requests: RequestStream, options: SimulateOptions = {}): DramRunResult {
  const width = options.issueWidth ?? 8;
  if (!Number.isInteger(width) || width < 1) throw new EinsimError({ file: '<cli>', path: '--issue-width', code: 'invalid_value', expected: 'a positive integer', received: String(width) });
  const maxCycles = options.maxCycles ?? 1e12;
  const drainWrites = options.drainWrites ?? true;
  const sys = new MemorySystem(config, options);
  const ctrls = sys.controllers;
  const nCh = ctrls.length;
  const wake = new Float64Array(nCh); // every channel looks at cycle 0
  const n = requests.count;
  const arrival = requests.arrivalCycle;
  let next = 0;
  let blockedOn = -1;
  let hostWake = n > 0 ? (arrival ? arrival[0] : 0) : Infinity;
  let flushed = false;
  let endCycle = -1; // known once all work has been issued
  let now = 0;

  for (;;) {
    now = hostWake;
    for (let ch = 0; ch < nCh; ch++) if (wake[ch] < now) now = wake[ch];
    if (endCycle >= 0 && now > endCycle) break;
    if (now > maxCycles) {
      throw new EinsimError({ file: '<run>', path: 'cycles', code: 'range', expected: `the run to finish within ${maxCycles} cycles`, received: `still running at cycle ${now}` });
    }

    // Host: requests enter before the controllers tick in this cycle.
    if (hostWake <= now) {
      blockedOn = -1;
      for (let k = 0; k < width && next < n; k++) {
        if (arrival && arrival[next] > now) break;
        const address = requests.address[next];
        const isWrite = requests.isWrite[next] === 1;
        const ch = sys.channelOf(address);
        if (!ctrls[ch].willAccept(isWrite)) {
          blockedOn = ch;
          break;
        }
        // A sleeping channel must look at this cycle only if the new transaction can move now
        // (or, for a write, may start a drain); anything else already had its event scheduled.
        if (sys.add(address, isWrite, now) && wake[ch] > now) wake[ch] = now;
        next++;
      }
      if (next === n && !flushed && drainWrites) {
        flushed = true;
        for (let ch = 0; ch < nCh; ch++) {
          ctrls[ch].flushWrites = true;
          if (wake[ch] > now) wake[ch] = now;
        }
      }
    }

    for (let ch = 0; ch < nCh; ch++) {
      if (wake[ch] > now) continue;
      ctrls[ch].tick(now);
      wake[ch] = ctrls[ch].nextWake(now);
    }

    if (next < n) {
      if (blockedOn >= 0) hostWake = ctrls[blockedOn].willAccept(requests.isWrite[next] === 1) ? now + 1 : Infinity;
      else hostWake = arrival && arrival[next] > now + 1 ? arrival[next] : now + 1;
    } else {
      hostWake = Infinity;
      if (endCycle < 0 && ctrls.every((c) => (drainWrites ? c.idle() : !c.readsPending()))) {
        // Everything has issued; keep ticking (refresh) until the last data is back.
        endCycle = Math.max(0, ...ctrls.map((c) => Math.max(c.counters.lastReadDone, drainWrites ? c.counters.lastWriteDone : -1)));
        if (endCycle < now) endCycle = now;
      }
    }
  }
  if (endCycle < 0) endCycle = now;
  for (const c of ctrls) c.finish(endCycle);
  return summarize(sys, requests, endCycle);
}

function summarize(sys: MemorySystem, requests: RequestStream, cycles: number): DramRunResult {
  const config = sys.config;
  const ids = commandIds(sys.compiled);
  const count = (cmd: number) => sys.controllers.reduce((s, c) => s + c.counters.commands[cmd], 0);
  const sum = (f: (c: Controller) => number) => sys.controllers.reduce((s, c) => s + f(c), 0);
  const commands: DramCommandCounts = {
    ACT: count(ids.ACT),
    PRE: count(ids.PRE),
    RD: count(ids.RD),
    WR: count(ids.WR),
    REF: count(ids.REF),
    RDA: count(ids.RDA),
    WRA: count(ids.WRA),
    REFb: count(ids.REFb),
  };
  const reads = sum((c) => c.counters.reads);
  const writes = sum((c) => c.counters.writes);
  const hits = sum((c) => c.counters.readRowHits + c.counters.writeRowHits);
  const readHits = sum((c) => c.counters.readRowHits);
  const readsDone = sum((c) => c.counters.readsDone);
  const bytes = (reads + writes) * config.requestBytes;
  const timeNs = cycles * config.tCKns;
  let writeRequests = 0;
  for (let i = 0; i < requests.count; i++) writeRequests += requests.isWrite[i];
  const perOp = energyPerOperation(config);
  const breakdown = perOp
    ? energyBreakdown(perOp, {
        act: commands.ACT,
        reads,
        writes,
        ref: commands.REF,
        refb: commands.REFb,
        activeRankCycles: sum((c) => c.counters.rankActiveCycles.reduce((a, b) => a + b, 0)),
        idleRankCycles: sum((c) => c.counters.rankIdleCycles.reduce((a, b) => a + b, 0)),
        bits: bytes * 8,
      })
    : null;
  return {
    config: config.name,
    mapping: sys.mapping.scheme,
    cycles,
    timeNs,
    requests: requests.count,
    readRequests: requests.count - writeRequests,
    writeRequests,
    bytes,
    bandwidthGBps: timeNs > 0 ? bytes / timeNs : 0,
    peakBandwidthGBps: peakBandwidthGBps(config),
    rowHitRate: reads + writes > 0 ? hits / (reads + writes) : 0,
    readRowHitRate: reads > 0 ? readHits / reads : 0,
    avgReadLatencyCycles: readsDone > 0 ? sum((c) => c.counters.readLatencySum) / readsDone : 0,
    channelAvgReadLatencyCycles: sys.controllers.map((c) => (c.counters.readsDone > 0 ? c.counters.readLatencySum / c.counters.readsDone : 0)),
    commands,
    energyPj: breakdown ? breakdown.totalPj : null,
    energyBreakdownPj: breakdown,
    commandLog: sys.log,
  };
}
