// The `structure:` section of a PIM architecture file, as a strict zod schema: a DRAM device
// (a device preset plus channel count), the per-bank MAC units and their command pacing, the
// per-channel global buffer, and the host unit that runs everything that is not a GEMV.
// Units are in the names; every number in an arch file carries its source in a comment there.
import { z } from 'zod';
import type { DramTiming } from '../../dram/config.js';
import { TIMING_NAMES } from '../../dram/config.js';
import { GPU_NAMES, isGpuName } from '../../roofline/gpus.js';
import { isKnownDevice, knownDeviceNames } from './devices.js';

/**
 * Host operations that can appear in a cost table: the IR's map ops, the reductions (counted as
 * add / max / min) and `mac` (a contraction that runs on the host), as src/einsum/analysis.ts
 * counts them.
 */
export const HOST_OPS = [
  'mac', 'add', 'sub', 'mul', 'div', 'max', 'min', 'neg', 'exp', 'log', 'sqrt', 'rsqrt', 'reciprocal',
  'tanh', 'relu', 'gelu', 'sigmoid', 'silu', 'abs', 'square', 'copy',
] as const;
export type HostOp = (typeof HOST_OPS)[number];

const positiveInt = z.number().int().positive();

export const PimDramSchema = z.strictObject({
  preset: z
    .string()
    .refine(isKnownDevice, { message: `a PIM device or DRAM preset (${knownDeviceNames().join(', ')})` })
    .meta({ description: 'a PIM DRAM device preset (src/engines/pim/devices.ts) or a preset of the DRAM model: organisation and timing' }),
  channels: positiveInt.meta({ description: 'independent channels, each with its own command bus and global buffer' }),
  timingOverrides: z
    .partialRecord(z.enum([...TIMING_NAMES, 'tRCDMAC'] as [keyof DramTiming | 'tRCDMAC', ...string[]]), z.number().int().nonnegative())
    .default({})
    .meta({ description: 'timing values in DRAM clock cycles that replace the preset’s (names as in the DRAM model: tRCDRD, tRP, tRFC...)' }),
  refresh: z
    .enum(['postpone-to-idle', 'at-row-boundary', 'off'])
    .default('postpone-to-idle')
    .meta({ description: 'when all-bank REF issues: postponed into the gaps where the host computes, at the next row switch, or never (what-if)' }),
  maxRefreshPostponed: z.number().int().min(0).max(8).default(8).meta({ description: 'REF commands that may be owed (postponed) or issued ahead (pulled in); JEDEC allows 8' }),
});

export const PimUnitSchema = z.strictObject({
  banksPerMacUnit: z.union([z.literal(1), z.literal(2)]).default(1).meta({ description: 'banks that share one MAC unit (HBM-PIM: one PCU per 2 banks)' }),
  macLanes: positiveInt.meta({ description: 'multipliers per MAC unit (one MAC per lane per MAC clock)' }),
  precision: z.enum(['bf16', 'fp16', 'int8', 'fp32']).meta({ description: 'element type of the resident matrices and of the MAC lanes' }),
  macClockHz: z.number().positive().meta({ unit: 'Hz' }),
  allBankMacSpacingCycles: positiveInt
    .optional()
    .meta({ description: 'nCCDAB: DRAM cycles between all-bank MAC commands (a power cap); default: the MAC unit’s own pace, at least tCCD_L' }),
  globalBufferBytes: positiveInt.meta({ description: 'per-channel buffer that holds the broadcast input vector(s)' }),
  readoutBytesPerValue: positiveInt.default(2).meta({ description: 'bytes per accumulator value read out (RDMAC)' }),
  allBankActCountsInFaw: z.boolean().default(false).meta({ description: 'count an all-bank ACT as one activation in tFAW (AiM exempts it)' }),
});

export const HostSchema = z.strictObject({
  clockHz: z.number().positive().meta({ unit: 'Hz' }),
  lanes: positiveInt.meta({ description: 'element operations the host starts per cycle' }),
  opCycles: z
    .partialRecord(z.enum(HOST_OPS), z.number().nonnegative())
    .meta({ description: 'lane-cycles per element for each operation (exp by Taylor series, div by Newton-Raphson...)' }),
  overlap: z
    .boolean()
    .default(true)
    .meta({ description: 'run host work while the banks run GEMVs it does not depend on (a dependence-graph schedule, softmax and GELU cut per head / per chunk); false: every step after the one before' }),
});

export const PimStructureSchema = z.strictObject({
  dram: PimDramSchema,
  pim: PimUnitSchema,
  host: HostSchema,
  baselines: z
    .array(z.string().refine(isGpuName, { message: `a GPU preset (${GPU_NAMES.join(', ')})` }))
    .default([]).meta({ description: 'GPU roofline presets to compare against (src/roofline/gpus.ts), e.g. [T4, A100]' }),
});

export type PimStructure = z.infer<typeof PimStructureSchema>;
export type HostSpec = z.infer<typeof HostSchema>;
