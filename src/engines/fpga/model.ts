// The fpga model end to end: cascade → tasks → stages → the mode's plan, plus the resources it
// uses. Pure and deterministic; simulate, check and explain all read this one result.
import type { Arch } from '../../arch/types.js';
import type { Cascade } from '../../einsum/types.js';
import { modelContext, type ModelContext } from './context.js';
import { planDataflow } from './dataflow.js';
import { planIntar } from './intar.js';
import type { FpgaPlan } from './plan.js';
import { resourceUse, type ResourceUse } from './resources.js';
import { planSequential } from './sequential.js';
import { buildStages } from './stages.js';
import type { FpgaStructure } from './structure.js';
import { buildTasks } from './tasks.js';

export interface FpgaModel {
  ctx: ModelContext;
  plan: FpgaPlan;
  resources: ResourceUse;
}

export function runFpgaModel(cascade: Cascade, arch: Arch<FpgaStructure>): FpgaModel {
  const ctx = modelContext(arch.structure, arch.clockHz);
  const graph = buildStages(buildTasks(cascade));
  const planner = { sequential: planSequential, dataflow: planDataflow, intar: planIntar }[arch.structure.mode];
  const plan = planner(graph, ctx);
  return { ctx, plan, resources: resourceUse(plan, ctx) };
}
