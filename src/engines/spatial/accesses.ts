// The actions one Einsum causes, for the cost model to price:
// - compute: points × the array's per-op unit actions (exp on FuseMax PEs: 6 `mac`);
// - register files: a register-resident operand is read by every point that uses it and written
//   once per element produced (operands streamed in from the buffer or a neighbour travel through
//   pipeline registers, which are not priced; partial sums accumulate in the PE);
// - staging register file: one write per element handed over, one read per element taken;
// - global buffer: elements moved ÷ elements per access of the array's port (one access = one
//   read or write of the buffer, as wide as the port; an element as wide as its tensor's
//   precision: the reference prices a 4096-bit row as 256 FP16 values, reference/fusemax.md
//   §1.8). An operand is fetched again for every fold of a spatial rank it does not depend on
//   (multicast within a fold) and for every iteration of the iterative rank it does not depend
//   on; anything else is reused in place;
// - DRAM: bytes, from the buffer plan (inputs read by their first reader, outputs and spills
//   written by their producer, spills read back by their first consumer). Data moving between
//   DRAM and the buffer costs one buffer access per row.
import { baseTensor } from '../../einsum/analysis.js';
import { readsOf } from '../../einsum/graph.js';
import { PRECISION_BYTES, type Access, type Cascade, type Einsum } from '../../einsum/types.js';
import type { ActionCount, Traffic } from '../result.js';
import type { BufferPlan } from './buffer-plan.js';
import type { Fold } from './fold.js';
import type { Kernel } from './kernels.js';
import type { OpCost } from './ops.js';
import type { KernelPlaces } from './residency.js';
import { arrayView, BUFFER_COMPONENT, DRAM_COMPONENT, regfileComponent, STAGING_COMPONENT, unitComponent, type SpatialStructure, type UnitClass } from './structure.js';

/** The action a functional unit of each class performs (the technology tables' names). */
const UNIT_ACTION: Record<UnitClass, string> = { mac: 'mac', adder: 'add', comparator: 'max', divider: 'div', exp: 'exp' };

export interface EinsumCounts {
  actions: ActionCount[];
  traffic: Record<string, Traffic>;
  /** Words read and written per residence, for `explain`. */
  words: { register: number; staging: number; buffer: number };
}

export function countEinsum(e: Einsum, kernel: Kernel, cascade: Cascade, cost: OpCost, fold: Fold, kp: KernelPlaces, plan: BufferPlan, s: SpatialStructure): EinsumCounts {
  const array = kernel.array[e.id];
  const view = arrayView(s, array);
  const points = e.ranks.reduce((a, r) => a * r.extent, 1);
  const actions: ActionCount[] = [];
  const add = (component: string, action: string, count: number): void => {
    if (count > 0) actions.push({ component, action, count });
  };
  for (const [unit, perPoint] of Object.entries(cost.usesPerPoint)) {
    add(unitComponent(array, unit), UNIT_ACTION[view.units[unit]], points * perPoint);
  }

  const portBits = Math.min(view.bufferPortBits, s.globalBuffer.widthBits);
  /** Elements of `tensor` one buffer access moves through the array's port (at least one). */
  const perAccess = (tensor: string): number => Math.max(1, portBits / bitsOf(cascade, tensor));
  const words = { register: 0, staging: 0, buffer: 0 };
  let bufferReads = 0;
  let bufferWrites = 0;
  let bufferBytesRead = 0;
  let bufferBytesWritten = 0;
  const base = (name: string): string => baseTensor(cascade, name);

  for (const read of readsOf(e)) {
    const t = base(read.tensor);
    const place = kp.places[t];
    if (!place) continue;
    if (place.residence === 'register') {
      add(regfileComponent(array), 'read', points);
      words.register += points;
    } else if (place.residence === 'staging') {
      const n = distinctElements(e, read) * refetch(e, read, fold, kernel);
      add(STAGING_COMPONENT, 'read', n);
      words.staging += n;
    } else {
      const n = distinctElements(e, read) * refetch(e, read, fold, kernel);
      bufferReads += n / perAccess(read.tensor);
      bufferBytesRead += (n * bitsOf(cascade, read.tensor)) / 8;
      words.buffer += n;
    }
  }
  const out = kp.places[e.output.tensor];
  const produced = distinctElements(e, e.output);
  if (out.residence === 'register') {
    add(regfileComponent(array), 'write', produced);
    words.register += produced;
  } else if (out.residence === 'staging') {
    add(STAGING_COMPONENT, 'write', produced);
    words.staging += produced;
  } else {
    bufferWrites += produced / perAccess(e.output.tensor);
    bufferBytesWritten += (produced * bitsOf(cascade, e.output.tensor)) / 8;
    words.buffer += produced;
  }

  // DRAM: this Einsum's share of the kernel's traffic, and the buffer rows it fills and drains.
  let dramRead = 0;
  let dramWrite = 0;
  for (const [t, traffic] of Object.entries(plan.dram)) {
    const place = kp.places[t];
    const reader = place.consumers[0];
    if (reader === e.id) dramRead += traffic.readBytes;
    if (place.producer === e.id) dramWrite += traffic.writeBytes;
  }
  const rowBytes = s.globalBuffer.widthBits / 8;
  bufferWrites += dramRead / rowBytes;
  bufferReads += dramWrite / rowBytes;
  add(BUFFER_COMPONENT, 'read', bufferReads);
  add(BUFFER_COMPONENT, 'write', bufferWrites);
  add(DRAM_COMPONENT, 'read_bytes', dramRead);
  add(DRAM_COMPONENT, 'write_bytes', dramWrite);

  const traffic: Record<string, Traffic> = {
    [DRAM_COMPONENT]: { readBytes: dramRead, writeBytes: dramWrite },
    [BUFFER_COMPONENT]: { readBytes: bufferBytesRead + dramWrite, writeBytes: bufferBytesWritten + dramRead },
  };
  return { actions, traffic, words };
}

/** Bits of one element of `tensor` (a view's elements are its base tensor's). */
function bitsOf(cascade: Cascade, tensor: string): number {
  return PRECISION_BYTES[cascade.tensors[baseTensor(cascade, tensor)].precision] * 8;
}

/** Elements of a tensor an access touches: the product of the extents of the ranks indexing it. */
function distinctElements(e: Einsum, access: Access): number {
  const ranks = new Set(access.indices.flatMap((ix) => Object.keys(ix.terms)));
  return e.ranks.filter((r) => ranks.has(r.name)).reduce((a, r) => a * r.extent, 1);
}

/** How many times each element is fetched: once per fold of a spatial rank, and once per iteration of the iterative rank, that it does not depend on. */
function refetch(e: Einsum, access: Access, fold: Fold, kernel: Kernel): number {
  const ranks = new Set(access.indices.flatMap((ix) => Object.keys(ix.terms)));
  let n = 1;
  for (const d of fold.spatial) if (!ranks.has(d.rank)) n *= d.folds;
  if (kernel.iterativeRank && !ranks.has(kernel.iterativeRank)) n *= e.ranks.find((r) => r.name === kernel.iterativeRank)?.extent ?? 1;
  return n;
}
