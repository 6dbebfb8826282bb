// Multiply-accumulates one DSP slice performs per cycle, by DSP type and operand precisions
// (reference fpga.md §3.1, ../shared/ref/fpga/fpga_primitives.csv). A precision key is one
// precision when both operands share it (`int8`) or `narrow x wide` when they differ
// (`int4xint8`). An arch file may add or replace entries (`structure.arithmetic`); a precision
// neither knows is a check() failure, never a silent guess.
import type { Precision } from '../../einsum/types.js';
import { PRECISION_BYTES } from '../../einsum/types.js';
import type { DspType } from './devices.js';

export interface MacRate {
  macsPerDsp: number;
  source: string;
}

export const DEFAULT_MAC_RATES: Record<DspType, Record<string, MacRate>> = {
  DSP48E2: {
    int16: { macsPerDsp: 1, source: 'fpga_primitives.csv: ≤18b × ≤27b fits the 27×18 multiplier, 1 MAC/cycle (AMD AM004 → UG579)' },
    int8: { macsPerDsp: 2, source: 'fpga_primitives.csv: 2 int8 MACs per DSP48E2 when they share one operand (Xilinx WP486)' },
    int4xint8: { macsPerDsp: 2, source: 'fpga_primitives.csv: two int4 weights packed in the 27-bit operand × one int8 activation (OswaldHe/InTAR:gpt-2-medium/kernel-ultrascale.cpp)' },
    fp32: { macsPerDsp: 0.2, source: 'fpga_primitives.csv: ≈5 DSPs per fp32 MAC in FlexCNN\u2019s DSE model (UCLA-VAST/FlexCNN:auto_compile/dse/resource_est.py)' },
  },
  DSP58: {
    int16: { macsPerDsp: 1, source: 'fpga_primitives.csv: 27×24 multiplier + 58-bit accumulator (AMD AM004 Table 1), 1 MAC/cycle (derived)' },
    int8: { macsPerDsp: 3, source: 'fpga_primitives.csv: vector fixed-point mode, a 3-element dot product per DSP58 (AMD AM004; int8 operand width unverified)' },
    fp32: { macsPerDsp: 1, source: 'fpga_primitives.csv: DSPFP32 mode, 1 fp32 MAC/cycle (AMD AM004 names the mode; unverified)' },
  },
};

/** The key of a MAC of these operand precisions: `int8`, or `int4xint8` (narrow first). */
export function precisionKey(a: Precision, b: Precision): string {
  if (a === b) return a;
  const [narrow, wide] = PRECISION_BYTES[a] <= PRECISION_BYTES[b] ? [a, b] : [b, a];
  return `${narrow}x${wide}`;
}

export type MacRateTable = Record<string, MacRate>;

/** The device's default table with the arch file's entries laid over it. */
export function macRates(dspType: DspType, overrides: Record<string, MacRate>): MacRateTable {
  return { ...DEFAULT_MAC_RATES[dspType], ...overrides };
}
