// Shared builders for the PIM engine tests: GEMV shapes and the PIM-GPT geometry without a DRAM
// model behind them (mapping math only).
import type { GemvShape } from '../../../src/engines/pim/gemv.js';
import type { PimGeometry } from '../../../src/engines/pim/layout.js';

export function shape(p: Partial<GemvShape> & Pick<GemvShape, 'outputs' | 'reduction'>): GemvShape {
  return {
    einsum: 'Y',
    matrix: 'W',
    vector: 'X',
    batch: 1,
    vectors: 1,
    matrixElementBytes: 2,
    vectorElementBytes: 2,
    outputElementBytes: 2,
    ranks: { batch: [], outputs: ['n'], reduction: ['k'], vectors: [] },
    ...p,
  };
}

/** PIM-GPT: 8 channels × 16 banks, 2 KB rows, 32 B per bank per MAC command, 2 KB global buffer. */
export const PIM_GPT_GEOMETRY: PimGeometry = { channels: 8, unitsPerChannel: 16, unitRowBytes: 2048, columnBytes: 32, globalBufferBytes: 2048 };

/** Every (command, bank) earliest issue cycle of a channel's timing state: its observable state. */
export function timingSnapshot(state: { nCmd: number; banks: number; earliestAt(cmd: number, bank: number): number }): number[] {
  const out: number[] = [];
  for (let c = 0; c < state.nCmd; c++) for (let b = 0; b < state.banks; b++) out.push(state.earliestAt(c, b));
  return out;
}
