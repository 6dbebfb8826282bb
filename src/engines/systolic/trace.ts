// Traces of one layer, produced lazily (a generator per file, so traces of millions of rows stream):
// - SCALE-Sim's six trace files (single_layer_sim.save_traces): `layer<i>/IFMAP_SRAM_TRACE.csv` etc.
//   SRAM traces are np.savetxt(fmt='%i'): the row's out-cycle, then one address per port (−1 idle).
//   DRAM traces are np.savetxt(fmt='%s') of float arrays: Python floats ('12.0'); narrower bursts
//   are padded to the widest with 1.0, as SCALE-Sim's trace concatenation does.
// - Chrome trace events for a timeline: the layer, its fill, stalls, DRAM bursts and drains.
// Tracing never changes the numbers: it only records what the simulation decided.
import type { TraceArtifact, TraceEvent } from '../result.js';
import type { OperandDemand } from './demand.js';
import { rowAllPorts, rowRequests } from './demand.js';
import { foldAt } from './folds.js';
import type { DramBurst } from './memory/outcome.js';
import type { DrainEvent } from './memory/write-buffer.js';
import { NULL_ADDR } from './operand-matrix.js';
import { pyFloatStr } from './python-float.js';
import { DATAFLOWS } from './dataflow/index.js';
import { forEachPrefetched } from './prefetch-order.js';
import type { LayerPlan, MemoryRun } from './simulate-layer.js';
import { ACTIVE_FRACTION } from './memory/constants.js';

export interface RecordedRun {
  rowOut: { ifmap: Float64Array; filter: Float64Array; ofmap: Float64Array };
  /** CALC: operand indices in the order each read buffer fetched them. */
  fetched: { ifmap: number[]; filter: number[] };
  /** [row, cycle, stall cycles] for every row that stalled. */
  stallRows: [number, number, number][];
}

export interface LayerTrace {
  /** SCALE-Sim's trace files for layer `layerIndex` (paths `layer<i>/…`). */
  artifacts(layerIndex: number): TraceArtifact[];
  /** Timeline events, with the layer starting at `startCycle` of the run. */
  events(startCycle: number, clockHz: number, pid: number): TraceEvent[];
}

function* sramLines(plan: LayerPlan, d: OperandDemand, out: Float64Array, offset: number): Generator<string> {
  const ports = new Int32Array(d.ports);
  const L = plan.foldRows;
  for (let fi = 0; fi < plan.grid.folds; fi++) {
    const f = foldAt(plan.grid, fi);
    for (let t = 0; t < L; t++) {
      rowAllPorts(d, f, t, ports);
      let line = String(Math.trunc(out[fi * L + t]));
      for (let j = 0; j < ports.length; j++) line += `,${ports[j] === NULL_ADDR ? -1 : ports[j] + offset}`;
      yield line;
    }
  }
}

/** DRAM read trace rows from bursts; `addressAt(burst, k)` is the k-th word of a burst or NULL_ADDR. */
function* dramReadLines(bursts: DramBurst[], addressAt: (burst: number, k: number) => number): Generator<string> {
  const width = Math.max(...bursts.map((b) => b.widthWords));
  for (let bi = 0; bi < bursts.length; bi++) {
    const b = bursts[bi];
    for (let i = 0; i < b.cycles; i++) {
      const cells = [pyFloatStr(b.firstCycle + i)];
      for (let j = 0; j < width; j++) {
        if (j >= b.widthWords) cells.push('1.0');
        else cells.push(pyFloatStr(addressAt(bi, i * b.widthWords + j)));
      }
      yield cells.join(',');
    }
  }
}

function calcAddresses(bursts: DramBurst[], fetched: number[], offset: number): (burst: number, k: number) => number {
  return (bi, k) => {
    const b = bursts[bi];
    return k < b.words ? fetched[b.fromFetch + k] + offset : NULL_ADDR;
  };
}

/** USER mode: the fill reads fetch-matrix rows 0…na−1; every later prefetch re-reads the same rows
 *  from SCALE-Sim's fixed next_line_prefetch_idx (scalesim.md §6.5). */
function userAddresses(plan: LayerPlan, which: 'ifmap' | 'filter', bursts: DramBurst[], offset: number, bufferWords: number): (burst: number, k: number) => number {
  const model = DATAFLOWS[plan.config.dataflow];
  const p = model.prefetch(plan.geometry, plan.grid)[which];
  const seq: number[] = [];
  forEachPrefetched(p, (e) => seq.push(e));
  const B = plan.config.userBandwidthWordsPerCycle;
  const rows = Math.ceil((p.blocks * p.blockRows * p.width) / B);
  const active = Math.ceil(bufferWords * ACTIVE_FRACTION);
  const fill = bursts[0].cycles;
  const nextRow = fill * B > active ? fill % rows : (fill + 1) % rows;
  return (bi, k) => {
    const row = bi === 0 ? Math.floor(k / B) : (nextRow + Math.floor(k / B)) % rows;
    const e = seq[row * B + (k % B)];
    return e === undefined ? NULL_ADDR : e + offset;
  };
}

