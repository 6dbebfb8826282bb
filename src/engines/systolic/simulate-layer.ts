// One layer through SCALE-Sim v2's model (scalesim.md §1–§4, single_layer_sim.run): operand
// matrices → folds → demand rows → three buffers → report numbers. Pure: no I/O, no globals.
import { EinsimError } from '../../errors.js';
import { DATAFLOWS } from './dataflow/index.js';
import type { OperandDemand } from './demand.js';
import { foldDataRows, foldSlots, rowRequests, rowSlots } from './demand.js';
import type { Fold, FoldGrid } from './folds.js';
import { foldAt, foldAverages, foldGrid } from './folds.js';
import { layerGeometry } from './operand-matrix.js';
import type { LayerGeometry } from './operand-matrix.js';
import { CalcReadBuffer } from './memory/calc-read-buffer.js';
import { calcReadByRuns } from './memory/calc-read-runs.js';
import { calcReadPasses, MAX_PASS_REQUESTS } from './memory/calc-read-passes.js';
import { ifmapFoldRequests, maxFoldRequests } from './ifmap-requests.js';
import { READ_LATENCY_CYCLES } from './memory/constants.js';
import type { ReadBufferOutcome } from './memory/outcome.js';
import { UserReadBuffer } from './memory/user-read-buffer.js';
import { WriteBuffer } from './memory/write-buffer.js';
import { StallProfile } from './stall-profile.js';
import { cycleBreakdown } from './breakdown.js';
import type { LayerResult, ScaleSimLayer, StartStop, SystolicConfig } from './types.js';
import { validateConfig } from './config.js';
import type { RecordedRun } from './trace.js';
import { layerTrace } from './trace.js';

export interface SimulateOptions {
  trace: boolean;
}

/** The demand side of a layer: everything before the memories. */
export interface LayerPlan {
  layer: ScaleSimLayer;
  config: SystolicConfig;
  geometry: LayerGeometry;
  grid: FoldGrid;
  foldRows: number;
  demandRows: number;
  ifmap: OperandDemand;
  filter: OperandDemand;
  ofmap: OperandDemand;
  operandSizes: { ifmap: number; filter: number; ofmap: number };
}

export function planLayer(layer: ScaleSimLayer, config: SystolicConfig): LayerPlan {
  validateConfig(config);
  const geometry = layerGeometry(layer);
  const model = DATAFLOWS[config.dataflow];
  const grid = foldGrid(model.mapping(geometry), config.rows, config.cols);
  const foldRows = model.foldRows(config.rows, config.cols, grid.t);
  const demand = model.demand(geometry, grid);
  return {
    layer,
    config,
    geometry,
    grid,
    foldRows,
    demandRows: grid.folds * foldRows,
    ...demand,
    operandSizes: {
      ifmap: layer.ifmapH * layer.ifmapW * layer.channels,
      filter: geometry.k * geometry.n,
      ofmap: geometry.m * geometry.n,
    },
  };
}

/** First and last demand rows that hold a valid (non −1) request of an operand. */
export function validRowSpan(plan: LayerPlan, d: OperandDemand): [number, number] {
  const buf = new Int32Array(d.ports);
  const L = plan.foldRows;
  let first = -1;
  for (let fi = 0; fi < plan.grid.folds && first < 0; fi++) {
    const f = foldAt(plan.grid, fi);
    const [lo, hi] = foldDataRows(d, f);
    for (let t = lo; t <= hi; t++) {
      if (rowRequests(d, f, t, buf) > 0) {
        first = fi * L + t;
        break;
      }
    }
  }
  let last = -1;
  for (let fi = plan.grid.folds - 1; fi >= 0 && last < 0; fi--) {
    const f = foldAt(plan.grid, fi);
    const [lo, hi] = foldDataRows(d, f);
    for (let t = hi; t >= lo; t--) {
      if (rowRequests(d, f, t, buf) > 0) {
        last = fi * L + t;
        break;
      }
    }
  }
  return [first, last];
}

