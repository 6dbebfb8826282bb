#!/usr/bin/env node
// The published entry point runs the bundled CLI (built by `npm run build`, which `npm install`
// runs through the `prepare` script), so a run starts without a TypeScript loader.
import { main } from '../dist/einsim-cli.mjs';

main(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
