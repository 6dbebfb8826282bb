import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { archJsonSchema } from '../../src/arch/json-schema.js';
import { REPO_ROOT } from '../helpers/ref.js';

describe('schemas/arch.schema.json', () => {
  it('is up to date with the zod schemas (regenerate with npm run schema)', () => {
    const committed = JSON.parse(readFileSync(join(REPO_ROOT, 'schemas', 'arch.schema.json'), 'utf8'));
    expect(committed).toEqual(JSON.parse(JSON.stringify(archJsonSchema())));
  });

  it('has one variant per engine, each selected by its engine name', () => {
    const variants = (archJsonSchema().anyOf as { properties: { engine: { const: string } } }[]).map((v) => v.properties.engine.const);
    expect(variants.sort()).toEqual(['fpga', 'pim', 'spatial', 'systolic']);
  });
});
