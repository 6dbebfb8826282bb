#!/usr/bin/env node
// The published entry point runs the compiled CLI (built by `npm run build`, which `npm install`
// runs through the `prepare` script), so a run starts without a TypeScript loader.
import { main } from '../dist/cli/main.js';

main(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
