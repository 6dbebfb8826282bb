// The JSON Schema of an architecture file: the common fields, and for each registered engine its
// `structure:` (selected by `engine:`). Generated from the same zod schemas that validate files.
import { z } from 'zod';
import { ENGINES } from '../engines/registry.js';
import { ArchFileSchema } from './schema.js';

export function archJsonSchema(): Record<string, unknown> {
  const variants = Object.entries(ENGINES).map(([kind, engine]) =>
    ArchFileSchema.extend({ engine: z.literal(kind), structure: engine!.schema }),
  );
  const schema = z.toJSONSchema(z.union(variants as unknown as [z.ZodTypeAny, z.ZodTypeAny, ...z.ZodTypeAny[]]), { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
  return { ...schema, title: 'einsim architecture file', description: 'One accelerator: engine kind, structure, clock and technology prices (docs/architectures.md).' };
}
