// What a mode's scheduler decides, in one shape for all three modes: per stage its DSPs, lanes,
// compute cores, start and end, compute and memory cycles and off-chip bytes; per intermediate
// tensor where it lives; the groups (InTAR task groups, dataflow stream clusters, or one stage
// each for sequential) and the switch costs between them.
import type { StageTiming } from './compute.js';
import type { ModelContext } from './context.js';
import { memoryCycles, type Stream } from './offchip.js';
import type { Stage, StageGraph } from './stages.js';
import { stageCascadeInputs, stageOutputs } from './stages.js';
import type { Mode } from './structure.js';

/** fifo: streamed between stages running together; on-chip: held in a buffer or scratchpad; off-chip: written to and read back from HBM/DDR. */
export type Residence = 'fifo' | 'on-chip' | 'off-chip';

export interface Placement {
  tensor: string;
  bytes: number;
  from: string;
  to: string[];
  residence: Residence;
  reason: string;
}

export interface StagePlan {
  stage: Stage;
  dsps: number;
  lanes: number;
  /** InTAR compute cores the stage runs on (empty in the other modes). */
  cores: number[];
  group: number;
  start: number;
  end: number;
  timing: StageTiming;
  memoryCycles: number;
  readBytes: number;
  writeBytes: number;
  /** On-chip bytes the stage's loop order holds (operand, line buffer or accumulators). */
  bufferBytes: number;
}

export interface GroupPlan {
  index: number;
  /** pipeline: stages stream into each other on separate cores; sequential: one stage on all cores; parallel: independent stages side by side. */
  pattern: 'pipeline' | 'sequential' | 'parallel';
  stages: string[];
  start: number;
  end: number;
  computeCycles: number;
  memoryCycles: number;
  fillCycles: number;
  /** Reconfiguration before this group starts (InTAR). */
  switchCycles: number;
}

export interface FpgaPlan {
  mode: Mode;
  graph: StageGraph;
  stages: StagePlan[];
  groups: GroupPlan[];
  placements: Placement[];
  cycles: number;
  switchCycles: number;
  dspBudget: number;
  dspsUsed: number;
  /** Task id → why the design cannot be built (check() reports these). */
  problems: Map<string, string>;
}

/** The off-chip streams of a stage: cascade inputs, and intermediates placed off chip. */
export function stageStreams(
  g: StageGraph,
  stage: Stage,
  residence: (tensor: string) => Residence,
  ports: number,
  capacityBytes: number,
): { reads: Stream[]; writes: Stream[] } {
  const reread = rereadFactor(stage, capacityBytes);
  const streamedTensors = streamed(stage);
  const factor = (tensor: string): number => (streamedTensors.has(tensor) ? reread : 1);
  const reads: Stream[] = stageCascadeInputs(stage).map((i) => ({ tensor: i.tensor, bytes: i.bytes * factor(i.tensor), ports }));
  for (const e of g.edges) {
    if (e.to === stage.id && residence(e.tensor) === 'off-chip' && !reads.some((r) => r.tensor === e.tensor)) {
      reads.push({ tensor: e.tensor, bytes: e.bytes * factor(e.tensor), ports });
    }
  }
  const writes: Stream[] = stageOutputs(g, stage)
    .filter((o) => o.isCascadeOutput || residence(o.tensor) === 'off-chip')
    .map((o) => ({ tensor: o.tensor, bytes: o.bytes, ports }));
  return { reads, writes };
}

/** A stage's off-chip streams with their time on its ports and their bytes. */
export interface StageTraffic {
  /** Reads and writes together (they share the device's aggregate bandwidth). */
  streams: Stream[];
  memoryCycles: number;
  readBytes: number;
  writeBytes: number;
}

/** stageStreams, timed on `ports` ports of the context's device and counted in bytes. */
export function stageTraffic(g: StageGraph, stage: Stage, residence: (tensor: string) => Residence, ports: number, ctx: ModelContext): StageTraffic {
  const { reads, writes } = stageStreams(g, stage, residence, ports, ctx.onchipBytes);
  const streams = [...reads, ...writes];
  return { streams, memoryCycles: memoryCycles(streams, ctx.portBytesPerCycle, ctx.device, ctx.clockHz), readBytes: bytesOf(reads), writeBytes: bytesOf(writes) };
}

/** How many times the streamed operands pass when the held data does not fit on chip: one pass per tile. */
export function rereadFactor(stage: Stage, capacityBytes: number): number {
  const held = stage.order?.bufferBytes ?? 0;
  return held > capacityBytes && capacityBytes > 0 ? Math.ceil(held / capacityBytes) : 1;
}

function streamed(stage: Stage): Set<string> {
  const o = stage.order;
  if (!o || !stage.mac?.factors) return new Set();
  return o.kind === 'outer' ? new Set(stage.mac.factors.map((f) => f.tensor)) : new Set([o.streamed.tensor]);
}

export const bytesOf = (streams: readonly Stream[]): number => streams.reduce((a, s) => a + s.bytes, 0);
