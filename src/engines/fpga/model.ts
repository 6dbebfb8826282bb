// The fpga model end to end: cascade → tasks → stages → the mode's plan, plus the resources it
// uses. Pure and deterministic; simulate, check and explain all read this one result.
import type { Arch } from '../../arch/types.js';
import { EinsimError } from '../../errors.js';
import type { Cascade } from '../../einsum/types.js';
import { modelContext, type ModelContext } from './context.js';
import { planDataflow } from './dataflow.js';
import { stagesLoop } from './grouping.js';
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
  // Dataflow and InTAR order their stage groups topologically; a recurrence carried from a later
  // stage back to an earlier one has no such order, and timing it needs an iteration-level
  // pipeline model neither mode has. Sequential mode runs one stage at a time and needs no order.
  if (arch.structure.mode !== 'sequential' && stagesLoop(graph)) {
    const rec = cascade.recurrences.map((r) => `${r.einsums.join(', ')} over ${r.rank}`).join('; ');
    throw new EinsimError({
      file: arch.file,
      path: 'structure.mode',
      code: 'unsupported',
      expected: `mode: sequential for ${cascade.name} (${arch.structure.mode} mode needs stages without a loop between them)`,
      received: `a recurrence whose Einsums fall in different stages (${rec})`,
    });
  }
  const planner = { sequential: planSequential, dataflow: planDataflow, intar: planIntar }[arch.structure.mode];
  const plan = planner(graph, ctx);
  return { ctx, plan, resources: resourceUse(plan, ctx) };
}