function sramAccesses(plan: LayerPlan, d: OperandDemand): number {
  let n = 0;
  for (let fi = 0; fi < plan.grid.folds; fi++) n += d.sramAccesses(foldAt(plan.grid, fi));
  return n;
}

export interface MemoryRun {
  totalCycles: number;
  stallCycles: number;
  ifmap: ReadBufferOutcome;
  filter: ReadBufferOutcome;
  write: WriteBuffer;
  sramIfmap: StartStop;
  sramFilter: StartStop;
  sramOfmap: StartStop;
  /** Tracing only: each demand row's out-cycle per buffer, what each read buffer fetched, the stalls. */
  recorded?: RecordedRun;
}

/** Calls visit(fold, t, row) for every fold row in [lo, hi] of every fold, in demand order. */
function forEachRow(plan: LayerPlan, d: OperandDemand, visit: (f: Fold, t: number, row: number) => void): void {
  const L = plan.foldRows;
  for (let fi = 0; fi < plan.grid.folds; fi++) {
    const f = foldAt(plan.grid, fi);
    const [lo, hi] = foldDataRows(d, f);
    for (let t = Math.max(lo, 0); t <= Math.min(hi, L - 1); t++) visit(f, t, fi * L + t);
  }
}

/** Slots of a skewed block row at rel = t − pre (rowPortRange, inlined for the write loop). */
function skewedRowSlots(rel: number, dataRows: number, k0: number, wu: number): number {
  const lo = rel - dataRows + 1 > 0 ? rel - dataRows + 1 : 0;
  const hi = rel - k0 < wu - 1 ? rel - k0 : wu - 1;
  return hi >= lo ? hi - lo + 1 : 0;
}

/**
 * A conv ifmap in a CALC buffer (its windows overlap, so requests share addresses). In os and ws
 * every column fold re-reads the same row-fold tiles in the same order, so the stream is Fc
 * identical passes, which calc-read-passes.ts computes from one; otherwise (is, one column fold, or
 * a pass too long to keep) every request is walked through the buffer.
 */
function requestIfmapPasses(plan: LayerPlan, d: OperandDemand, words: number, size: number, stalls: StallProfile, firstRow: number): ReadBufferOutcome {
  const { grid, geometry } = plan;
  const cycleOf = (r: number): number => stalls.cycleOf(r);
  const repeats = d.reuseKey(foldAt(grid, 0)) === d.reuseKey(foldAt(grid, grid.rowFolds % grid.folds)) && grid.colFolds > 1;
  const capacity = maxFoldRequests(d);
  let passRequestsBound = 0;
  for (let fi = 0; fi < grid.rowFolds; fi++) {
    passRequestsBound += foldSlots(d, foldAt(grid, fi));
  }
  if (repeats && passRequestsBound <= MAX_PASS_REQUESTS) {
    return calcReadPasses({
      passes: grid.colFolds,
      foldsPerPass: grid.rowFolds,
      foldRows: plan.foldRows,
      passRows: grid.rowFolds * plan.foldRows,
      foldRequests: (j, addr, rows) => ifmapFoldRequests(geometry, d, foldAt(grid, j), addr, rows),
      maxFoldRequests: capacity,
      passRequestsBound,
      operandSize: size,
      bufferWords: words,
      cycleOf,
      firstRow,
    });
  }
  const buf = new CalcReadBuffer(words, size, false, cycleOf);
  const addr = new Int32Array(capacity);
  const rows = new Int32Array(capacity);
  for (let fi = 0; fi < grid.folds; fi++) {
    const n = ifmapFoldRequests(geometry, d, foldAt(grid, fi), addr, rows);
    buf.requestRun(addr, rows, n, fi * plan.foldRows);
  }
  return buf.finish();
}

