// Stages: the unit every execution mode schedules. A stage is one MAC task and the SFU tasks that
// follow it (ReLU, softmax steps, pooling, upsampling): in InTAR's template the special-function
// units sit between compute cores and work on the stream a core emits (reference fpga.md §1.1), and
// the InTAR kernels apply them on the fly. An SFU task joins the stage of its latest producer; one
// that reads only cascade inputs (a LayerNorm of the input) is a stage of its own.
//
// An edge between stages carries one intermediate tensor. It is *coupled* when the consumer streams
// it (its loop order, order.ts) and the producer emits it progressively: the two then run together
// through a FIFO. Otherwise it is a *barrier*: the consumer holds the whole tensor before computing.
import { chooseOrder, streamsInput, type Order } from './order.js';
import type { Task } from './tasks.js';

export interface Stage {
  /** The MAC task's id, or the first SFU task's for an SFU-only stage. */
  id: string;
  index: number;
  mac: Task | null;
  order: Order | null;
  sfus: Task[];
  /** Every task of the stage in cascade order. */
  tasks: Task[];
  /** An outer-product MAC task: the stage's outputs exist only after it ends. */
  emitsAtEnd: boolean;
}

export interface StageEdge {
  from: string;
  to: string;
  tensor: string;
  bytes: number;
  coupled: boolean;
}

export interface StageGraph {
  stages: Stage[];
  edges: StageEdge[];
  /** Task id → stage id. */
  stageOf: Map<string, string>;
}

export function buildStages(tasks: Task[]): StageGraph {
  const stages: Stage[] = [];
  const stageOf = new Map<string, string>();
  const byId = new Map<string, Stage>();
  for (const t of tasks) {
    let stage: Stage | undefined;
    if (t.kind === 'sfu') {
      const producers = t.inputs.map((o) => (o.producer ? byId.get(stageOf.get(o.producer) ?? '') : undefined)).filter((s): s is Stage => s !== undefined);
      stage = producers.reduce<Stage | undefined>((latest, s) => (!latest || s.index > latest.index ? s : latest), undefined);
    }
    if (!stage) {
      const order = chooseOrder(t);
      stage = { id: t.id, index: stages.length, mac: t.kind === 'mac' ? t : null, order, sfus: [], tasks: [], emitsAtEnd: order?.kind === 'outer' };
      stages.push(stage);
      byId.set(stage.id, stage);
    }
    if (t.kind === 'sfu') stage.sfus.push(t);
    stage.tasks.push(t);
    stageOf.set(t.id, stage.id);
  }
  const edges: StageEdge[] = [];
  for (const stage of stages) {
    for (const t of stage.tasks) {
      const order = t === stage.mac ? stage.order : null;
      for (const o of t.inputs) {
        if (!o.producer) continue;
        const from = stageOf.get(o.producer) as string;
        if (from === stage.id) continue;
        const producer = byId.get(from) as Stage;
        if (edges.some((e) => e.from === from && e.to === stage.id && e.tensor === o.tensor)) continue;
        edges.push({ from, to: stage.id, tensor: o.tensor, bytes: o.bytes, coupled: streamsInput(t, order, o.tensor) && !producer.emitsAtEnd });
      }
    }
  }
  return { stages, edges, stageOf };
}

/** Tensors a stage writes that leave it: read by another stage, or cascade outputs. */
export function stageOutputs(g: StageGraph, stage: Stage): { tensor: string; bytes: number; isCascadeOutput: boolean }[] {
  const read = new Set(g.edges.filter((e) => e.from === stage.id).map((e) => e.tensor));
  return stage.tasks.map((t) => t.output).filter((o) => o.isCascadeOutput || read.has(o.tensor));
}

/** Cascade inputs a stage reads (from off-chip memory in every mode). */
export function stageCascadeInputs(stage: Stage): { tensor: string; bytes: number }[] {
  const seen = new Map<string, number>();
  for (const t of stage.tasks) for (const o of t.inputs) if (!o.producer) seen.set(o.tensor, o.bytes);
  return [...seen].map(([tensor, bytes]) => ({ tensor, bytes }));
}
