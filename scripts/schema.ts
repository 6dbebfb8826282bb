// `npm run schema`: writes schemas/arch.schema.json, the JSON Schema of architecture files, from
// the zod schemas (the common part plus each engine's `structure:`), so editors can complete and
// underline arch YAML (yaml-language-server: `# yaml-language-server: $schema=../schemas/arch.schema.json`).
// test/arch/schema-file.test.ts fails when the committed file is out of date.
import { writeFileSync } from 'node:fs';
import { archJsonSchema } from '../src/arch/json-schema.js';

writeFileSync(new URL('../schemas/arch.schema.json', import.meta.url), `${JSON.stringify(archJsonSchema(), null, 2)}\n`);
