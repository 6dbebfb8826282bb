// `npm run bench`: every benchmark of the project, one after another. Speed is measured here,
// never in tests (the CI machine has 2 cores and shares them).
import { benchFpga } from './fpga.js';
import { benchSystolic } from './systolic.js';

const only = process.argv[2];
if (!only || only === 'systolic') {
  console.log('== systolic engine vs SCALE-Sim v2 ==');
  const r = benchSystolic();
  if (r.mismatches > 0) process.exitCode = 1;
}
if (!only || only === 'fpga') {
  console.log('== fpga engine vs the InTAR U280 kernel table ==');
  benchFpga();
}
