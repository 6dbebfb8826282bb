// The architecture file's common part, as a strict zod schema. `structure:` is left open here
// and validated by the engine's own schema (src/engines/<kind>/structure.ts), so each engine
// owns its parameters while every file shares one loader, one error style and one tech section.
import { z } from 'zod';

export const ENGINE_KINDS = ['systolic', 'pim', 'spatial', 'fpga'] as const;

export const PricedValueSchema = z
  .strictObject({
    value: z.number().nonnegative().meta({ description: 'energy per action in pJ, or area per instance in µm²' }),
    source: z.string().min(1).meta({ description: 'where the number comes from (paper, data sheet, CACTI run)' }),
  })
  .meta({ description: 'a price with its source' });

export const TechOverridesSchema = z.strictObject({
  energyPj: z
    .record(z.string(), z.record(z.string(), PricedValueSchema))
    .default({})
    .meta({ description: 'component → action → energy per action (pJ); overrides the default table' }),
  areaUm2: z.record(z.string(), PricedValueSchema).default({}).meta({ description: 'component → area per instance (µm²)' }),
});

export const ArchFileSchema = z.strictObject({
  name: z.string().min(1),
  engine: z.enum(ENGINE_KINDS),
  description: z.string().default(''),
  source: z.string().default('').meta({ description: 'where the parameters come from' }),
  clockHz: z.number().positive().meta({ unit: 'Hz' }),
  technology: z.string().default('45nm').meta({ description: 'default technology table that prices the components' }),
  structure: z.unknown().meta({ description: "engine-specific; see the engine's structure schema" }),
  tech: TechOverridesSchema.default({ energyPj: {}, areaUm2: {} }),
});

export type ArchFile = z.infer<typeof ArchFileSchema>;
