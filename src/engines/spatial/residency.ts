// Where each tensor of a kernel lives between its producer and its consumers:
// - register: produced and consumed on the same array, within one pass, and the elements a PE
//   holds fit its register file (FuseMax's BQK and SLN in the 2-D PEs, PRM in the 1-D PEs);
// - staging: handed from one array to the other through the staging register file when the array
//   has one and one step's slice fits (FuseMax's LM, RM, SLD between the arrays);
// - buffer: everything else on chip — kernel inputs and outputs, tensors crossing arrays without a
//   staging file, state too big for the registers (RNV), and fiber tensors kept across a pass
//   boundary (QK and SN of the three-pass softmax). The buffer plan decides what of it spills.
import { readsOf } from '../../einsum/graph.js';
import { PRECISION_BYTES, type Cascade, type TensorDecl } from '../../einsum/types.js';
import type { Fold } from './fold.js';
import type { Kernel } from './kernels.js';
import type { PassAnalysis } from './passes.js';
import type { ArrayName, SpatialStructure } from './structure.js';
import { arrayView } from './structure.js';

export type Residence = 'register' | 'staging' | 'buffer';

export interface TensorPlace {
  tensor: string;
  role: 'input' | 'output' | 'internal';
  residence: Residence;
  producer: string | null;
  consumers: string[];
  /** Producer and consumers are on different arrays. */
  crossing: boolean;
  /** Kept across a pass boundary over the kernel's outer rank (a per-query fiber). */
  fiber: boolean;
  reason: string;
}

export interface KernelPlaces {
  /** The rank the kernel walks outermost inside a query tile (m, or the iterative m1). */
  outerRank: string | null;
  places: Record<string, TensorPlace>;
}

export function placeTensors(kernel: Kernel, cascade: Cascade, passes: PassAnalysis, folds: Record<string, Fold>, s: SpatialStructure): KernelPlaces {
  const ids = new Set(kernel.einsums.map((e) => e.id));
  const base = (name: string): string => cascade.tensors[name]?.viewOf?.tensor ?? name;
  const outerRank = outerRankOf(kernel, passes);
  const passOf = outerRank ? (passes.pass[outerRank] ?? {}) : {};

  const producer: Record<string, string> = {};
  const consumers: Record<string, string[]> = {};
  for (const e of kernel.einsums) {
    producer[e.output.tensor] = e.id;
    for (const a of readsOf(e)) {
      const t = base(a.tensor);
      consumers[t] = [...new Set([...(consumers[t] ?? []), e.id])];
    }
  }
  const readElsewhere = new Set(cascade.einsums.filter((e) => !ids.has(e.id)).flatMap((e) => readsOf(e).map((a) => base(a.tensor))));
  const readOutside = (t: string): boolean => readElsewhere.has(t);

  const places: Record<string, TensorPlace> = {};
  for (const t of new Set([...Object.keys(producer), ...Object.keys(consumers)])) {
    const decl = cascade.tensors[t];
    const prod = producer[t] ?? null;
    const cons = consumers[t] ?? [];
    const arrays = new Set<ArrayName>([...(prod ? [kernel.array[prod]] : []), ...cons.map((c) => kernel.array[c])].filter(Boolean));
    const crossing = arrays.size > 1;
    const readPasses = new Set(cons.map((c) => passOf[c] ?? 1));
    const born = prod ? (passOf[prod] ?? 1) : Math.min(...readPasses);
    const lastRead = Math.max(0, ...readPasses);
    const carriesOuter = outerRank !== null && decl.ranks.includes(outerRank) && !(decl.init && decl.init.rank === outerRank);
    // A tensor handed between arrays that walk different numbers of queries at once (the 2-D
    // array 256, the 1-D array one query's row) cannot stream: the consumer starts only once the
    // producer has finished its whole tile, so a tile's worth waits in the buffer.
    const lanes = (id: string): number => folds[id]?.queryLanes ?? 1;
    const mismatch = prod !== null && cons.some((c) => lanes(c) !== lanes(prod));
    const fiber = carriesOuter && (prod ? lastRead > born || (crossing && mismatch) : readPasses.size > 1);
    const role: TensorPlace['role'] = prod === null ? 'input' : readOutside(t) || cons.length === 0 ? 'output' : 'internal';
    const place = (residence: Residence, reason: string): TensorPlace => ({ tensor: t, role, residence, producer: prod, consumers: cons, crossing, fiber, reason });

    if (role !== 'internal') {
      places[t] = place('buffer', role === 'input' ? 'kernel input: fetched from DRAM into the buffer' : 'kernel output: written through the buffer to DRAM');
      continue;
    }
    if (fiber) {
      places[t] = place('buffer', lastRead > born ? `kept across a pass boundary over ${outerRank}` : `handed between arrays that walk ${lanesText(prod, cons, folds)} queries at once: a whole tile waits in the buffer`);
      continue;
    }
    if (!crossing) {
      const array = kernel.array[prod!];
      const perPe = elementsPerPe(decl, kernel, folds[prod!]);
      const regs = arrayView(s, array).registersPerPe;
      places[t] = perPe <= regs ? place('register', `${perPe} per PE in the ${array} register file (${regs})`) : place('buffer', `${perPe} per PE exceed the ${array} PEs' ${regs} registers`);
      continue;
    }
    const staging = s.stagingRegisterFile;
    const slice = sliceEntries(decl, kernel, folds);
    if (staging && slice <= staging.entries) {
      places[t] = place('staging', `crosses arrays; one step's ${slice} values fit the staging register file (${staging.entries})`);
    } else {
      places[t] = place('buffer', staging ? `crosses arrays; one step's ${slice} values exceed the staging register file (${staging.entries})` : 'crosses arrays; no staging register file');
    }
  }
  return { outerRank, places };
}

