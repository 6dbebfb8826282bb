// Hand-built cascades for testing the layers below the workload parser.
import type { Cascade, Einsum } from '../../src/einsum/types.js';

/** A cascade of independent GEMMs Z_i[m,n] = A_i[m,k] * B_i[k,n] with the given (M, N, K). */
export function gemmCascade(shapes: [number, number, number][]): Cascade {
  const einsums: Einsum[] = shapes.map(([M, N, K], i) => ({
    id: `Z${i}`,
    text: `Z${i}[m,n] = A${i}[m,k] * B${i}[k,n]`,
    output: { tensor: `Z${i}`, indices: ['m', 'n'].map((r) => ({ terms: { [r]: 1 }, constant: 0, text: r })) },
    expr: {
      kind: 'call',
      op: 'mul',
      args: [
        { kind: 'access', access: { tensor: `A${i}`, indices: ['m', 'k'].map((r) => ({ terms: { [r]: 1 }, constant: 0, text: r })) } },
        { kind: 'access', access: { tensor: `B${i}`, indices: ['k', 'n'].map((r) => ({ terms: { [r]: 1 }, constant: 0, text: r })) } },
      ],
    },
    reduce: { op: 'sum', ranks: ['k'] },
    ranks: [
      { name: 'm', extent: M },
      { name: 'n', extent: N },
      { name: 'k', extent: K },
    ],
    iterative: null,
    annotations: {},
    loc: { file: '<test>', path: `einsums[${i}]` },
  }));
  const tensors: Cascade['tensors'] = {};
  shapes.forEach(([M, N, K], i) => {
    const decl = (name: string, ranks: string[], shape: number[], role: 'input' | 'output') => ({ name, ranks, shape, precision: 'int8' as const, role, init: null, viewOf: null, padding: {}, loc: { file: '<test>', path: `tensors.${name}` } });
    tensors[`A${i}`] = decl(`A${i}`, ['m', 'k'], [M, K], 'input');
    tensors[`B${i}`] = decl(`B${i}`, ['k', 'n'], [K, N], 'input');
    tensors[`Z${i}`] = decl(`Z${i}`, ['m', 'n'], [M, N], 'output');
  });
  return { name: 'gemms', description: '', source: 'test', file: '<test>', params: {}, ranks: {}, tensors, einsums, recurrences: [], warnings: [] };
}
