// Loop orders and stage edges: hold the least on chip; an edge is coupled only when the consumer
// streams the tensor and the producer emits it progressively.
import { describe, expect, it } from 'vitest';
import { buildStages } from '../../../src/engines/fpga/stages.js';
import { buildTasks } from '../../../src/engines/fpga/tasks.js';
import { workload } from './helpers.js';

const graph = (name: string) => buildStages(buildTasks(workload(name)));
const edge = (g: ReturnType<typeof graph>, tensor: string) => g.edges.find((e) => e.tensor === tensor);

describe('loop orders', () => {
  it('FFN: each GEMV holds its 2–4 KiB input vector and streams the weights; FFN3 accumulates its 256 outputs while FFN2 streams', () => {
    const g = graph('ffn');
    const order = (id: string) => g.stages.find((s) => s.id === id)?.order;
    expect(order('Z1')).toMatchObject({ kind: 'stream', streamed: { tensor: 'W1' }, held: { tensor: 'X' } });
    expect(order('Z2')).toMatchObject({ kind: 'stream', streamed: { tensor: 'W2' }, held: { tensor: 'H1' } });
    expect(order('Z3')).toMatchObject({ kind: 'outer', bufferBytes: 512 });
    expect(edge(g, 'H1')?.coupled).toBe(false);
    expect(edge(g, 'H2')?.coupled).toBe(true);
  });

  it('self-attention: projections hold X, QKᵀ is an outer product over e (S only at the end), S′·V holds S′ and streams V', () => {
    const g = graph('self-attention');
    expect(g.stages.map((s) => s.id)).toEqual(['Q', 'K', 'V', 'S', 'O']);
    expect(g.stages.find((s) => s.id === 'S')?.sfus.map((t) => t.id)).toEqual(['SM', 'SE', 'SD', 'P']);
    expect(g.stages.find((s) => s.id === 'S')?.emitsAtEnd).toBe(true);
    expect(edge(g, 'Q')?.coupled).toBe(true);
    expect(edge(g, 'K')?.coupled).toBe(true);
    expect(edge(g, 'V')?.coupled).toBe(true);
    expect(edge(g, 'P')?.coupled).toBe(false);
  });

  it('CNN: each convolution streams its input through a 3-row line buffer and holds the 3×3 kernel', () => {
    const g = graph('cnn-4l');
    const c2 = g.stages.find((s) => s.id === 'C2');
    expect(c2?.order).toMatchObject({ kind: 'stream', streamed: { tensor: 'U1' }, held: { tensor: 'F2' } });
    // 3 of the 226 padded low-resolution rows of the 448 × 448 upsampled image (392 KiB), plus 18 B of kernel.
    expect(c2?.order?.bufferBytes).toBe(Math.ceil((448 * 448 * 2 * 3) / 226) + 18);
    expect(['U1', 'U2', 'M3'].map((t) => edge(g, t)?.coupled)).toEqual([true, true, true]);
  });

  it('gating net: the down projection accumulates its 32 × 4096 outputs while the gated hidden activation streams in', () => {
    const g = graph('gating-net');
    expect(g.stages.find((s) => s.id === 'G')?.sfus.map((t) => t.id)).toEqual(['A']);
    expect(g.stages.find((s) => s.id === 'Y')?.order?.kind).toBe('outer');
    expect(edge(g, 'A')?.coupled).toBe(true);
    expect(edge(g, 'U')?.coupled).toBe(true);
  });
});
