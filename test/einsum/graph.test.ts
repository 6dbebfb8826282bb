import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { analyseGraph, buildGraph, carriedRank, consumersOf, producerOf, readsOf, tensorRoles, topologicalEinsums } from '../../src/einsum/graph.js';
import { parseWorkload } from '../../src/einsum/parse.js';
import { REPO_ROOT } from '../helpers/ref.js';

const onePass = parseWorkload(readFileSync(join(REPO_ROOT, 'workloads', 'attention-1pass.yaml'), 'utf8'), 'attention-1pass.yaml');

describe('cascade graph queries', () => {
  const g = buildGraph(onePass);

  it('finds producers; inputs and views have none', () => {
    expect(producerOf(g, 'RM')).toBe('RM');
    expect(producerOf(g, 'SLN')).toBe('SLN');
    expect(producerOf(g, 'Q')).toBeNull();
    expect(producerOf(g, 'BK')).toBeNull();
  });

  it('finds consumers, through views to the base tensor', () => {
    expect(consumersOf(g, 'RM').sort()).toEqual(['PRM', 'RM', 'SLN']);
    expect(consumersOf(g, 'K')).toEqual(['BQK']);
    expect(consumersOf(g, 'AV')).toEqual([]);
  });

  it('gives roles: inputs, intermediates (views too) and outputs', () => {
    const roles = tensorRoles(g, onePass.tensors);
    expect(roles).toMatchObject({ Q: 'input', K: 'input', V: 'input', BK: 'intermediate', RM: 'intermediate', AV: 'output' });
  });

  it('marks only reads at an earlier position of the shifted rank as carried', () => {
    const reads = (text: string) => parseWorkload(
      `name: t\nparams: { M1: 2, P: 2 }\ntensors:\n  L: [m1, p]\n  R: { ranks: [m1, p], shape: [M1 + 1, P], init: { m1: 0, value: 0 } }\n  O: [m1, p]\neinsums:\n  - R[m1+1,p] = R[m1,p] + L[m1,p]\n  - ${text}\n`,
      't.yaml',
    );
    const c = reads('O[m1,p] = R[m1,p] - R[m1+1,p]');
    const graph = buildGraph(c);
    expect(carriedRank(graph, 'R', [c.einsums[0].output])).toBeNull(); // same position as written
    const readOfR = readsOf(c.einsums.find((e) => e.id === 'R')!)[0];
    expect(readOfR.indices[0].text).toBe('m1');
    expect(carriedRank(graph, 'R', [readOfR])).toBe('m1');
  });
});

describe('topological order and recurrences', () => {
  it('orders every Einsum after the producers of what it reads (carried reads excepted)', () => {
    const order = topologicalEinsums(onePass);
    const at = new Map(order.map((id, i) => [id, i]));
    const g = buildGraph(onePass);
    for (const e of onePass.einsums) {
      for (const t of new Set((g.predecessors(`e:${e.id}`) ?? []).map((n) => n.slice(2)))) {
        const p = producerOf(g, t);
        const carried = onePass.recurrences.some((r) => r.einsums.includes(e.id) && r.einsums.includes(p ?? ''));
        if (p !== null && !carried) expect(at.get(p)!).toBeLessThan(at.get(e.id)!);
      }
    }
  });

  it('keeps the file order where the dependencies leave a choice', () => {
    const c = parseWorkload('name: t\nparams: { M: 2 }\ntensors: { X: [m], C: [m], B: [m], A: [m] }\neinsums:\n  - C[m] = X[m]\n  - B[m] = exp(X[m])\n  - A[m] = B[m] + C[m]\n', 't.yaml');
    expect(c.einsums.map((e) => e.id)).toEqual(['C', 'B', 'A']);
  });

  it('orders a dependency chain the same whatever order the file lists it in', () => {
    const text = readFileSync(join(REPO_ROOT, 'workloads', 'attention-3pass.yaml'), 'utf8');
    const lines = text.split('\n');
    const first = lines.findIndex((l) => l.startsWith('  - '));
    const einsumLines = lines.slice(first).filter((l) => l.startsWith('  - '));
    fc.assert(
      fc.property(fc.shuffledSubarray(einsumLines, { minLength: einsumLines.length, maxLength: einsumLines.length }), (shuffled) => {
        const c = parseWorkload([...lines.slice(0, first), ...shuffled].join('\n'), 'shuffled.yaml');
        expect(c.einsums.map((e) => e.id)).toEqual(['QK', 'GM', 'SN', 'SD', 'A', 'AV']);
      }),
      { numRuns: 30 },
    );
  });

  it('reports a cycle that no iterative rank breaks, naming its tensors', () => {
    const c = parseWorkload('name: t\nparams: { M: 2 }\ntensors: { X: [m], A: [m], B: [m] }\neinsums:\n  - A[m] = X[m]\n  - B[m] = A[m]\n', 't.yaml');
    expect(analyseGraph(buildGraph(c), ['A', 'B']).problems).toEqual([]);
    // Make A read B: A → B → A, with no shifted write to break it.
    const a = c.einsums.find((e) => e.id === 'A')!;
    a.expr = { kind: 'access', access: { tensor: 'B', indices: a.output.indices } };
    expect(analyseGraph(buildGraph(c), ['A', 'B']).problems).toEqual([{ kind: 'cycle', tensors: ['A', 'B'], einsum: 'A' }]);
  });
});
