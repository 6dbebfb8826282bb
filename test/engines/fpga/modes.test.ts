// The three execution modes on the InTAR kernels' shapes: how stages are grouped, when they start,
// where intermediates live, and totals derived by hand from the loop model.
import { describe, expect, it } from 'vitest';
import { arch, model, workload } from './helpers.js';

const ffn = workload('ffn');
const attention = workload('self-attention');
const mlpArch = (mode: 'intar' | 'dataflow' | 'sequential', set: Record<string, unknown> = {}) => arch(mode, { 'structure.budget.dsps': 32, ...set });

describe('InTAR mode', () => {
  it('FFN: FFN1 on both cores, then FFN2 → FFN3 pipelined one core each (the annotated schedule); cycles by hand', () => {
    const { plan } = model(ffn, mlpArch('intar'));
    expect(plan.groups.map((g) => [g.pattern, g.stages])).toEqual([
      ['sequential', ['Z1']],
      ['pipeline', ['Z2', 'Z3']],
    ]);
    // Group 0: 32 lanes, 32 groups of outputs × 256 beats + 32 fills of 8; W1 (512 KiB) over two 32 B/cycle ports: 8,192.
    // Group 1: FFN2 on 16 lanes: 128 × 1,024 + 128 × 8 = 132,096 (W2 on one port: 131,072); FFN3 behind it; one hop of fill.
    // Switch: 15 ns at 257.2 MHz = 4 cycles.
    expect(plan.groups[0].end - plan.groups[0].start).toBe(32 * 256 + 32 * 8);
    expect(plan.groups[1].switchCycles).toBe(4);
    expect(plan.groups[1].end - plan.groups[1].start).toBe(132096 + 8);
    expect(plan.cycles).toBe(8448 + 4 + 132104);
    expect(plan.placements.find((p) => p.tensor === 'H2')?.residence).toBe('fifo');
    expect(plan.placements.find((p) => p.tensor === 'H1')?.residence).toBe('on-chip');
  });

  it('FFN with the heuristic alone (annotations ignored): the 4 KiB intermediate is not pipelined, every layer takes both cores', () => {
    const { plan } = model(ffn, mlpArch('intar', { 'structure.intar.honorAnnotations': false }));
    expect(plan.groups.map((g) => g.stages)).toEqual([['Z1'], ['Z2'], ['Z3']]);
    // FFN3 is an outer product: its ReLU (256 elements, 16 per cycle, one fill) runs after it.
    expect(plan.cycles).toBe(8448 + 4 + (64 * 1024 + 64 * 8) + 4 + (8 * 2048 + 8 * 8) + (256 / 16 + 8));
  });

  it('lets the arch file override the schedule per Einsum, above the workload\u2019s annotation', () => {
    const gating = workload('gating-net');
    const heuristic = model(gating, arch('intar', { 'structure.budget.dsps': 109 }));
    expect(heuristic.plan.groups.map((g) => g.stages)).toEqual([['U', 'G', 'Y']]);
    // The kernel's schedule: the up projection on both cores, then gate → down pipelined.
    const kernel = model(gating, arch('intar', { 'structure.budget.dsps': 109, 'structure.intar.pipelineOverrides': { A: false } }));
    expect(kernel.plan.groups.map((g) => g.stages)).toEqual([['U'], ['G', 'Y']]);
    expect(kernel.plan.cycles).toBeLessThan(heuristic.plan.cycles);
    const plain = model(ffn, mlpArch('intar', { 'structure.intar.pipelineOverrides': { Z3: false } }));
    expect(plain.plan.groups.map((g) => g.stages)).toEqual([['Z1'], ['Z2'], ['Z3']]);
  });

  it('self-attention: Q and K stream into QKᵀ, V into S′·V (intermediates above one scratchpad); S′ waits in the scratchpads', () => {
    const { plan } = model(attention, arch('intar'));
    expect(plan.groups.map((g) => [g.pattern, g.stages])).toEqual([
      ['pipeline', ['Q', 'K', 'S']],
      ['pipeline', ['V', 'O']],
    ]);
    const residence = Object.fromEntries(plan.placements.map((p) => [p.tensor, p.residence]));
    expect(residence).toEqual({ Q: 'fifo', K: 'fifo', V: 'fifo', P: 'on-chip' });
    // Three stages on two cores: Q and K one core each, QKᵀ shares Q's core (longest first).
    const cores = Object.fromEntries(plan.stages.map((s) => [s.stage.id, s.cores]));
    expect(cores).toMatchObject({ Q: [0], K: [1], S: [0], V: [0], O: [1] });
    expect(plan.switchCycles).toBe(4);
  });

  it('spills an intermediate that does not fit the scratchpads to off-chip memory, and pays for it', () => {
    const roomy = model(attention, arch('intar'));
    const tight = model(attention, arch('intar', { 'structure.intar.scratchpadBytesPerCore': 4096, 'structure.intar.pipelineThresholdBytes': 262144 }));
    expect(tight.plan.placements.find((p) => p.tensor === 'P')?.residence).toBe('off-chip');
    const bytes = (m: typeof roomy) => m.plan.stages.reduce((a, s) => a + s.readBytes + s.writeBytes, 0);
    expect(bytes(tight) - bytes(roomy)).toBe(2 * 256 * 256 * 2);
  });

  it('charges a partial-bitstream load instead of an instruction switch between groups when asked', () => {
    const pr = model(ffn, mlpArch('intar', { 'structure.intar.reconfiguration': { kind: 'partial-bitstream', bits: 80e6, bitsPerSecond: 6.4e9 } }));
    const ir = model(ffn, mlpArch('intar'));
    expect(pr.plan.switchCycles).toBe(Math.ceil(0.0125 * 257.2e6));
    expect(pr.plan.cycles - ir.plan.cycles).toBe(pr.plan.switchCycles - ir.plan.switchCycles);
  });
});

