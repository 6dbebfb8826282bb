// Everything the three schedulers read from the architecture, resolved once: the device, the DSP
// budget, the arithmetic table, port and on-chip capacities.
import { macRates, type MacRateTable } from './arithmetic.js';
import type { AllocationContext } from './allocate.js';
import { BRAM36_BYTES, URAM_BYTES, type Device } from './devices.js';
import { deviceOf, dspBudget, portBytesPerCycle, type FpgaStructure } from './structure.js';

export interface ModelContext {
  s: FpgaStructure;
  device: Device;
  clockHz: number;
  rates: MacRateTable;
  budget: number;
  alloc: AllocationContext;
  portBytesPerCycle: number;
  /** On-chip bytes (BRAM36 + URAM) the design may use. */
  onchipBytes: number;
}

const fmt = (n: number): string => n.toLocaleString('en-US');

export function modelContext(s: FpgaStructure, clockHz: number): ModelContext {
  const device = deviceOf(s);
  const rates = macRates(device.dspType, s.arithmetic);
  const budget = dspBudget(s);
  const bram36 = s.budget.bram36 ?? device.bram36 - device.shell.bram36;
  const uram = s.budget.uram ?? device.uram - device.shell.uram;
  return {
    s,
    device,
    clockHz,
    rates,
    budget,
    alloc: {
      budget,
      rates,
      budgetText: s.budget.dsps
        ? `the design's DSP budget is ${fmt(budget)} (the ${device.name} has ${fmt(device.dsps)})`
        : `the ${device.name} has ${fmt(budget)} DSPs for kernels (${fmt(device.dsps)} minus ${fmt(device.shell.dsps)} for the shell)`,
      dspType: device.dspType,
    },
    portBytesPerCycle: portBytesPerCycle(s, clockHz),
    onchipBytes: bram36 * BRAM36_BYTES + uram * URAM_BYTES,
  };
}