/** CALC mode: reads never stall, so the write buffer alone decides the cycles (§4 "Stalls"). */
function runCalc(plan: LayerPlan, trace: boolean): MemoryRun {
  const { config } = plan;
  const E = wordsOf(config);
  const write = new WriteBuffer(E.ofmap, config.cols, trace);
  const stalls = new StallProfile();
  const [ofFirst, ofLast] = validRowSpan(plan, plan.ofmap);
  let ofFirstOut = 0;
  let ofLastOut = 0;
  const stallRows: [number, number, number][] = [];
  const ofmapOut = trace ? new Float64Array(plan.demandRows).fill(NaN) : null;
  const d = plan.ofmap;
  const L = plan.foldRows;
  for (let fi = 0; fi < plan.grid.folds; fi++) {
    const f = foldAt(plan.grid, fi);
    const [lo, hi] = foldDataRows(d, f);
    const wu = d.usedPorts(f);
    const k0 = d.firstDataRow(f);
    const words = foldSlots(d, f);
    const base = fi * L;
    if (!trace && write.absorbs(words, base + lo + stalls.total)) {
      // No event anywhere in this fold: every row is written at its own cycle.
      write.absorb(words);
      if (ofFirst >= base && ofFirst < base + L) ofFirstOut = ofFirst + stalls.total;
      if (ofLast >= base && ofLast < base + L) ofLastOut = ofLast + stalls.total;
      continue;
    }
    // Rows up to plateauEnd that write all wu ports are a plateau (the skew's ramps are the rest).
    const plateauEnd = Math.min(hi, d.kind === 'skewed' ? d.pre + d.dataRows - 1 : d.dataRows - 1);
    for (let t = lo; t <= hi; t++) {
      const n = d.kind === 'skewed' ? skewedRowSlots(t - d.pre, d.dataRows, k0, wu) : wu;
      if (n === 0) continue;
      const row = base + t;
      const c = row + stalls.total;
      const quiet = !trace && n === wu ? write.quietRows(wu, c, plateauEnd - t + 1) : 0;
      if (quiet > 0) {
        // Plateau rows before the next event are each written at their own cycle: taken at once.
        write.absorb(quiet * wu);
        if (ofFirst >= row && ofFirst < row + quiet) ofFirstOut = ofFirst + stalls.total;
        if (ofLast >= row && ofLast < row + quiet) ofLastOut = ofLast + stalls.total;
        t += quiet - 1;
        continue;
      }
      const out = write.writeRow(n, c);
      if (ofmapOut) ofmapOut[row] = out;
      if (out > c && trace) stallRows.push([row, c, out - c]);
      stalls.add(row, out - c);
      if (row === ofFirst) ofFirstOut = out;
      if (row === ofLast) ofLastOut = out;
    }
  }
  const lastRow = plan.demandRows - 1;
  // total_cycles = the ofmap out-cycle of the last demand row (it carries no write when the
  // fold ends in idle rows, so it is simply issued at its cycle).
  const totalCycles = lastRow + stalls.before(lastRow + 1);
  write.finish(totalCycles);

  const read = (d: OperandDemand, size: number, words: number, distinct: boolean, nullSlots: boolean): [ReadBufferOutcome, StartStop] => {
    if (distinct && !trace) {
      const [firstRow, lastRow] = validRowSpan(plan, d);
      const outcome = calcReadByRuns({ demand: d, grid: plan.grid, foldRows: plan.foldRows, bufferWords: words, cycleOf: (r) => stalls.cycleOf(r), firstRow, nullSlots });
      return [outcome, { startCycle: stalls.cycleOf(firstRow) + READ_LATENCY_CYCLES, stopCycle: stalls.cycleOf(lastRow) + READ_LATENCY_CYCLES }];
    }
    const [firstRow, lastRow] = validRowSpan(plan, d);
    const span = { startCycle: stalls.cycleOf(firstRow) + READ_LATENCY_CYCLES, stopCycle: stalls.cycleOf(lastRow) + READ_LATENCY_CYCLES };
    if (d.ifmapAxes && !trace) return [requestIfmapPasses(plan, d, words, size, stalls, firstRow), span];
    const buf = new CalcReadBuffer(words, size, trace, (r) => stalls.cycleOf(r));
    const entries = new Int32Array(d.ports);
    forEachRow(plan, d, (f, t, row) => buf.requestRow(entries, rowRequests(d, f, t, entries), row));
    fetched.push(buf.fetched ?? []);
    return [buf.finish(), span];
  };
  // Filters are always distinct addresses; the ifmap is when windows do not overlap (windows that
  // hang over the edge leave −1 slots, which are not requests).
  const g = plan.geometry;
  const fetched: number[][] = [];
  const [ifmap, sramIfmap] = read(plan.ifmap, plan.operandSizes.ifmap, E.ifmap, g.distinctIfmap, g.partialWindows);
  const [filter, sramFilter] = read(plan.filter, plan.operandSizes.filter, E.filter, true, false);
  return {
    totalCycles,
    stallCycles: stalls.total,
    ifmap,
    filter,
    write,
    sramIfmap,
    sramFilter,
    sramOfmap: { startCycle: ofFirstOut, stopCycle: ofLastOut },
    recorded: ofmapOut ? calcRecorded(plan, stalls, ofmapOut, fetched, stallRows) : undefined,
  };
}

