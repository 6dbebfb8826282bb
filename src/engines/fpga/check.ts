// The cheap pre-check: can this design be built on this device? A task whose precision has no
// DSP arithmetic, DSP shares beyond the budget, a share too small for one MAC, and a design whose
// DSPs or on-chip buffers exceed the device are reported with a reason naming the task, the
// resource, what the device has and who takes the rest. Nothing is simulated beyond the plan.
import type { Arch } from '../../arch/types.js';
import { isEinsimError } from '../../errors.js';
import type { Cascade } from '../../einsum/types.js';
import type { FitCheck } from '../engine.js';
import { runFpgaModel } from './model.js';
import { resourceProblems } from './resources.js';
import type { FpgaStructure } from './structure.js';

export function checkFpga(cascade: Cascade, arch: Arch<FpgaStructure>): FitCheck[] {
  let model: ReturnType<typeof runFpgaModel>;
  try {
    model = runFpgaModel(cascade, arch);
  } catch (e) {
    // A cascade the mode cannot plan at all: every Einsum gets the reason.
    if (!isEinsimError(e)) throw e;
    const { expected, received } = e.issues[0];
    return cascade.einsums.map((x) => ({ einsum: x.id, ok: false, reason: `needs ${expected}: ${received}` }));
  }
  const { plan, resources, ctx } = model;
  const ids = new Set(cascade.einsums.map((e) => e.id));
  const unknown = Object.keys(arch.structure.intar?.pipelineOverrides ?? {})
    .filter((id) => !ids.has(id))
    .map((id) => `structure.intar.pipelineOverrides names ${id}, not an Einsum of ${cascade.name}`);
  const global = [...resourceProblems(resources, plan, ctx), ...unknown].join('; ');
  return cascade.einsums.map((e) => {
    const own = plan.problems.get(e.id);
    const reason = [own, global].filter((r): r is string => !!r).join('; ');
    return { einsum: e.id, ok: reason === '', reason };
  });
}