function* ofmapDramLines(plan: LayerPlan, run: MemoryRun): Generator<string> {
  const w = run.write;
  const sizes = w.lineSizes ?? [];
  const lineWords = w.lineWords;
  // Replay the ofmap write stream (valid addresses in demand order) into lines.
  const stream = (function* (): Generator<number> {
    const buf = new Int32Array(plan.ofmap.ports);
    for (let fi = 0; fi < plan.grid.folds; fi++) {
      const f = foldAt(plan.grid, fi);
      for (let t = 0; t < plan.foldRows; t++) {
        const n = rowRequests(plan.ofmap, f, t, buf);
        for (let i = 0; i < n; i++) yield buf[i];
      }
    }
  })();
  let line = 0;
  for (const d of recordedDrains(w)) {
    for (let i = 0; i < d.lines; i++, line++) {
      const cells = [pyFloatStr(d.firstCycle + i)];
      for (let j = 0; j < lineWords; j++) cells.push(j < sizes[line] ? pyFloatStr(stream.next().value! + plan.config.ofmapOffset) : '-1.0');
      yield cells.join(',');
    }
  }
}

/** The drains of a traced run's write buffer (an untraced run keeps only the first and last). */
function recordedDrains(w: MemoryRun['write']): DrainEvent[] {
  if (!w.drains) throw new Error('the write buffer kept no drains: trace the run to record them');
  return w.drains;
}

/** The bursts of a traced run's read buffer (an untraced run keeps only their span). */
function recordedBursts(run: MemoryRun, which: 'ifmap' | 'filter'): DramBurst[] {
  const bursts = run[which].bursts;
  if (!bursts) throw new Error(`the ${which} read buffer kept no bursts: trace the run to record them`);
  return bursts;
}

export function layerTrace(plan: LayerPlan, run: MemoryRun, rec: RecordedRun): LayerTrace {
  const c = plan.config;
  const addresses = (which: 'ifmap' | 'filter'): ((b: number, k: number) => number) => {
    const bursts = recordedBursts(run, which);
    const offset = which === 'ifmap' ? c.ifmapOffset : c.filterOffset;
    const words = Math.floor((which === 'ifmap' ? c.ifmapSramBytes : c.filterSramBytes) / c.wordBytes);
    return c.bandwidthMode === 'CALC' ? calcAddresses(bursts, rec.fetched[which], offset) : userAddresses(plan, which, bursts, offset, words);
  };
  return {
    artifacts: (i) => [
      { path: `layer${i}/IFMAP_SRAM_TRACE.csv`, lines: () => sramLines(plan, plan.ifmap, rec.rowOut.ifmap, c.ifmapOffset) },
      { path: `layer${i}/FILTER_SRAM_TRACE.csv`, lines: () => sramLines(plan, plan.filter, rec.rowOut.filter, c.filterOffset) },
      { path: `layer${i}/OFMAP_SRAM_TRACE.csv`, lines: () => sramLines(plan, plan.ofmap, rec.rowOut.ofmap, c.ofmapOffset) },
      { path: `layer${i}/IFMAP_DRAM_TRACE.csv`, lines: () => dramReadLines(recordedBursts(run, 'ifmap'), addresses('ifmap')) },
      { path: `layer${i}/FILTER_DRAM_TRACE.csv`, lines: () => dramReadLines(recordedBursts(run, 'filter'), addresses('filter')) },
      { path: `layer${i}/OFMAP_DRAM_TRACE.csv`, lines: () => ofmapDramLines(plan, run) },
    ],
    events: (startCycle, clockHz, pid) => {
      const us = (cycles: number): number => ((startCycle + cycles) / clockHz) * 1e6;
      const dur = (cycles: number): number => (cycles / clockHz) * 1e6;
      const name = plan.layer.name;
      const fillRows = plan.config.dataflow === 'os' ? c.rows + c.cols - 2 : 2 * c.rows - 1;
      const ev: TraceEvent[] = [
        { name, cat: 'layer', ph: 'X', ts: us(0), dur: dur(run.totalCycles), pid, tid: 'array', args: { folds: plan.grid.folds, dataflow: c.dataflow } },
        { name: 'fill', cat: 'fill', ph: 'X', ts: us(0), dur: dur(Math.min(fillRows, run.totalCycles)), pid, tid: 'array' },
      ];
      const drainEnd = run.write.stopCycle + 1;
      if (drainEnd > run.totalCycles) ev.push({ name: 'final ofmap drain', cat: 'drain', ph: 'X', ts: us(run.totalCycles), dur: dur(drainEnd - run.totalCycles), pid, tid: 'array' });
      for (const [row, cycle, stall] of rec.stallRows) ev.push({ name: 'stall', cat: 'stall', ph: 'X', ts: us(cycle), dur: dur(stall), pid, tid: 'stalls', args: { row } });
      for (const which of ['ifmap', 'filter'] as const) {
        for (const b of recordedBursts(run, which)) {
          ev.push({ name: `${which} prefetch`, cat: 'dram', ph: 'X', ts: us(b.firstCycle), dur: dur(b.cycles), pid, tid: `${which} dram`, args: { words: b.words } });
        }
      }
      for (const d of recordedDrains(run.write)) ev.push({ name: 'ofmap drain', cat: 'dram', ph: 'X', ts: us(d.firstCycle), dur: dur(d.lines), pid, tid: 'ofmap dram', args: { words: d.words } });
      return ev;
    },
  };
}
