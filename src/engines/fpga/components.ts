// Every component the fpga engine counts actions on, listed before a run so the cost model can
// price them up front: the DSP slices (MACs), BRAM36 tiles and URAM blocks (72-bit words), the
// off-chip memory (bytes), and the special-function units by kind of operation.
//
// The references give no FPGA energy per operation (reference fpga.md §3.3: "treat them as
// parameters"), so the default table prices these as their 45 nm ASIC counterparts — an int8 MAC,
// a 4.5 KiB / 36 KiB SRAM with a 72-bit word, HBM2 at 3.9 pJ/bit (Accelergy CactiDRAM) — and every
// line of the report names that source. Energy is for comparing modes and designs, not a board's
// watts; an arch file can replace any price under `tech:` with a measured one.
import type { ComponentSpec } from '../../arch/types.js';
import { BRAM36_BYTES, ONCHIP_WORD_BITS, URAM_BYTES } from './devices.js';
import { deviceOf, dspBudget, type FpgaStructure } from './structure.js';

export const DSP = 'dsp';
export const BRAM = 'bram';
export const URAM = 'uram';
export const OFFCHIP = 'offchip';
export const SFU_ALU = 'sfu_alu';
export const SFU_COMPARE = 'sfu_compare';
export const SFU_SPECIAL = 'sfu_special';
export const SFU_DIVIDE = 'sfu_divide';

/** The component and action an SFU operator is counted on. */
export const SFU_ACTION: Record<string, { component: string; action: string }> = {
  add: { component: SFU_ALU, action: 'add' },
  sub: { component: SFU_ALU, action: 'add' },
  neg: { component: SFU_ALU, action: 'add' },
  abs: { component: SFU_ALU, action: 'add' },
  mul: { component: SFU_ALU, action: 'mul' },
  square: { component: SFU_ALU, action: 'mul' },
  max: { component: SFU_COMPARE, action: 'max' },
  min: { component: SFU_COMPARE, action: 'min' },
  relu: { component: SFU_COMPARE, action: 'max' },
  exp: { component: SFU_SPECIAL, action: 'exp' },
  log: { component: SFU_SPECIAL, action: 'exp' },
  sqrt: { component: SFU_SPECIAL, action: 'exp' },
  rsqrt: { component: SFU_SPECIAL, action: 'exp' },
  tanh: { component: SFU_SPECIAL, action: 'exp' },
  gelu: { component: SFU_SPECIAL, action: 'exp' },
  sigmoid: { component: SFU_SPECIAL, action: 'exp' },
  silu: { component: SFU_SPECIAL, action: 'exp' },
  div: { component: SFU_DIVIDE, action: 'div' },
  reciprocal: { component: SFU_DIVIDE, action: 'div' },
};

export function fpgaComponents(s: FpgaStructure): ComponentSpec[] {
  const d = deviceOf(s);
  const lanes = s.sfu.lanes;
  return [
    { name: DSP, class: 'mac', instances: dspBudget(s), attributes: { precision: 'int8', dspType: d.dspType } },
    { name: BRAM, class: 'sram', instances: d.bram36, attributes: { sizeBytes: BRAM36_BYTES, widthBits: ONCHIP_WORD_BITS } },
    { name: URAM, class: 'sram', instances: d.uram, attributes: { sizeBytes: URAM_BYTES, widthBits: ONCHIP_WORD_BITS } },
    { name: OFFCHIP, class: 'dram', instances: 1, attributes: { standard: d.offchip.standard } },
    { name: SFU_ALU, class: 'mac', instances: lanes, attributes: { precision: 'int8' } },
    { name: SFU_COMPARE, class: 'comparator', instances: lanes, attributes: {} },
    { name: SFU_SPECIAL, class: 'exp', instances: lanes, attributes: {} },
    { name: SFU_DIVIDE, class: 'divider', instances: lanes, attributes: {} },
  ];
}
