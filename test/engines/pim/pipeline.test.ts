// Where the overlapped schedule cuts a decode step (pipeline.ts): along a rank that runs from a
// GEMV through host Einsums independent along it to another GEMV, in as many parts as the banks
// can take without losing more than 1 % — and not along a rank a host Einsum reduces over.
import { describe, expect, it } from 'vitest';
import { parseWorkload } from '../../../src/einsum/parse.js';
import { buildTaskGraph } from '../../../src/engines/pim/task-graph.js';
import { bindEinsum } from '../../../src/engines/pim/binding.js';
import { machineOf } from '../../../src/engines/pim/machine.js';
import { gptDecode, pimArch } from './run.js';

const m = machineOf(pimArch('pim-gpt'));
const splitsOf = (cascade: ReturnType<typeof gptDecode>) => {
  const bindings = new Map(cascade.einsums.map((e) => [e.id, bindEinsum(e, cascade, m)]));
  return buildTaskGraph(cascade, bindings, m, true).splits;
};
const summary = (splits: ReturnType<typeof splitsOf>) => Object.fromEntries([...splits].map(([id, s]) => [id, `${s.rank}/${s.chunk}/${s.role}`]));

describe('pipeline ranks of a GPT decode step', () => {
  it('GPT-2 small: 2 heads per QKᵀ part (one 2 KB row per MAC unit), FC1 in 6 parts of 512 rows; AV, FC2 and the rest whole', () => {
    expect(summary(splitsOf(gptDecode()))).toEqual({
      S: 'h/2/batch', SM: 'h/2/host', EX: 'h/2/host', SD: 'h/2/host', P: 'h/2/host',
      U: 'j/512/outputs', GU: 'j/512/host',
    });
  });

  it('GPT-3 XL: one 128-wide head per part (a full row per unit), FC1 in 16 parts', () => {
    const s = splitsOf(gptDecode({ layers: 24, D: 2048, H: 16, E: 128 }));
    expect(s.get('S')).toMatchObject({ rank: 'h', chunk: 1 });
    expect(s.get('U')).toMatchObject({ rank: 'j', chunk: 512 });
  });

  it('no cut along a rank a later host Einsum reduces over (LayerNorm after a projection), nor without a GEMV after the chain', () => {
    const text = `name: t
precision: bf16
params: { D: 4096, N: 4096 }
ranks: { d: D, n: N }
tensors:
  X: [d]
  W1: [n, d]
  W2: [d, n]
  W3: [n, d]
  Y: [n]
  R: [n]
  M: []
  Z: [n]
  O: [d]
  T: [n]
  G: [n]
einsums:
  - Y[n] = X[d] * W1[n,d]
  - R[n] = Y[n] * 2
  - M[] = R[n] * 0.5
  - Z[n] = R[n] - M[]
  - O[d] = Z[n] * W2[d,n]
  - T[n] = O[d] * W3[n,d]
  - G[n] = gelu(T[n])
`;
    const host = pimArch('pim-gpt', [{ path: 'structure.host.opCycles', value: { add: 1, sub: 1, mul: 1, mac: 1, gelu: 22 } }]);
    const mm = machineOf(host);
    const cuts = (yaml: string) => {
      const w = parseWorkload(yaml, 't.yaml');
      return [...buildTaskGraph(w, new Map(w.einsums.map((e) => [e.id, bindEinsum(e, w, mm)])), mm, true).splits.keys()];
    };
    expect(cuts(text)).toEqual([]);
    // Without the mean, Y → R → Z → O is a pipeline along n.
    expect(cuts(text.replace('Z[n] = R[n] - M[]', 'Z[n] = R[n] - 1'))).toEqual(['Y', 'R', 'Z']);
  });
});
