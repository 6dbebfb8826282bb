// The `structure:` section of a spatial (FuseMax-style) architecture file: a 2-D PE array, a 1-D
// PE array, an optional staging register file between them, a global buffer and DRAM, plus the
// two scheduling choices that tell the FuseMax ablation points apart (fusion, interleaving).
// Everything a design differs in is data here — which ops each array's PEs support and what they
// cost (exp as 6 MAC + 1 add on FuseMax PEs, a dedicated exp unit on FLAT's 1-D array) — so the
// engine has no per-design code path. See docs/spatial.md for every field with its meaning.
import { z } from 'zod';

/** Component classes a PE's functional unit may be (priced by the technology table). */
export const UNIT_CLASSES = ['mac', 'adder', 'comparator', 'divider', 'exp'] as const;
export type UnitClass = (typeof UNIT_CLASSES)[number];

/** Operators an array can be asked for: the IR's map ops, `mac` for a contraction, reductions. */
export const OP_NAMES = ['mac', 'mul', 'add', 'sub', 'max', 'min', 'div', 'exp', 'neg', 'reciprocal', 'log', 'sqrt', 'rsqrt', 'tanh', 'relu', 'gelu', 'sigmoid', 'silu', 'abs', 'square'] as const;
export type OpName = (typeof OP_NAMES)[number];

const OpCostSchema = z
  .strictObject({
    cycles: z.number().positive().meta({ unit: 'cycles', description: 'issue slots one element of this op occupies on a PE' }),
    uses: z
      .record(z.string(), z.number().positive())
      .meta({ description: 'functional unit → actions per element (exp on FuseMax PEs: { mac: 6 })' }),
  })
  .meta({ description: 'cost of one op on one PE' });

const ArrayCommon = {
  registersPerPe: z.number().int().nonnegative().meta({ description: 'register-file entries per PE (one datatype word each)' }),
  bufferPortBits: z
    .number()
    .int()
    .positive()
    .meta({ unit: 'bits', description: 'bits this array moves per global-buffer access; one access costs one buffer read/write' }),
  issue: z
    .enum(['sequential', 'chained'])
    .meta({ description: 'sequential: an Einsum costs the sum of its ops\u2019 cycles; chained: each unit works in its own pipeline stage, the busiest unit sets the cost' }),
  units: z.record(z.string(), z.enum(UNIT_CLASSES)).meta({ description: 'functional units of every PE: unit name → component class' }),
  ops: z.partialRecord(z.enum(OP_NAMES), OpCostSchema).meta({ description: 'ops this array supports and their cost' }),
};

export const Array2dSchema = z.strictObject({
  rows: z.number().int().positive().meta({ description: 'PE rows (FuseMax: the key tile M0)' }),
  cols: z.number().int().positive().meta({ description: 'PE columns (FuseMax: queries P)' }),
  ...ArrayCommon,
});

export const Array1dSchema = z.strictObject({
  pes: z.number().int().positive().meta({ description: 'PEs of the 1-D array' }),
  ...ArrayCommon,
});

export const SpatialStructureSchema = z.strictObject({
  datatype: z.enum(['fp16', 'bf16', 'fp32', 'int8']).meta({ description: 'datatype of every PE and memory word' }),
  array2d: Array2dSchema,
  array1d: Array1dSchema,
  stagingRegisterFile: z
    .strictObject({
      entries: z.number().int().positive(),
      widthBits: z.number().int().positive(),
    })
    .optional()
    .meta({ description: 'register file between the arrays (FuseMax reg_file_1d); absent on FLAT' }),
  globalBuffer: z.strictObject({
    sizeBytes: z.number().int().positive(),
    widthBits: z.number().int().positive().meta({ description: 'row width: bits of one buffer read or write' }),
    banks: z.number().int().positive(),
  }),
  dram: z.strictObject({
    bandwidthBytesPerSecond: z.number().positive(),
    standard: z.string().min(1).meta({ description: 'HBM2, LPDDR4, ... (prices the bytes moved)' }),
  }),
  schedule: z.strictObject({
    fusion: z
      .enum(['cascade', 'per-array'])
      .meta({ description: 'cascade: the Einsums of one `kernel:` run as one fused kernel; per-array: a new kernel wherever the array changes, intermediates between kernels go through DRAM' }),
    interleave: z
      .boolean()
      .meta({ description: 'true: iterations and tiles overlap across the arrays (FuseMax binding); false: one iteration at a time, round trips between arrays wait for the reduction to drain' }),
  }),
}).superRefine((s, ctx) => {
  // An op may only use functional units its array has (a typo must not create a phantom unit).
  for (const key of ['array2d', 'array1d'] as const) {
    for (const [op, cost] of Object.entries(s[key].ops)) {
      for (const unit of Object.keys(cost?.uses ?? {})) {
        if (!(unit in s[key].units)) {
          ctx.addIssue({ code: 'custom', path: [key, 'ops', op, 'uses', unit], message: `a unit of ${key} (${Object.keys(s[key].units).join(', ')})`, input: unit });
        }
      }
    }
  }
});

export type SpatialStructure = z.infer<typeof SpatialStructureSchema>;
export type OpCost = z.infer<typeof OpCostSchema>;

/** The two arrays by the unit names reports use ('2d', '1d'). */
export type ArrayName = '2d' | '1d';
export const ARRAY_NAMES: readonly ArrayName[] = ['2d', '1d'];

export interface ArrayView {
  name: ArrayName;
  /** PEs of the array. */
  lanes: number;
  registersPerPe: number;
  bufferPortBits: number;
  issue: 'sequential' | 'chained';
  units: Record<string, UnitClass>;
  ops: Partial<Record<OpName, OpCost>>;
}

/** One shape for both arrays, so binding and costing code never branches on which one it has. */
export function arrayView(s: SpatialStructure, name: ArrayName): ArrayView {
  const a = name === '2d' ? s.array2d : s.array1d;
  const lanes = name === '2d' ? s.array2d.rows * s.array2d.cols : s.array1d.pes;
  return { name, lanes, registersPerPe: a.registersPerPe, bufferPortBits: a.bufferPortBits, issue: a.issue, units: a.units, ops: a.ops };
}

/** Bytes of one word of the structure's datatype. */
export function wordBytes(s: SpatialStructure): number {
  const bytes: Record<SpatialStructure['datatype'], number> = { fp16: 2, bf16: 2, fp32: 4, int8: 1 };
  return bytes[s.datatype];
}

/** Component name of a functional unit of an array: `mac2d`, `exp1d`. */
export function unitComponent(array: ArrayName, unit: string): string {
  return `${unit}${array}`;
}

/** Component name of an array's per-PE register files: `regfile2d`, `regfile1d`. */
export function regfileComponent(array: ArrayName): string {
  return `regfile${array}`;
}

export const STAGING_COMPONENT = 'staging_regfile';
export const BUFFER_COMPONENT = 'global_buffer';
export const DRAM_COMPONENT = 'dram';
