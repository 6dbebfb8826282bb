// Shared by the golden test and bench/fpga.ts: InTAR's U280 kernel table (cycles, latency and DSPs
// of the InTAR, dataflow and sequential design of each kernel), read at run time from
// ../shared/ref/fpga/intar_kernels_u280.csv. Two of its five rows (vae, gating-net) carry no numbers
// in the CSV; the same numbers from the same source (ZeyuGuo/InTAR:benchmark/README.md) are in the
// table of ../shared/reference/fpga.md §1.3, which is read for them. Nothing is copied here.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { refDir, readRefCsv } from '../../helpers/ref.js';
import type { Mode } from './helpers.js';

export interface DesignRef {
  cycles: number;
  latencySeconds: number;
  dsps: number;
  /** cycles ÷ latency: the clock the measured latency implies (reference fpga.md §1.3). */
  clockHz: number;
}

export interface KernelRow {
  kernel: string;
  /** The einsim workload (workloads/fpga/<file>.yaml). */
  workload: string;
  /** Compute cores of the InTAR design: design input from the kernel source, not a fitted value. */
  computeCores: number;
  coreSource: string;
  designs: Record<Mode, DesignRef>;
}

/** Which workload and how many compute cores each kernel's InTAR design has (OswaldHe/InTAR:benchmark/<kernel>/<kernel>-intrra-kernel.cpp). */
const DESIGNS: Record<string, { workload: string; computeCores: number; coreSource: string; mdLabel: string }> = {
  'self-attn': { workload: 'self-attention', computeCores: 2, coreSource: 'CC0_QAV_Proj, CC1_QKV_Proj', mdLabel: 'self-attn' },
  mlp: { workload: 'ffn', computeCores: 2, coreSource: 'CC0_F1_F2, CC1_F1_F3', mdLabel: 'FFN/MLP' },
  'cnn-4L': { workload: 'cnn-4l', computeCores: 3, coreSource: 'CC0_Conv1_Conv4, CC1_Conv2_Conv4, CC2_Conv3_Conv4', mdLabel: '4-layer CNN' },
  vae: { workload: 'vae', computeCores: 2, coreSource: 'CC0_Encoder_Decoder_Conv1, CC1_Encoder_Decoder_Conv2', mdLabel: 'VAE' },
  'gating-net': { workload: 'gating-net', computeCores: 2, coreSource: 'CC0_up_gate, CC1_down', mdLabel: 'gating net' },
};

const MODES_IN_TABLE: Mode[] = ['intar', 'dataflow', 'sequential'];
const CSV_PREFIX: Record<Mode, string> = { intar: 'intar', dataflow: 'dataflow', sequential: 'sequential' };

export function kernelRows(): KernelRow[] {
  const md = readFileSync(join(refDir(), '..', 'reference', 'fpga.md'), 'utf8');
  return readRefCsv('fpga', 'intar_kernels_u280.csv').map((row) => {
    const d = DESIGNS[row.kernel];
    if (!d) throw new Error(`unknown kernel ${row.kernel} in intar_kernels_u280.csv`);
    const fromCsv = row.intar_cycles !== '';
    const fromMd = fromCsv ? null : mdTriples(md, d.mdLabel);
    const designs = Object.fromEntries(
      MODES_IN_TABLE.map((m, i) => {
        const cycles = fromMd ? fromMd.cycles[i] : Number(row[`${CSV_PREFIX[m]}_cycles`]);
        const latencySeconds = (fromMd ? fromMd.latencyMs[i] : Number(row[`${CSV_PREFIX[m]}_latency_ms`])) / 1e3;
        const dsps = fromMd ? fromMd.dsps[i] : Number(row[`${CSV_PREFIX[m]}_dsp`]);
        return [m, { cycles, latencySeconds, dsps, clockHz: cycles / latencySeconds }];
      }),
    ) as Record<Mode, DesignRef>;
    return { kernel: row.kernel, workload: d.workload, computeCores: d.computeCores, coreSource: d.coreSource, designs };
  });
}

/** The `a / b / c` cells of the kernel's row in fpga.md §1.3's table: cycles, latency ms, DSPs. */
function mdTriples(md: string, label: string): { cycles: number[]; latencyMs: number[]; dsps: number[] } {
  const line = md.split('\n').find((l) => l.startsWith(`| ${label} `));
  if (!line) throw new Error(`no row "${label}" in reference fpga.md §1.3`);
  const cells = line.split('|').map((c) => c.trim());
  const triple = (cell: string): number[] => cell.split('/').map((x) => Number(x.trim().replace(/,/g, '')));
  return { cycles: triple(cells[2]), latencyMs: triple(cells[3]), dsps: triple(cells[4]) };
}

export function geomean(xs: readonly number[]): number {
  return Math.exp(xs.reduce((a, x) => a + Math.log(x), 0) / xs.length);
}
