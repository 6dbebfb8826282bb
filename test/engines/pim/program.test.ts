import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { planGemv } from '../../../src/engines/pim/layout.js';
import { emitChannelProgram, type PimCommandSink } from '../../../src/engines/pim/program.js';
import { PIM_GPT_GEOMETRY as G, shape } from './helpers.js';

/** Records the command sequence as letters: G (buffer write), A (open row), M (MAC), R<n> (read-out). */
function record(s: Parameters<typeof shape>[0], geometry = G, bufferHoldsFirst = false) {
  const r = planGemv(shape(s), geometry);
  if (!r.ok) throw new Error(r.reason);
  const counts = { gbBytes: 0, rows: 0, macs: 0, readoutValues: 0 };
  const seq: string[] = [];
  const sink: PimCommandSink = {
    writeGlobalBuffer: (b) => { counts.gbBytes += b; seq.push('G'); },
    openRow: () => { counts.rows++; seq.push('A'); },
    mac: (n) => { counts.macs += n; seq.push('M'.repeat(n)); },
    readout: (n) => { counts.readoutValues += n; seq.push(`R${n}`); },
  };
  const plan = r.plan.channels[0];
  emitChannelProgram(plan, { unitsPerChannel: geometry.unitsPerChannel, commandsPerRow: r.plan.commandsPerRow, vectors: s.vectors ?? 1 }, sink, bufferHoldsFirst);
  return { counts, seq, plan: r.plan, channelPlan: plan };
}

describe('emitChannelProgram', () => {
  it('streams whole rows: 64 MACs per activation, a read-out after every finished dot product', () => {
    // One channel, 16 rows of 1024 elements: one row per bank, 64 MAC commands, 16 values out.
    const { counts, seq } = record({ outputs: 16, reduction: 1024 }, { ...G, channels: 1 });
    expect(counts).toEqual({ gbBytes: 2048, rows: 1, macs: 64, readoutValues: 16 });
    // The first row opens before the buffer fill, so tRCD hides behind the buffer writes.
    expect(seq.join('')).toBe(`AG${'M'.repeat(64)}R16`);
  });

  it('does not refill a buffer that already holds the first load’s vector; later loads still fill it', () => {
    expect(record({ outputs: 16, reduction: 1024 }, { ...G, channels: 1 }, true).seq.join('')).toBe(`A${'M'.repeat(64)}R16`);
    // Two tiles of a 2048-long reduction: two loads, only the second written.
    const two = record({ outputs: 16, reduction: 2048 }, { ...G, channels: 1 }, true);
    expect(two.channelPlan.loads).toHaveLength(2);
    expect(two.seq.filter((x) => x === 'G')).toHaveLength(1);
  });

  it('packs short dot products back to back in one row (heads concatenated)', () => {
    // 16 tokens × 64-element keys per bank: 16 pieces of 4 commands fill one 64-command row.
    const { counts, seq } = record({ outputs: 256, reduction: 64 }, { ...G, channels: 1 });
    expect(counts.rows).toBe(1);
    expect(counts.macs).toBe(64);
    expect(seq.join('')).toBe(`AG${'MMMMR16'.repeat(16)}`);
  });

  it('lets a dot product run over a row end (768-element rows: 3 pieces per 2 rows)', () => {
    const { counts } = record({ outputs: 2304, reduction: 768 });
    expect(counts.macs).toBe(864);
    expect(counts.rows).toBe(14); // ceil(864 / 64)
    expect(counts.readoutValues).toBe(288);
  });

  it('reads an open row once per vector of a small batch', () => {
    const { counts } = record({ outputs: 16, reduction: 256, vectors: 4 }, { ...G, channels: 1 });
    expect(counts.rows).toBe(1);
    expect(counts.macs).toBe(4 * 16);
    expect(counts.readoutValues).toBe(4 * 16);
  });

  it('issues exactly the planned MACs and reads out every dot product (any shape)', () => {
    fc.assert(
      fc.property(
        fc.record({ batch: fc.integer({ min: 1, max: 8 }), outputs: fc.integer({ min: 1, max: 400 }), reduction: fc.integer({ min: 1, max: 3000 }), vectors: fc.integer({ min: 1, max: 4 }) }),
        (s) => {
          const { counts, channelPlan: p } = record(s, { ...G, channels: 1 });
          const planned = p.loads.reduce((a, l) => a + l.piecesPerUnit * l.commandsPerPiece * s.vectors, 0);
          expect(counts.macs).toBe(planned);
          expect(counts.readoutValues).toBe(p.loads.reduce((a, l) => a + l.pieces * s.vectors, 0));
          expect(counts.rows).toBeGreaterThanOrEqual(Math.ceil(planned / s.vectors / 64));
        },
      ),
      { numRuns: 100 },
    );
  });
});
