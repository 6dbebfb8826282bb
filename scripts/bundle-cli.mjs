// Bundles the compiled CLI (dist/cli/main.js and everything it imports, dependencies included)
// into one file. Node then parses one module instead of several hundred, which halves the
// start-up time of every `einsim` command. mathjs stays external: it is loaded lazily from its
// own single-file bundle (src/einsum/expression.ts).
import { build } from 'esbuild';

await build({
  entryPoints: ['dist/cli/main.js'],
  outfile: 'dist/einsim-cli.mjs',
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  // tinypool starts its worker from a file beside its own module, so it must stay a package.
  external: ['mathjs', 'mathjs/*', 'tinypool'],
  // Some dependencies are CommonJS and call require(); give the ESM bundle a real one.
  banner: { js: "import { createRequire as __einsimCreateRequire } from 'node:module'; const require = __einsimCreateRequire(import.meta.url);" },
  logLevel: 'warning',
});
