// The overlapped schedule of a GPT decode step (simulate.ts schedulePim): stated from the
// workload, independently of how the task graph derives its edges — no task starts before the
// tasks writing what it reads have finished (a host step never before the GEMV it reads has read
// out; the next layer's projections never before its LayerNorm), the banks and the host never
// run two tasks at once, the latency is at least the busier of the two, and overlap never makes a
// decode step slower than the sequential schedule.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readsOf } from '../../../src/einsum/graph.js';
import { schedulePim, type PimSchedule } from '../../../src/engines/pim/simulate.js';
import { gptDecode, pimArch, run } from './run.js';

const arch = pimArch('pim-gpt', [{ path: 'structure.dram.channels', value: 2 }]);
const sequential = pimArch('pim-gpt', [
  { path: 'structure.dram.channels', value: 2 },
  { path: 'structure.host.overlap', value: false },
]);

/** Every (writer, reader) pair the workload implies, with the reader's start and the writer's finish. */
function violations(s: PimSchedule): string[] {
  const { tasks, steps } = s.graph;
  const out: string[] = [];
  const name = (i: number) => `${steps[tasks[i].step].einsum.id}#${steps[tasks[i].step].repetition}${tasks[i].range ? `[${tasks[i].range!.lo},${tasks[i].range!.hi})` : ''}/${tasks[i].kind}`;
  // The tensor a task's results are visible as: the Einsum's output (the partial sums task for a tiled GEMV, else the GEMV).
  const writers = tasks.map((t, i) => ({ i, t })).filter(({ t, i }) => t.kind === 'host' || t.kind === 'sum' || (t.kind === 'gemv' && !(tasks[i + 1]?.kind === 'sum' && tasks[i + 1].deps.includes(i))));
  for (const [ri, r] of tasks.entries()) {
    if (r.kind === 'fetch' || r.kind === 'sum') continue;
    const rs = steps[r.step];
    const read = new Set(readsOf(rs.einsum).map((a) => a.tensor));
    for (const { i: wi, t: w } of writers) {
      const ws = steps[w.step];
      const tensor = ws.einsum.output.tensor;
      const sameLayer = ws.repetition === rs.repetition && ws.inBlock === rs.inBlock;
      const fed = ws.einsum.annotations.feeds;
      const carried = typeof fed === 'string' && rs.inBlock && ws.inBlock && rs.repetition === ws.repetition + 1 && read.has(fed);
      const afterBlock = !rs.inBlock && ws.inBlock && ws.repetition === Math.max(...steps.filter((x) => x.inBlock).map((x) => x.repetition));
      if (!carried && !((sameLayer || afterBlock) && read.has(tensor))) continue;
      const disjoint = r.range && w.range && r.range.rank === w.range.rank && (r.range.hi <= w.range.lo || w.range.hi <= r.range.lo);
      if (disjoint) continue;
      if (s.timing[ri].start < s.timing[wi].finish) out.push(`${name(ri)} starts at ${s.timing[ri].start} before ${name(wi)} finishes at ${s.timing[wi].finish}`);
    }
  }
  return out;
}

describe('the overlapped schedule of a GPT decode step', () => {
  const cascade = gptDecode({ layers: 3, D: 512, H: 8, E: 64, V: 2000, L: 2048 });
  const s = schedulePim(cascade, arch, false);

  it('cuts QKᵀ and softmax per head group and FC1 and GELU per output chunk, and overlaps them', () => {
    const cut = (id: string) => s.graph.splits.get(id)?.rank;
    expect(['S', 'SM', 'EX', 'SD', 'P'].map(cut)).toEqual(['h', 'h', 'h', 'h', 'h']);
    expect(['U', 'GU'].map(cut)).toEqual(['j', 'j']);
    const overlapping = s.graph.tasks.some((t, i) => t.kind === 'host' && s.graph.tasks.some((u, k) => u.kind === 'gemv' && s.timing[k].start < s.timing[i].finish && s.timing[i].start < s.timing[k].freeAt));
    expect(overlapping).toBe(true);
  });

  it('never starts a task before what it reads is written: the host after the GEMV has read out, layer l+1 after layer l', () => {
    expect(violations(s)).toEqual([]);
    s.graph.tasks.forEach((t, i) => t.deps.forEach((d) => expect(s.timing[i].start).toBeGreaterThanOrEqual(s.timing[d].finish)));
  });

  it('the checks catch a host step moved before its GEMV read out', () => {
    const i = s.graph.tasks.findIndex((t) => t.kind === 'host' && s.graph.steps[t.step].einsum.id === 'SM');
    const moved = { ...s, timing: s.timing.map((x, k) => (k === i ? { ...x, start: x.start - 1000 } : x)) };
    expect(violations(moved).length).toBeGreaterThan(0);
  });

  it('never double-books the banks or the host', () => {
    for (const res of ['banks', 'host'] as const) {
      const mine = s.timing.filter((_, i) => s.graph.tasks[i].resource === res).sort((a, b) => a.start - b.start);
      for (let k = 1; k < mine.length; k++) expect(mine[k].start).toBeGreaterThanOrEqual(mine[k - 1].freeAt);
    }
  });

  it('takes at least as long as the busier of the banks and the host', () => {
    const busy = (res: 'banks' | 'host') => s.timing.reduce((a, x, i) => a + (s.graph.tasks[i].resource === res ? x.freeAt - x.start : 0), 0);
    expect(s.latencyCycles).toBeGreaterThanOrEqual(Math.max(busy('banks'), busy('host')));
  });

  it('without overlap, every task waits for the one before it', () => {
    const q = schedulePim(cascade, sequential, false);
    for (let i = 1; i < q.timing.length; i++) expect(q.timing[i].start).toBeGreaterThanOrEqual(q.timing[i - 1].finish);
    expect(q.graph.splits.size).toBe(0);
  });

  it('overlap never makes a decode step slower than the sequential schedule', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 2 }), fc.constantFrom(256, 512), fc.constantFrom(2, 4, 8), fc.constantFrom(512, 1024), (layers, D, H, L) => {
        const c = gptDecode({ layers, D, H, E: D / H, V: 1000, L });
        const a = schedulePim(c, arch, false);
        const b = schedulePim(c, sequential, false);
        expect(violations(a)).toEqual([]);
        expect(a.latencyCycles).toBeLessThanOrEqual(b.latencyCycles);
      }),
      { numRuns: 8 },
    );
  });
});

describe('the global buffer across GEMVs', () => {
  it('is not refilled when the next GEMV needs the vector piece it holds (K and V projections after Q; FC1 parts)', () => {
    const written = (a: typeof arch, id: string) => run(gptDecode({ layers: 1, V: 1000 }), a).report.einsums.find((e) => e.einsum === id)!.traffic.dram_io.writeBytes;
    // Sequentially K and V run right after Q on the same XN1, mapped alike: nothing to write.
    expect(written(sequential, 'Q')).toBe(2 * 768 * 2); // 2 channels × 768 BF16
    expect(written(sequential, 'KN')).toBe(0);
    expect(written(sequential, 'VN')).toBe(0);
    // Overlapped, FC1's six parts all read XN2: it is written once per channel.
    expect(written(arch, 'U')).toBe(2 * 768 * 2);
  });
});
