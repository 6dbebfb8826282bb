// The shape of a default technology table: given a component (class + attributes), return a
// price for each action it supports and its area per instance, each with its source, or say
// why it cannot. One table per technology node (src/arch/defaults/<node>.ts); engines never
// hold energies or areas.
import type { ComponentSpec, PricedValue } from '../types.js';

export interface ComponentPrice {
  energyPj: Record<string, PricedValue>;
  areaUm2: PricedValue;
}

export type PriceResult = { ok: true; price: ComponentPrice } | { ok: false; reason: string };

export interface TechnologyTable {
  node: string;
  /** One line on where the numbers come from, for `einsim explain` and docs. */
  summary: string;
  price(component: ComponentSpec): PriceResult;
}

/** A measured point of a memory: capacity, access width, energies per access, area. */
export interface MemoryPoint {
  sizeBytes: number;
  widthBits: number;
  readPj: number;
  writePj: number;
  areaUm2: number;
  source: string;
}

/**
 * Price a memory of any size and width from the nearest measured point (nearest in
 * log-capacity): energy per accessed bit scales with √(capacity ratio) — bit-line and word-line
 * energy grow with the side of a square array (the usual first-order CACTI trend) — and area
 * scales linearly with capacity. This is an estimate; the source says from which point, and an
 * arch file can override it with a CACTI or data-sheet number.
 */
export function scaleMemory(points: readonly MemoryPoint[], sizeBytes: number, widthBits: number, node: string): ComponentPrice {
  let best = points[0];
  for (const p of points) {
    if (Math.abs(Math.log(p.sizeBytes / sizeBytes)) < Math.abs(Math.log(best.sizeBytes / sizeBytes))) best = p;
  }
  const capacity = Math.sqrt(sizeBytes / best.sizeBytes);
  const widthRatio = widthBits / best.widthBits;
  const exact = best.sizeBytes === sizeBytes && best.widthBits === widthBits;
  const how = exact
    ? `default ${node}: ${best.source}`
    : `default ${node}: scaled from ${best.sizeBytes} B × ${best.widthBits} b (${best.source}) by √capacity and width`;
  return {
    energyPj: {
      read: { value: best.readPj * widthRatio * capacity, source: how },
      write: { value: best.writePj * widthRatio * capacity, source: how },
    },
    areaUm2: { value: (best.areaUm2 * sizeBytes) / best.sizeBytes, source: exact ? how : `default ${node}: scaled linearly in capacity from ${best.sizeBytes} B (${best.source})` },
  };
}
