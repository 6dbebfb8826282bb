// Loading the shipped fpga architectures and InTAR workloads for tests, with field overrides.
import { join } from 'node:path';
import { loadArch } from '../../../src/arch/load.js';
import type { Assignment } from '../../../src/arch/overrides.js';
import type { Arch } from '../../../src/arch/types.js';
import { loadWorkload } from '../../../src/einsum/load.js';
import { parseWorkload } from '../../../src/einsum/parse.js';
import type { Cascade } from '../../../src/einsum/types.js';
import { fpgaEngine } from '../../../src/engines/fpga/index.js';
import { runFpgaModel } from '../../../src/engines/fpga/model.js';
import type { FpgaStructure } from '../../../src/engines/fpga/structure.js';
import { REPO_ROOT } from '../../helpers/ref.js';

export const registry = { fpga: fpgaEngine };
export type Mode = 'intar' | 'dataflow' | 'sequential';
export const MODES: readonly Mode[] = ['intar', 'dataflow', 'sequential'];

export function arch(mode: Mode, set: Record<string, unknown> = {}): Arch<FpgaStructure> {
  const assignments: Assignment[] = Object.entries(set).map(([path, value]) => ({ path, value }));
  return loadArch(join(REPO_ROOT, 'arch', `fpga-u280-${mode}.yaml`), { registry, set: assignments }) as Arch<FpgaStructure>;
}

const loaded = new Map<string, Cascade>();

/** A shipped InTAR workload, parsed once per test file (the CNN takes a second to range-check). */
export function workload(name: string, params: Record<string, number> = {}): Cascade {
  const key = `${name} ${JSON.stringify(params)}`;
  if (!loaded.has(key)) loaded.set(key, loadWorkload(join(REPO_ROOT, 'workloads', 'fpga', `${name}.yaml`), params));
  return loaded.get(key) as Cascade;
}

export function cascade(text: string): Cascade {
  return parseWorkload(text, '<test>.yaml');
}

export const run = (c: Cascade, a: Arch<FpgaStructure>) => fpgaEngine.simulate(c, a, { trace: false });
export const model = (c: Cascade, a: Arch<FpgaStructure>) => runFpgaModel(c, a);

/** Three GEMV layers in int16 (the FFN kernel's shape, scalable). */
export function ffnText(I: number, J: number, K: number, O: number, pipelineLast = false): string {
  return `name: ffn
precision: int16
params: { I: ${I}, J: ${J}, K: ${K}, O: ${O} }
tensors: { X: [i], W1: [i, j], H1: [j], W2: [j, k], H2: [k], W3: [k, o], Y: [o] }
einsums:
  - H1[j] = X[i] * W1[i,j]
  - H2[k] = H1[j] * W2[j,k]
  - einsum: Y[o] = H2[k] * W3[k,o]
    pipeline: ${pipelineLast}
`;
}
