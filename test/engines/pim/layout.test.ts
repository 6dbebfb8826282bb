import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { partialSumAdds, planGemv, type GemvPlan } from '../../../src/engines/pim/layout.js';
import { PIM_GPT_GEOMETRY as G, shape } from './helpers.js';

function plan(...args: Parameters<typeof planGemv>): GemvPlan {
  const r = planGemv(...args);
  if (!r.ok) throw new Error(r.reason);
  return r.plan;
}

const commandsPerUnit = (p: GemvPlan, channel = 0) => p.channels[channel].loads.reduce((s, l) => s + l.piecesPerUnit * l.commandsPerPiece, 0);

describe('planGemv', () => {
  it('spreads the rows of a GPT-2 small QKV projection evenly over 8 channels × 16 banks', () => {
    // 2304 output rows of 768 elements: 288 per channel, 18 per bank, one 1.5 KB buffer fill.
    const p = plan(shape({ outputs: 2304, reduction: 768 }), G);
    expect(p.tiles).toBe(1);
    expect(p.channels).toHaveLength(8);
    for (const ch of p.channels) expect(ch.loads).toEqual([{ tile: 0, firstGroup: 0, tileElements: 768, vectorGroups: 1, vectorBytes: 1536, pieces: 288, piecesPerUnit: 18, commandsPerPiece: 48 }]);
    expect(commandsPerUnit(p)).toBe(864); // 13.5 rows of 64 commands: pieces run over row ends
  });

  it('tiles a reduction longer than the global buffer and leaves the partial sums to the host', () => {
    // GPT-3 XL: K = 2048 BF16 = 4 KB > 2 KB buffer → 2 tiles of 1024; channels 0-3 take tile 0.
    const p = plan(shape({ outputs: 6144, reduction: 2048 }), G);
    expect(p.tiles).toBe(2);
    expect(p.tileElements).toBe(1024);
    expect(p.channels.map((c) => c.loads.map((l) => l.tile))).toEqual([[0], [0], [0], [0], [1], [1], [1], [1]]);
    expect(p.channels[0].loads[0]).toMatchObject({ tile: 0, pieces: 1536, piecesPerUnit: 96, commandsPerPiece: 64 });
    expect(partialSumAdds(p)).toBe(6144);
  });

  it('splits a reduction evenly rather than leaving a short last tile (GPT-2 XL, K = 1600)', () => {
    const p = plan(shape({ outputs: 4800, reduction: 1600 }), G);
    expect(p.tiles).toBe(2);
    expect(p.tileElements).toBe(800);
  });

  it('keeps the heads of QKᵀ that share a channel in one buffer fill', () => {
    // GPT-2 small: 12 heads × 1024 tokens, d_head 64: 1536 dot products per channel over 1.5 heads.
    const p = plan(shape({ batch: 12, outputs: 1024, reduction: 64 }), G);
    expect(p.channels.every((c) => c.loads.length === 1)).toBe(true);
    expect(p.channels.every((c) => c.loads[0].pieces === 1536 && c.loads[0].piecesPerUnit === 96 && c.loads[0].commandsPerPiece === 4)).toBe(true);
    expect(p.channels[0].loads[0].vectorGroups).toBe(2); // heads 0 and 1 (half of head 1)
  });

  it('refills the buffer per head for AV, whose vector (the probabilities) fills it', () => {
    // 12 heads × 64 outputs, reduction over 1024 tokens: 96 rows per channel over two heads.
    const p = plan(shape({ batch: 12, outputs: 64, reduction: 1024 }), G);
    // Channel 0 holds head 0 and half of head 1, channel 1 the other half and head 2: the same
    // loads in canonical order (largest first), so both issue the same commands.
    expect(p.channels[0].loads.map((l) => [l.pieces, l.piecesPerUnit])).toEqual([[64, 4], [32, 2]]);
    expect(p.channels[1].loads.map((l) => [l.pieces, l.piecesPerUnit])).toEqual([[64, 4], [32, 2]]);
    expect(commandsPerUnit(p)).toBe(6 * 64);
  });

  it('balances an output count that does not divide (LM head, 50257 rows)', () => {
    const p = plan(shape({ outputs: 50257, reduction: 768 }), G);
    const pieces = p.channels.map((c) => c.loads.reduce((s, l) => s + l.pieces, 0));
    expect(pieces.reduce((a, b) => a + b, 0)).toBe(50257);
    expect(Math.max(...pieces) - Math.min(...pieces)).toBeLessThanOrEqual(7);
  });

  it('holds every vector of a small batch in the buffer, shortening the tile', () => {
    const p = plan(shape({ outputs: 512, reduction: 1024, vectors: 4 }), G);
    expect(p.tileElements).toBe(256); // 2 KB / (4 vectors × 2 B)
    expect(p.tiles).toBe(4);
  });

  it('refuses a buffer too small for one column of every vector', () => {
    const r = planGemv(shape({ outputs: 8, reduction: 64, vectors: 128 }), G);
    expect(r.ok).toBe(false);
  });

  it('conserves the work and never overfills the buffer (any shape)', () => {
    fc.assert(
      fc.property(
        fc.record({ batch: fc.integer({ min: 1, max: 24 }), outputs: fc.integer({ min: 1, max: 3000 }), reduction: fc.integer({ min: 1, max: 5000 }), vectors: fc.integer({ min: 1, max: 8 }) }),
        fc.integer({ min: 1, max: 16 }),
        (s, channels) => {
          const geo = { ...G, channels };
          const r = planGemv(shape(s), geo);
          if (!r.ok) return;
          const p = r.plan;
          let pieces = 0;
          let reductionCovered = 0;
          for (const c of p.channels) {
            for (const l of c.loads) {
              expect(l.vectorBytes).toBeLessThanOrEqual(geo.globalBufferBytes);
              expect(l.piecesPerUnit * geo.unitsPerChannel).toBeGreaterThanOrEqual(l.pieces);
              expect(l.commandsPerPiece * p.elementsPerCommand).toBeGreaterThanOrEqual(l.tileElements);
              pieces += l.pieces;
              reductionCovered += l.pieces * l.tileElements;
            }
          }
          expect(pieces).toBe(p.tiles * s.batch * s.outputs);
          expect(reductionCovered).toBe(s.batch * s.outputs * s.reduction);
        },
      ),
      { numRuns: 80 },
    );
  });
});