/**
 * The lines a fold's tile of an operand occupies in a USER buffer, per reuse key (folds with one
 * key read the same tile): lo and hi, or lo > hi for a tile of no requests. Computed when a tile
 * comes back the first time: finding them costs a walk of the tile, as much as serving it, so a
 * tile read once (a stationary one) is simply served.
 */
class TileLines {
  private readonly seen: Uint8Array;
  private readonly lo: Float64Array;
  private readonly hi: Float64Array;
  private readonly range = new Float64Array(2);
  private readonly entries: Int32Array;

  constructor(
    private readonly plan: LayerPlan,
    private readonly d: OperandDemand,
    private readonly buf: UserReadBuffer,
  ) {
    this.seen = new Uint8Array(plan.grid.folds);
    this.lo = new Float64Array(plan.grid.folds).fill(NaN);
    this.hi = new Float64Array(plan.grid.folds);
    this.entries = new Int32Array(d.ports);
  }

  /** Whether the buffer's window holds the whole tile of fold f now (every request would hit). */
  held(f: Fold): boolean {
    const key = this.d.reuseKey(f);
    if (this.seen[key] === 0) {
      this.seen[key] = 1;
      return false;
    }
    if (Number.isNaN(this.lo[key])) {
      this.range[0] = Infinity;
      this.range[1] = -Infinity;
      const [lo, hi] = foldDataRows(this.d, f);
      for (let t = Math.max(lo, 0); t <= Math.min(hi, this.plan.foldRows - 1); t++) this.buf.widenLineRange(this.entries, rowRequests(this.d, f, t, this.entries), this.range);
      this.lo[key] = this.range[0];
      this.hi[key] = this.range[1];
    }
    return this.buf.holdsLines(this.lo[key], this.hi[key]);
  }
}

/**
 * USER mode: all three buffers can stall, so rows are served jointly, in order. A fold whose
 * ifmap and filter tiles both lie inside their buffers' active windows cannot miss (a hit changes
 * nothing), so its reads are served at cycle + 1 without asking; when the write buffer can also
 * absorb the fold's ofmap without a drain, the whole fold passes with no event and is taken in
 * one step. Untraced runs only: a trace needs every row's cycles.
 */
