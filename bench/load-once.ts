// One cold measurement for bench/load.ts, run in a fresh process so nothing is compiled or cached
// yet: `load` times the first loadWorkload of the file, `yaml` the first parse of its text by the
// yaml package alone. Prints {"ms": ...}.
import { readFileSync } from 'node:fs';
import { loadWorkload } from '../src/einsum/load.js';
import { parseYamlAlone } from './load.js';

const [mode, file] = process.argv.slice(2);
const start = performance.now();
if (mode === 'load') loadWorkload(file);
else if (mode === 'yaml') parseYamlAlone(readFileSync(file, 'utf8'));
else throw new Error(`usage: load-once.ts load|yaml <workload file>, not ${mode}`);
console.log(JSON.stringify({ ms: performance.now() - start }));
