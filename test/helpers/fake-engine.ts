// A tiny engine for testing the shared layers (arch build, cost, report) without a real model:
// it does honest arithmetic (one MAC per cycle per PE, one buffer read per MAC) so tests can
// check the plumbing against hand-computed numbers.
import { z } from 'zod';
import type { ComponentSpec } from '../../src/arch/types.js';
import type { Engine } from '../../src/engines/engine.js';
import type { EngineRegistry } from '../../src/engines/registry.js';
import { zeroBreakdown, type EngineResult } from '../../src/engines/result.js';

const Structure = z.strictObject({
  pes: z.number().int().positive(),
  bufferBytes: z.number().int().positive(),
  precision: z.enum(['int8', 'fp16']).default('int8'),
  dramStandard: z.string().default('HBM2'),
});
export type FakeStructure = z.infer<typeof Structure>;
type S = FakeStructure;

export const fakeEngine: Engine<S> = {
  kind: 'systolic',
  summary: 'test double',
  schema: Structure,
  components: (s): ComponentSpec[] => [
    { name: 'pe', class: 'mac', instances: s.pes, attributes: { precision: s.precision } },
    { name: 'buffer', class: 'sram', instances: 1, attributes: { sizeBytes: s.bufferBytes, widthBits: 64 } },
    { name: 'dram', class: 'dram', instances: 1, attributes: { standard: s.dramStandard } },
  ],
  check: () => [],
  simulate(cascade, arch): EngineResult {
    const einsums = cascade.einsums.map((e) => {
      const macs = e.ranks.reduce((p, r) => p * r.extent, 1);
      const cycles = Math.ceil(macs / arch.structure.pes);
      return {
        einsum: e.id,
        status: 'ok' as const,
        note: '',
        unit: 'pe',
        cycles,
        stallCycles: 0,
        breakdown: { ...zeroBreakdown(), idealCycles: cycles },
        busyUnitCycles: { pe: macs },
        macs,
        actions: [
          { component: 'pe', action: 'mac', count: macs },
          { component: 'buffer', action: 'read', count: macs },
          { component: 'dram', action: 'read_bytes', count: 64 },
        ],
        traffic: { dram: { readBytes: 64, writeBytes: 0 } },
        details: {},
      };
    });
    const cycles = einsums.reduce((s, e) => s + e.cycles, 0);
    return {
      engine: 'systolic',
      clockHz: arch.clockHz,
      units: { pe: arch.structure.pes },
      cycles,
      stallCycles: 0,
      breakdown: { ...zeroBreakdown(), idealCycles: cycles },
      einsums,
      actions: einsums.flatMap((e) => e.actions),
      traffic: {},
      details: {},
    };
  },
};

export const fakeRegistry: EngineRegistry = { systolic: fakeEngine };

export const FAKE_ARCH_YAML = `name: fake
engine: systolic
description: a test array
source: test
clockHz: 1e9
structure:
  pes: 16
  bufferBytes: 131072
`;