function runUser(plan: LayerPlan, trace: boolean): MemoryRun {
  const { config, grid } = plan;
  const E = wordsOf(config);
  const bw = config.userBandwidthWordsPerCycle;
  const model = DATAFLOWS[config.dataflow];
  const prefetch = model.prefetch(plan.geometry, grid);
  const ifBuf = new UserReadBuffer(prefetch.ifmap, plan.operandSizes.ifmap, E.ifmap, bw, trace);
  const flBuf = new UserReadBuffer(prefetch.filter, plan.operandSizes.filter, E.filter, bw, trace);
  const write = new WriteBuffer(E.ofmap, bw, trace);
  const spans = {
    ifmap: validRowSpan(plan, plan.ifmap),
    filter: validRowSpan(plan, plan.filter),
    ofmap: validRowSpan(plan, plan.ofmap),
  };
  const sram = { ifmap: { startCycle: 0, stopCycle: 0 }, filter: { startCycle: 0, stopCycle: 0 }, ofmap: { startCycle: 0, stopCycle: 0 } };
  const record = (which: 'ifmap' | 'filter' | 'ofmap', row: number, out: number): void => {
    if (row === spans[which][0]) sram[which].startCycle = out;
    if (row === spans[which][1]) sram[which].stopCycle = out;
  };
  const ifEntries = new Int32Array(plan.ifmap.ports);
  const flEntries = new Int32Array(plan.filter.ports);
  const L = plan.foldRows;
  let stalls = 0;
  let lastOut = 0;
  const outs = trace ? { ifmap: new Float64Array(plan.demandRows), filter: new Float64Array(plan.demandRows), ofmap: new Float64Array(plan.demandRows) } : null;
  const stallRows: [number, number, number][] = [];
  const ifTiles = trace ? null : new TileLines(plan, plan.ifmap, ifBuf);
  const flTiles = trace ? null : new TileLines(plan, plan.filter, flBuf);
  const of = plan.ofmap;
  for (let fi = 0; fi < grid.folds; fi++) {
    const f = foldAt(grid, fi);
    const ifHeld = ifTiles !== null && ifTiles.held(f);
    const flHeld = flTiles !== null && flTiles.held(f);
    if (ifHeld && flHeld) {
      const [ofLo] = foldDataRows(of, f);
      const words = foldSlots(of, f);
      if (write.absorbs(words, fi * L + Math.max(ofLo, 0) + stalls)) {
        // No event in the fold: every row is served at its own cycle (reads one cycle later).
        write.absorb(words);
        for (const which of ['ifmap', 'filter', 'ofmap'] as const) {
          const latency = which === 'ofmap' ? 0 : READ_LATENCY_CYCLES;
          for (const r of spans[which]) if (r >= fi * L && r < fi * L + L) record(which, r, r + stalls + latency);
        }
        lastOut = fi * L + L - 1 + stalls;
        continue;
      }
    }
    for (let t = 0; t < L; t++) {
      const row = fi * L + t;
      const c = row + stalls;
      const a = ifHeld ? c + READ_LATENCY_CYCLES : ifBuf.readRow(ifEntries, rowRequests(plan.ifmap, f, t, ifEntries), c);
      const b = flHeld ? c + READ_LATENCY_CYCLES : flBuf.readRow(flEntries, rowRequests(plan.filter, f, t, flEntries), c);
      const o = write.writeRow(rowSlots(plan.ofmap, f, t), c);
      record('ifmap', row, a);
      record('filter', row, b);
      record('ofmap', row, o);
      const stall = Math.max(a - c - READ_LATENCY_CYCLES, b - c - READ_LATENCY_CYCLES, o - c);
      if (outs) {
        outs.ifmap[row] = a;
        outs.filter[row] = b;
        outs.ofmap[row] = o;
        if (stall > 0) stallRows.push([row, c, stall]);
      }
      stalls += stall;
      lastOut = o;
    }
  }
  write.finish(lastOut);
  return {
    totalCycles: lastOut,
    stallCycles: stalls,
    ifmap: ifBuf.finish(),
    filter: flBuf.finish(),
    write,
    sramIfmap: sram.ifmap,
    sramFilter: sram.filter,
    sramOfmap: sram.ofmap,
    recorded: outs ? { rowOut: outs, fetched: { ifmap: [], filter: [] }, stallRows } : undefined,
  };
}

function calcRecorded(plan: LayerPlan, stalls: StallProfile, ofmapOut: Float64Array, fetched: number[][], stallRows: [number, number, number][]): RecordedRun {
  const D = plan.demandRows;
  const ifmap = new Float64Array(D);
  const ofmap = new Float64Array(D);
  for (let row = 0; row < D; row++) {
    const c = stalls.cycleOf(row);
    ifmap[row] = c + READ_LATENCY_CYCLES;
    ofmap[row] = Number.isNaN(ofmapOut[row]) ? c : ofmapOut[row];
  }
  return { rowOut: { ifmap, filter: ifmap, ofmap }, fetched: { ifmap: fetched[0], filter: fetched[1] }, stallRows };
}

