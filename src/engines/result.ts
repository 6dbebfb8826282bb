// What an engine returns: counts, never prices. Cycles, busy unit-cycles per compute unit,
// action counts per component, bytes per memory level, and a per-Einsum breakdown. The cost
// model (src/cost/) turns actions into picojoules and components into area; src/report/ builds
// the one Report shape every output format reads.

/** `count` occurrences of `action` on `component` (component names come from the arch file). */
export interface ActionCount {
  component: string;
  action: string;
  count: number;
}

/** Bytes moved at one memory level. */
export interface Traffic {
  readBytes: number;
  writeBytes: number;
}

/**
 * Where the cycles went (ZigZag's latency decomposition, with names). The parts add up to the
 * total: ideal + underutilization + fill + drain + stall = cycles.
 */
export interface CycleBreakdown {
  /** Cycles if every compute unit did useful work every cycle: work / (units × ops per cycle). */
  idealCycles: number;
  /** Extra cycles because the mapping leaves units idle (partial folds, unbalanced binding). */
  underutilizationCycles: number;
  /** Pipeline fill (e.g. systolic skew before the first result). */
  fillCycles: number;
  /** Pipeline drain after the last input. */
  drainCycles: number;
  /** Cycles waiting on memory (bandwidth, buffer space, DRAM timing). */
  stallCycles: number;
}

export interface EinsumResult {
  /** The Einsum id (its output tensor), or a layer name for imported topologies. */
  einsum: string;
  /** 'unsupported': this engine cannot run it (e.g. an element-wise map on a systolic array); `note` says why. */
  status: 'ok' | 'unsupported';
  /** One line for the table: the mapping chosen, or why the Einsum did not run. */
  note: string;
  /** The compute unit the Einsum was bound to ('array', '2d', '1d', 'pim', 'host', ...). */
  unit: string;
  cycles: number;
  stallCycles: number;
  breakdown: CycleBreakdown;
  /** Busy unit-cycles per compute unit: utilization = busy / (instances × cycles). */
  busyUnitCycles: Record<string, number>;
  /** Multiply-accumulates performed (0 for non-contractions). */
  macs: number;
  actions: ActionCount[];
  traffic: Record<string, Traffic>;
  /** Engine-specific numbers worth showing (folds, passes, row-hit rate, ...), named with units. */
  details: Record<string, number | string>;
}

/** One event of a Chrome trace-event JSON (opens in Perfetto). Times are in microseconds. */
export interface TraceEvent {
  name: string;
  cat?: string;
  ph: 'X' | 'B' | 'E' | 'i' | 'C' | 'M';
  ts: number;
  dur?: number;
  pid: number;
  tid: number | string;
  args?: Record<string, unknown>;
}

/** A file a run can write when tracing: produced lazily so large traces stream to disk. */
export interface TraceArtifact {
  /** Relative path inside the trace directory, e.g. `layer0/IFMAP_SRAM_TRACE.csv`. */
  path: string;
  lines: () => Iterable<string>;
}

export interface EngineResult {
  engine: string;
  clockHz: number;
  /** Instances of each compute unit, e.g. `{ pe: 1024 }` or `{ '2d': 65536, '1d': 256 }`. */
  units: Record<string, number>;
  /** Total cycles of the run (not always the sum over Einsums: engines may overlap them). */
  cycles: number;
  stallCycles: number;
  breakdown: CycleBreakdown;
  einsums: EinsumResult[];
  /** Every action of the run, including those not owned by one Einsum (refresh, leakage). */
  actions: ActionCount[];
  traffic: Record<string, Traffic>;
  details: Record<string, number | string>;
  /** Timeline events, only when tracing was asked for. Tracing never changes the numbers. */
  timeline?: TraceEvent[];
  artifacts?: TraceArtifact[];
  /**
   * Report files in a reference tool's own layout (SCALE-Sim's COMPUTE/BANDWIDTH/DETAILED_ACCESS
   * CSVs), produced lazily so users can diff einsim against that tool directly.
   */
  nativeReports?: TraceArtifact[];
}

export function zeroBreakdown(): CycleBreakdown {
  return { idealCycles: 0, underutilizationCycles: 0, fillCycles: 0, drainCycles: 0, stallCycles: 0 };
}

/** Sum action counts with the same component and action, keeping first-seen order. */
export function mergeActions(lists: ActionCount[][]): ActionCount[] {
  const byKey = new Map<string, ActionCount>();
  for (const list of lists) {
    for (const a of list) {
      const key = `${a.component}\u0000${a.action}`;
      const prev = byKey.get(key);
      if (prev) prev.count += a.count;
      else byKey.set(key, { ...a });
    }
  }
  return [...byKey.values()];
}

export function mergeTraffic(maps: Record<string, Traffic>[]): Record<string, Traffic> {
  const out: Record<string, Traffic> = {};
  for (const m of maps) {
    for (const [level, t] of Object.entries(m)) {
      const prev = out[level] ?? { readBytes: 0, writeBytes: 0 };
      out[level] = { readBytes: prev.readBytes + t.readBytes, writeBytes: prev.writeBytes + t.writeBytes };
    }
  }
  return out;
}
