// `npm run bench`: every benchmark of the project, one after another. Speed is measured here,
// never in tests (the CI machine has 2 cores and shares them).
// Each section imports only its own benchmark, so its process holds nothing of the other
// engines (one comparison measured the DRAM model ~20 % slower with every engine loaded, though
// run-to-run noise on the shared 2-core machine is of the same order).

const only = process.argv[2];

/**
 * Each section: its title, and a run that imports its benchmark (only then, see above) and
 * resolves to false when the benchmark found a wrong number.
 */
const SECTIONS: Record<string, { title: string; run: () => Promise<unknown> }> = {
  load: { title: 'loading the largest shipped workload, cold and warm, beside the YAML parse alone', run: async () => (await import('./load.js')).benchLoad() },
  systolic: { title: 'systolic engine vs SCALE-Sim v2', run: async () => (await import('./systolic.js')).benchSystolic().mismatches === 0 },
  'systolic-sweep': { title: 'systolic engine: one ResNet-50 sweep point on small arrays', run: async () => (await import('./systolic-sweep.js')).benchSystolicSweep() },
  pim: { title: 'PIM engine: GPT decode on PIM-GPT', run: async () => (await import('./pim.js')).benchPim() },
  fpga: { title: 'fpga engine vs the InTAR U280 kernel table', run: async () => (await import('./fpga.js')).benchFpga() },
  spatial: { title: 'spatial engine: the FuseMax reproduction', run: async () => (await import('./spatial.js')).benchSpatial() },
  dram: {
    title: 'DRAM model vs DRAMsim3 (requests simulated per second)',
    run: async () => {
      const { benchDram, formatRow } = await import('./dram.js');
      for (const r of await benchDram()) console.log(formatRow(r));
    },
  },
};

if (!only) {
  // Each benchmark in a fresh process: one benchmark's heap and JIT state must not slow the next.
  const { spawnSync } = await import('node:child_process');
  for (const section of Object.keys(SECTIONS)) {
    const r = spawnSync(process.execPath, [...process.execArgv, process.argv[1], section], { stdio: 'inherit' });
    if (r.status !== 0) process.exitCode = r.status ?? 1;
  }
  process.exit();
}
const section = SECTIONS[only];
if (!section) {
  console.error(`unknown bench section ${JSON.stringify(only)}; one of ${Object.keys(SECTIONS).join(', ')}`);
  process.exit(2);
}
console.log(`== ${section.title} ==`);
if ((await section.run()) === false) process.exitCode = 1;