function wordsOf(config: SystolicConfig): { ifmap: number; filter: number; ofmap: number } {
  return {
    ifmap: Math.floor(config.ifmapSramBytes / config.wordBytes),
    filter: Math.floor(config.filterSramBytes / config.wordBytes),
    ofmap: Math.floor(config.ofmapSramBytes / config.wordBytes),
  };
}

export function simulateLayer(layer: ScaleSimLayer, config: SystolicConfig, opts: SimulateOptions = { trace: false }): LayerResult {
  const plan = planLayer(layer, config);
  const { grid, geometry } = plan;
  const model = DATAFLOWS[config.dataflow];
  const fix = config.scaleSimBugs === 'fix';
  const averages = foldAverages(grid, fix ? model.foldRows(config.rows, config.cols, grid.t) : model.computeUtilCycles(config.rows, config.cols, grid.t));
  const run = config.bandwidthMode === 'CALC' ? runCalc(plan, opts.trace) : runUser(plan, opts.trace);
  if (run.totalCycles <= 0) {
    throw new EinsimError({ file: '<systolic>', path: layer.name, code: 'unsupported', expected: 'a layer SCALE-Sim can report (total cycles > 0)', received: String(run.totalCycles) });
  }
  const sramIfmapReads = sramAccesses(plan, plan.ifmap);
  const sramFilterReads = sramAccesses(plan, plan.filter);
  // SCALE-Sim's os ofmap count adds R + C per fold (§6.1); 'fix' takes them out again.
  const osExtraWrites = fix && config.dataflow === 'os' ? grid.folds * (config.rows + config.cols) : 0;
  const sramOfmapWrites = sramAccesses(plan, plan.ofmap) - osExtraWrites;
  const total = run.totalCycles;
  const cells = config.rows * config.cols;
  const dramOfmap = { startCycle: run.write.startCycle, stopCycle: run.write.stopCycle };
  const span = (s: StartStop): number => s.stopCycle - s.startCycle + 1;
  return {
    name: layer.name,
    dataflow: config.dataflow,
    totalCycles: total,
    stallCycles: run.stallCycles,
    overallUtilPct: (geometry.macs * 100) / (total * cells),
    mappingEfficiencyPct: averages.mappingEfficiencyPct,
    computeUtilPct: averages.computeUtilPct,
    macs: geometry.macs,
    sr: grid.sr,
    sc: grid.sc,
    t: grid.t,
    rowFolds: grid.rowFolds,
    colFolds: grid.colFolds,
    foldRows: plan.foldRows,
    demandRows: plan.demandRows,
    sramIfmapReads,
    sramFilterReads,
    sramOfmapWrites,
    dramIfmapReads: run.ifmap.dramReads,
    dramFilterReads: run.filter.dramReads,
    dramOfmapWrites: run.write.dramWrites,
    sramIfmap: run.sramIfmap,
    sramFilter: run.sramFilter,
    sramOfmap: run.sramOfmap,
    dramIfmap: { startCycle: run.ifmap.startCycle, stopCycle: run.ifmap.stopCycle },
    dramFilter: { startCycle: run.filter.startCycle, stopCycle: run.filter.stopCycle },
    dramOfmap,
    avgIfmapSramBw: sramIfmapReads / total,
    avgFilterSramBw: sramFilterReads / total,
    avgOfmapSramBw: sramOfmapWrites / total,
    avgIfmapDramBw: run.ifmap.dramReads / (run.ifmap.stopCycle - run.ifmap.startCycle + 1),
    avgFilterDramBw: run.filter.dramReads / (run.filter.stopCycle - run.filter.startCycle + 1),
    avgOfmapDramBw: run.write.dramWrites / span(dramOfmap),
    breakdown: cycleBreakdown(config, grid, plan.foldRows, geometry.macs, total),
    trace: run.recorded ? layerTrace(plan, run, run.recorded) : undefined,
  };
}
