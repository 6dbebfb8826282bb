// Where a GEMV's matrix lives and who computes what: the mapping math, before any timing.
//
// The matrix is cut into *pieces*: one dot product of one output row (batch b, output n) over one
// reduction tile t. A tile is as long as the global buffer can hold for every vector at once
// (PIM-GPT: "matrices wider than a bank row are tiled, and the ASIC sums the partial VMMs"), split
// evenly so that all tiles cost the same. Pieces are ordered tile-major, then batch, then output
// row, and cut into equal contiguous chunks, one per channel: a channel then needs few distinct
// vector pieces in its buffer. Inside a channel, consecutive pieces that share one tile and whose
// vector pieces fit the buffer together form a *load* (one global-buffer fill); the load's pieces
// go round-robin to the MAC units, so every unit holds the same layout at the same addresses and
// one all-bank command drives them all (lock-step). Each unit packs its pieces densely along its
// rows, so a DRAM row holds several short pieces (heads concatenated, PIM-GPT) or part of a long
// one. Because the reduction rank is the one laid out contiguously, the K cache (reduced over the
// head dimension in QKᵀ) and the V cache (reduced over tokens in AV) come out in the two opposite
// layouts PIM-GPT describes, and both stream whole rows.
import type { GemvShape } from './gemv.js';

export interface PimGeometry {
  channels: number;
  /** MAC units per channel (banks ÷ banks per unit). */
  unitsPerChannel: number;
  /** Bytes one unit streams per all-bank activation (banks per unit × row bytes of a bank). */
  unitRowBytes: number;
  /** Bytes one unit reads per MAC column command (the bank's prefetch, 32 B for GDDR6 and HBM). */
  columnBytes: number;
  globalBufferBytes: number;
}

/** One global-buffer fill of one channel and the MAC work that uses it. */
export interface GbLoad {
  tile: number;
  /** The first (tile, batch) vector group the buffer holds (groups are numbered tile-major). */
  firstGroup: number;
  /** Reduction elements of every piece of this load. */
  tileElements: number;
  /** Distinct (batch, tile) vector pieces held in the buffer. */
  vectorGroups: number;
  /** Bytes written to the buffer: groups × tile elements × vectors × element bytes. */
  vectorBytes: number;
  /** Dot products of this load on this channel (over all units). */
  pieces: number;
  /** Pieces of the most loaded unit: the lock-step length of the load. */
  piecesPerUnit: number;
  /** MAC column commands per piece and vector. */
  commandsPerPiece: number;
}

export interface ChannelPlan {
  loads: GbLoad[];
}

export interface GemvPlan {
  shape: GemvShape;
  tiles: number;
  /** Reduction elements per tile (the last tile may be shorter). */
  tileElements: number;
  /** Elements one MAC command reads per unit. */
  elementsPerCommand: number;
  commandsPerRow: number;
  /** One plan per channel (index = channel). */
  channels: ChannelPlan[];
}

export type PlanResult = { ok: true; plan: GemvPlan } | { ok: false; reason: string };

/** Map one GEMV onto the device; fails (with a reason) only when the buffer cannot hold one command's worth of every vector. */
export function planGemv(shape: GemvShape, g: PimGeometry): PlanResult {
  const elementsPerCommand = Math.floor(g.columnBytes / shape.matrixElementBytes);
  const commandsPerRow = Math.floor(g.unitRowBytes / g.columnBytes);
  if (elementsPerCommand < 1 || commandsPerRow < 1) return { ok: false, reason: `a ${g.columnBytes} B column cannot hold a ${shape.matrixElementBytes} B element` };
  const vectorBytesPerElement = shape.vectors * shape.vectorElementBytes;
  const maxTile = Math.floor(g.globalBufferBytes / vectorBytesPerElement / elementsPerCommand) * elementsPerCommand;
  if (maxTile < elementsPerCommand) {
    return { ok: false, reason: `the ${g.globalBufferBytes} B global buffer cannot hold ${elementsPerCommand} elements of ${shape.vectors} vectors` };
  }
  const tiles = Math.ceil(shape.reduction / maxTile);
  const tileElements = Math.min(maxTile, roundUp(Math.ceil(shape.reduction / tiles), elementsPerCommand));
  const tileLength = (t: number) => (t < tiles - 1 ? tileElements : shape.reduction - (tiles - 1) * tileElements);

  const groupPieces = shape.outputs; // pieces per (tile, batch) vector group
  const totalPieces = tiles * shape.batch * groupPieces;
  const perChannel = Math.ceil(totalPieces / g.channels);
  const channels: ChannelPlan[] = [];
  for (let c = 0; c < g.channels; c++) {
    const start = Math.min(totalPieces, c * perChannel);
    channels.push(channelPlan(start, Math.min(totalPieces, start + perChannel)));
  }
  return { ok: true, plan: { shape, tiles, tileElements, elementsPerCommand, commandsPerRow, channels } };

  function channelPlan(start: number, end: number): ChannelPlan {
    const loads: GbLoad[] = [];
    let open: GbLoad | null = null;
    // Walk the vector groups (tile, batch) this channel's pieces touch.
    for (let group = Math.floor(start / groupPieces); start < end && group * groupPieces < end; group++) {
      const pieces = Math.min(end, (group + 1) * groupPieces) - Math.max(start, group * groupPieces);
      const tile = Math.floor(group / shape.batch);
      const length = tileLength(tile);
      const bytes = length * vectorBytesPerElement;
      if (open && open.tile === tile && open.vectorBytes + bytes <= g.globalBufferBytes) {
        open.vectorGroups++;
        open.vectorBytes += bytes;
        open.pieces += pieces;
      } else {
        open = { tile, firstGroup: group, tileElements: length, vectorGroups: 1, vectorBytes: bytes, pieces, piecesPerUnit: 0, commandsPerPiece: Math.ceil(length / elementsPerCommand) };
        loads.push(open);
      }
    }
    for (const l of loads) l.piecesPerUnit = Math.ceil(l.pieces / g.unitsPerChannel);
    // Loads are independent (each fills the buffer and sums into its own outputs), so their order
    // is free: a canonical order (largest first) lets channels whose loads differ only in order
    // share one simulated history.
    loads.sort((a, b) => b.pieces - a.pieces || b.commandsPerPiece - a.commandsPerPiece || b.vectorBytes - a.vectorBytes || a.tile - b.tile);
    return { loads };
  }
}

function roundUp(x: number, m: number): number {
  return Math.ceil(x / m) * m;
}

/** Host additions that combine the partial sums of a tiled reduction. */
export function partialSumAdds(plan: GemvPlan): number {
  const s = plan.shape;
  return (plan.tiles - 1) * s.batch * s.outputs * s.vectors;
}
