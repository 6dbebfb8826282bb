// Action counts of one stage plan: MACs on the DSPs, 72-bit word accesses of the on-chip buffers
// (BRAM36 or URAM by size), off-chip bytes, and SFU operations. On-chip counting, first order: a
// held operand is written once and read once per MAC beat, shared by the output lanes it is
// broadcast to; an intermediate kept on chip between stages is written once and read once per
// consumer; FIFO streams and accumulators are registers and cost nothing here.
import type { ActionCount, Traffic } from '../result.js';
import { BRAM, DSP, OFFCHIP, SFU_ACTION, URAM } from './components.js';
import { ONCHIP_WORD_BITS } from './devices.js';
import type { Placement, StagePlan } from './plan.js';
import { blocksFor } from './resources.js';
import type { Task } from './tasks.js';

const WORD_BYTES = ONCHIP_WORD_BITS / 8;

export interface TaskCounts {
  actions: ActionCount[];
  traffic: Record<string, Traffic>;
}

const memoryFor = (bytes: number): string => (blocksFor(bytes).uram > 0 ? URAM : BRAM);

export function taskCounts(task: Task, sp: StagePlan, placements: ReadonlyMap<string, Placement>): TaskCounts {
  const actions: ActionCount[] = [];
  let onchipRead = 0;
  let onchipWrite = 0;
  const access = (component: string, action: 'read' | 'write', bytes: number): void => {
    const words = Math.ceil(bytes / WORD_BYTES);
    if (words <= 0) return;
    actions.push({ component, action, count: words });
    if (action === 'read') onchipRead += words * WORD_BYTES;
    else onchipWrite += words * WORD_BYTES;
  };
  if (task.kind === 'mac') {
    actions.push({ component: DSP, action: 'mac', count: task.macs });
    const order = sp.stage.order;
    if (order?.kind === 'stream') {
      const held = order.held;
      const where = memoryFor(held.bytes);
      if (!held.producer || placements.get(held.tensor)?.residence !== 'on-chip') access(where, 'write', held.bytes);
      const lanes = sp.timing.mac?.outputLanes ?? 1;
      access(where, 'read', (task.macs / lanes) * held.elementBytes);
    }
    for (const o of task.inputs) {
      if (order?.kind === 'stream' && o.tensor === order.held.tensor) continue;
      if (o.producer && placements.get(o.tensor)?.residence === 'on-chip') access(memoryFor(o.bytes), 'read', o.bytes);
    }
  } else {
    for (const [op, n] of Object.entries(task.ops)) {
      const target = SFU_ACTION[op];
      if (target) actions.push({ component: target.component, action: target.action, count: n });
    }
    for (const o of task.inputs) if (o.producer && placements.get(o.tensor)?.residence === 'on-chip') access(memoryFor(o.bytes), 'read', o.bytes);
  }
  const out = placements.get(task.output.tensor);
  if (out?.residence === 'on-chip') access(memoryFor(out.bytes), 'write', out.bytes);
  // Off-chip bytes belong to the stage; its first task carries them.
  const offchip = sp.stage.tasks[0] === task ? { readBytes: sp.readBytes, writeBytes: sp.writeBytes } : { readBytes: 0, writeBytes: 0 };
  if (offchip.readBytes > 0) actions.push({ component: OFFCHIP, action: 'read_bytes', count: offchip.readBytes });
  if (offchip.writeBytes > 0) actions.push({ component: OFFCHIP, action: 'write_bytes', count: offchip.writeBytes });
  return { actions, traffic: { offchip: offchip, onchip: { readBytes: onchipRead, writeBytes: onchipWrite } } };
}
