// `npm run bench`: every benchmark of the project, one after another. Speed is measured here,
// never in tests (the CI machine has 2 cores and shares them).
// Each section imports only its own benchmark, so its process holds nothing of the other
// engines (one comparison measured the DRAM model ~20 % slower with every engine loaded, though
// run-to-run noise on the shared 2-core machine is of the same order).

const only = process.argv[2];
const SECTIONS = ['load', 'systolic', 'systolic-sweep', 'pim', 'fpga', 'spatial', 'dram'];

if (!only) {
  // Each benchmark in a fresh process: one benchmark's heap and JIT state must not slow the next.
  const { spawnSync } = await import('node:child_process');
  for (const section of SECTIONS) {
    const r = spawnSync(process.execPath, [...process.execArgv, process.argv[1], section], { stdio: 'inherit' });
    if (r.status !== 0) process.exitCode = r.status ?? 1;
  }
  process.exit();
}
if (only === 'load') {
  console.log('== loading the largest shipped workload, cold and warm, beside the YAML parse alone ==');
  const { benchLoad } = await import('./load.js');
  benchLoad();
}
if (only === 'systolic') {
  console.log('== systolic engine vs SCALE-Sim v2 ==');
  const { benchSystolic } = await import('./systolic.js');
  const r = benchSystolic();
  if (r.mismatches > 0) process.exitCode = 1;
}
if (only === 'systolic-sweep') {
  console.log('== systolic engine: one ResNet-50 sweep point on small arrays ==');
  const { benchSystolicSweep } = await import('./systolic-sweep.js');
  benchSystolicSweep();
}
if (only === 'pim') {
  console.log('== PIM engine: GPT decode on PIM-GPT ==');
  const { benchPim } = await import('./pim.js');
  benchPim();
}
if (only === 'fpga') {
  console.log('== fpga engine vs the InTAR U280 kernel table ==');
  const { benchFpga } = await import('./fpga.js');
  benchFpga();
}
if (only === 'spatial') {
  console.log('== spatial engine: the FuseMax reproduction ==');
  const { benchSpatial } = await import('./spatial.js');
  benchSpatial();
}
if (only === 'dram') {
  console.log('== DRAM model vs DRAMsim3 (requests simulated per second) ==');
  const { benchDram, formatRow } = await import('./dram.js');
  const rows = await benchDram();
  for (const r of rows) console.log(formatRow(r));
}