describe('dataflow mode', () => {
  it('self-attention: V\u2019s projection waits with S′·V for softmax(QKᵀ): the stall of the FIFO-coupled baseline', () => {
    const { plan } = model(attention, arch('dataflow'));
    expect(plan.groups.map((g) => g.stages)).toEqual([
      ['Q', 'K', 'S'],
      ['V', 'O'],
    ]);
    const at = Object.fromEntries(plan.stages.map((s) => [s.stage.id, s]));
    expect(at.V.start).toBe(plan.groups[0].end);
    expect(at.O.start).toBe(at.V.start);
    // 51 DSPs over five MAC tasks: 10 lanes each.
    expect(plan.stages.filter((s) => s.stage.mac).map((s) => s.lanes)).toEqual([10, 10, 10, 10, 10]);
    expect(plan.placements.find((p) => p.tensor === 'P')?.residence).toBe('on-chip');
  });

  it('FFN: layer 2 holds all of layer 1\u2019s output, so the layers run one after another; FFN3 streams behind FFN2', () => {
    const { plan } = model(ffn, mlpArch('dataflow'));
    expect(plan.groups.map((g) => g.stages)).toEqual([['Z1'], ['Z2', 'Z3']]);
    expect(plan.groups[1].start).toBe(plan.groups[0].end);
  });
});

describe('sequential mode', () => {
  it('runs one stage at a time, every intermediate through off-chip memory; without overlap memory adds to compute', () => {
    const { plan } = model(attention, arch('sequential'));
    for (let i = 1; i < plan.stages.length; i++) expect(plan.stages[i].start).toBe(plan.stages[i - 1].end);
    expect(plan.placements.every((p) => p.residence === 'off-chip')).toBe(true);
    for (const s of plan.stages) expect(s.end - s.start).toBe(s.timing.cycles + s.memoryCycles);
    const overlapped = model(attention, arch('sequential', { 'structure.sequential.overlap': true }));
    for (const s of overlapped.plan.stages) expect(s.end - s.start).toBe(Math.max(s.timing.cycles, s.memoryCycles));
  });

  it('gives every stage all DSPs with shared datapaths, a share each with per-task ones', () => {
    const shared = model(attention, arch('sequential', { 'structure.sequential.datapaths': 'shared' }));
    const perTask = model(attention, arch('sequential'));
    expect(shared.plan.stages.filter((s) => s.stage.mac).every((s) => s.lanes === 52)).toBe(true);
    expect(perTask.plan.stages.filter((s) => s.stage.mac).every((s) => s.lanes === 10)).toBe(true);
    expect(shared.plan.cycles).toBeLessThan(perTask.plan.cycles);
  });
});