function lanesText(prod: string | null, cons: string[], folds: Record<string, Fold>): string {
  const lanes = [...new Set([prod, ...cons].filter((x): x is string => x !== null).map((id) => folds[id]?.queryLanes ?? 1))];
  return lanes.join(' and ');
}

/**
 * The rank a kernel walks outermost inside a query tile: its iterative rank, else the outer
 * component of the fiber most of its Einsums walk (m for attention), else none.
 */
function outerRankOf(kernel: Kernel, passes: PassAnalysis): string | null {
  if (kernel.iterativeRank) return kernel.iterativeRank;
  let best: { rank: string; walkers: number } | null = null;
  for (const f of passes.fibers) {
    const rank = f.components[0];
    if (kernel.tileRanks.includes(rank)) continue;
    const walkers = kernel.einsums.filter((e) => e.ranks.some((r) => r.name === rank)).length;
    if (walkers > 0 && (!best || walkers > best.walkers)) best = { rank, walkers };
  }
  return best?.rank ?? null;
}

/** Elements of a tensor one PE holds: spatial ranks fold, tile and iterative ranks count once. */
function elementsPerPe(decl: TensorDecl, kernel: Kernel, fold: Fold | undefined): number {
  return decl.ranks.reduce((acc, r, i) => {
    if (kernel.tileRanks.includes(r) || r === kernel.iterativeRank) return acc;
    const d = fold?.spatial.find((x) => x.rank === r);
    return acc * (d ? d.folds : decl.shape[i]);
  }, 1);
}

/** Values of a tensor handed over per step: one query tile, one iteration. */
function sliceEntries(decl: TensorDecl, kernel: Kernel, folds: Record<string, Fold>): number {
  const queryTile = Math.max(1, ...Object.values(folds).map((f) => f.queryLanes));
  return decl.ranks.reduce((acc, r, i) => {
    if (r === kernel.queryRank) return acc * Math.min(queryTile, decl.shape[i]);
    if (kernel.tileRanks.includes(r) || r === kernel.iterativeRank) return acc;
    return acc * decl.shape[i];
  }, 1);
}

/** Bytes of a tensor per point of `skip` ranks (each of those counted once). */
export function bytesPerPoint(decl: TensorDecl, skip: ReadonlySet<string>): number {
  return decl.ranks.reduce((acc, r, i) => acc * (skip.has(r) ? 1 : decl.shape[i]), 1) * PRECISION_BYTES[decl.precision];
}

export function tensorBytes(decl: TensorDecl): number {
  return bytesPerPoint(decl, new Set());
}
