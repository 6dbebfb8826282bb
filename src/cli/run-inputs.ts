// The inputs every simulating command takes (run, explain, sweep): an architecture, a workload,
// workload parameter overrides and architecture field overrides, with the shipped defaults.
import { loadArch } from '../arch/load.js';
import type { Assignment } from '../arch/overrides.js';
import type { Arch } from '../arch/types.js';
import { loadWorkload } from '../einsum/load.js';
import type { Cascade } from '../einsum/types.js';
import { asArray, parseParamFlags, parseSetFlags } from './options.js';
import { resolveInput } from './paths.js';

export const DEFAULT_ARCH = 'arch/tpu-128.yaml';
export const DEFAULT_WORKLOAD = 'workloads/resnet50.yaml';

export const RUN_INPUT_OPTIONS = {
  arch: { alias: 'a', type: 'string', default: DEFAULT_ARCH, describe: 'architecture file (.yaml, or a SCALE-Sim .cfg)' },
  workload: { alias: 'w', type: 'string', default: DEFAULT_WORKLOAD, describe: 'workload file (.yaml, or a SCALE-Sim topology .csv)' },
  param: { alias: 'p', type: 'string', array: true, describe: 'override a workload parameter, NAME=number (repeatable)' },
  set: { type: 'string', array: true, describe: 'override an architecture field, path=value, e.g. structure.rows=64 (repeatable)' },
  dataflow: { choices: ['os', 'ws', 'is'], describe: 'systolic arrays: override the dataflow (same as --set structure.dataflow=...)' },
  'topology-type': { choices: ['conv', 'gemm'], describe: 'for a SCALE-Sim topology .csv workload: force conv or gemm rows' },
} as const;

export interface RunInputArgs {
  arch: string;
  workload: string;
  param?: (string | number)[];
  set?: (string | number)[];
  dataflow?: string;
  topologyType?: string;
}

/** The architecture field overrides: every `--set`, then `--dataflow` as structure.dataflow. */
export function archSetFlags(argv: Pick<RunInputArgs, 'set' | 'dataflow'>): Assignment[] {
  const set = parseSetFlags(asArray(argv.set));
  if (argv.dataflow) set.push({ path: 'structure.dataflow', value: argv.dataflow });
  return set;
}

export function topologyTypeFlag(argv: Pick<RunInputArgs, 'topologyType'>): 'conv' | 'gemm' | undefined {
  return argv.topologyType as 'conv' | 'gemm' | undefined;
}

export function loadRunInputs(argv: RunInputArgs): { workload: Cascade; arch: Arch } {
  const workload = loadWorkload(resolveInput(argv.workload), parseParamFlags(argv.param), { topologyType: topologyTypeFlag(argv) });
  return { workload, arch: loadArch(resolveInput(argv.arch), { set: archSetFlags(argv) }) };
}
