// Loading the shipped spatial architectures and FuseMax workloads for tests.
import { loadArch } from '../../../src/arch/load.js';
import type { Arch } from '../../../src/arch/types.js';
import { loadWorkload } from '../../../src/einsum/load.js';
import type { Cascade } from '../../../src/einsum/types.js';
import { spatialEngine } from '../../../src/engines/spatial/index.js';
import type { SpatialStructure } from '../../../src/engines/spatial/structure.js';
import { join } from 'node:path';
import { REPO_ROOT } from '../../helpers/ref.js';

export const registry = { spatial: spatialEngine };

export function arch(name: string): Arch<SpatialStructure> {
  return loadArch(join(REPO_ROOT, 'arch', `${name}.yaml`), { registry }) as Arch<SpatialStructure>;
}

export function workload(path: string, params: Record<string, number> = {}): Cascade {
  return loadWorkload(join(REPO_ROOT, path), params);
}
