// zod's type names become readable "expected ..." phrases: the article fits the word, and zod's
// short names (int) are spelled out, so `--set structure.rows=2.5` reads "expected an integer".
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { parseYamlSource } from '../../src/util/yaml-source.js';
import { zodToIssues } from '../../src/util/zod-issues.js';

function expectedFor(schema: z.ZodType, yaml: string): string {
  const source = parseYamlSource(yaml, 'x.yaml');
  const r = schema.safeParse(source.value);
  if (r.success) throw new Error('expected the schema to reject the value');
  return zodToIssues(r.error, source)[0].expected;
}

describe('zod issue wording', () => {
  it.each([
    ['rows: 2.5', 'an integer', z.object({ rows: z.number().int() })],
    ['rows: "x"', 'a number', z.object({ rows: z.number() })],
    ['s: 3', 'an object', z.object({ s: z.object({ a: z.number() }) })],
    ['l: 3', 'an array', z.object({ l: z.array(z.number()) })],
    ['{}', 'a number (required field)', z.object({ rows: z.number().int() })],
    ['{}', 'a value (required field)', z.object({ structure: z.unknown() })],
  ])('%s → expected %s', (yaml, expected, schema) => {
    expect(expectedFor(schema, yaml)).toBe(expected);
  });
});
