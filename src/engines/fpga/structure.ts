// The `structure:` section of an fpga architecture file: the device (a preset or inline), the
// design's resource budget, the DSP arithmetic table, the off-chip port width, the HLS pipeline
// parameters, the special-function units, and the execution mode with its own parameters. Every
// mode section may be present at once, so `--set structure.mode=dataflow` turns an InTAR file into
// its dataflow baseline. docs/fpga.md lists every field with its meaning and source.
import { z } from 'zod';
import { DEVICE_PRESETS, DEVICE_PRESET_NAMES, DSP_TYPES, type Device, type DevicePresetName } from './devices.js';

const count = () => z.number().int().nonnegative();
const positiveInt = () => z.number().int().positive();

const DeviceSchema = z.strictObject({
  name: z.string().min(1).meta({ description: 'short name used in messages (U280)' }),
  part: z.string().optional().meta({ description: 'board and part (Alveo U280, xcu280)' }),
  luts: count(),
  ffs: count(),
  dsps: count(),
  dspType: z.enum(DSP_TYPES),
  bram36: count().meta({ description: 'RAMB36 tiles (36 Kib each)' }),
  uram: count().meta({ description: 'URAM288 blocks (288 Kib each)' }),
  offchip: z.strictObject({
    standard: z.string().min(1).meta({ description: 'HBM2, DDR4, ... (prices the bytes moved)' }),
    channels: positiveInt().meta({ description: 'independent channels (HBM pseudo-channels), one AXI port each' }),
    bytesPerSecondPerChannel: z.number().positive().meta({ unit: 'B/s' }),
  }),
  shell: z
    .strictObject({ luts: count(), ffs: count(), dsps: count(), bram36: z.number().nonnegative(), uram: count() })
    .default({ luts: 0, ffs: 0, dsps: 0, bram36: 0, uram: 0 })
    .meta({ description: 'resources the platform shell fixes (unavailable to kernels)' }),
  source: z.string().min(1),
});

const MacRateSchema = z.strictObject({
  macsPerDsp: z.number().positive().meta({ description: 'multiply-accumulates per DSP slice per cycle' }),
  source: z.string().min(1),
});

const ReconfigurationSchema = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('instruction'),
    seconds: z.number().nonnegative().meta({ unit: 's', description: 'read the next config instruction and switch loop bounds / muxes (InTAR: 10–20 ns)' }),
  }),
  z.strictObject({
    kind: z.literal('partial-bitstream'),
    bits: z.number().positive().meta({ unit: 'bit', description: 'partial bitstream size' }),
    bitsPerSecond: z.number().positive().meta({ unit: 'bit/s', description: 'configuration port bandwidth (UltraScale+ ICAP 6.4 Gb/s, UG909)' }),
  }),
]);

export const FpgaStructureSchema = z
  .strictObject({
    device: z
      .union([z.enum(DEVICE_PRESET_NAMES), DeviceSchema], { error: `a device preset (${DEVICE_PRESET_NAMES.join(', ')}) or a device written out (name, luts, ffs, dsps, dspType, bram36, uram, offchip, source)` })
      .meta({ description: `a preset (${DEVICE_PRESET_NAMES.join(', ')}) or the device written out` }),
    budget: z
      .strictObject({
        dsps: positiveInt().optional().meta({ description: 'DSPs the compute engines may use (default: the device minus its shell)' }),
        bram36: count().optional(),
        uram: count().optional(),
      })
      .default({})
      .meta({ description: 'the design\u2019s resources; check() compares them with the device' }),
    arithmetic: z
      .record(z.string(), MacRateSchema)
      .default({})
      .meta({ description: 'precision key (int8, int4xint8, fp32, ...) → MACs per DSP; laid over the sourced defaults' }),
    offchip: z.strictObject({
      portBits: positiveInt().meta({ unit: 'bit', description: 'width of one AXI port; each off-chip tensor of a task streams through its own port' }),
    }),
    pipeline: z.strictObject({
      depthCycles: count().meta({ unit: 'cycles', description: 'pipeline depth of a MAC loop: paid once per restart of the pipelined loop (UG1393 loop formula)' }),
      initiationInterval: positiveInt().meta({ unit: 'cycles', description: 'II of the MAC loops' }),
      maxReductionUnroll: positiveInt().meta({ description: 'reductions up to this length (a convolution window) are unrolled across lanes' }),
    }),
    sfu: z.strictObject({
      lanes: positiveInt().meta({ description: 'elements per cycle of each special-function unit (one per element-wise / softmax / pooling task)' }),
    }),
    mode: z.enum(['sequential', 'dataflow', 'intar']),
    dataflow: z
      .strictObject({
        allocation: z.enum(['equal', 'work']).meta({ description: 'equal: every MAC task the same DSPs; work: DSPs in proportion to its MACs' }),
      })
      // InTAR's dataflow baselines give every layer module the same PE array (16 MACs per layer in
      // benchmark/mlp/spatial, 8 per module in self-attn/spatial, 144 per conv layer in cnn-4L/spatial).
      .default({ allocation: 'equal' }),
    sequential: z
      .strictObject({
        datapaths: z
          .enum(['shared', 'per-task'])
          .meta({ description: 'shared: every task runs on all DSPs; per-task: each task owns its share (HLS loop nests that are not merged) and the others idle' }),
        overlap: z.boolean().meta({ description: 'true: off-chip transfers overlap compute (ping-pong buffers); false: load, compute, store one after another' }),
      })
      // reference fpga.md §1.1: "one task at a time on all compute resources"; a ping-pong tile
      // overlaps load, compute and write (FlexCNN latency model, fpga.md §3.4).
      .default({ datapaths: 'shared', overlap: true }),
    intar: z
      .strictObject({
        computeCores: positiveInt().meta({ description: 'compute cores (CC); the DSP budget is split evenly among them' }),
        scratchpadBytesPerCore: positiveInt().meta({ unit: 'B', description: 'on-chip scratchpad of one CC; intermediates between task groups live in the scratchpads' }),
        pipelineThresholdBytes: count()
          .optional()
          .meta({ unit: 'B', description: 'an intermediate at least this large is pipelined into its consumer (default: one CC\u2019s scratchpad)' }),
        honorAnnotations: z.boolean().default(true).meta({ description: 'follow the workload\u2019s `pipeline:` annotations (false: the heuristic alone)' }),
        pipelineOverrides: z
          .record(z.string(), z.boolean())
          .default({})
          .meta({ description: 'Einsum id → pipeline it with its producers (true) or not (false); wins over the heuristic and the workload\u2019s annotations' }),
        reconfiguration: ReconfigurationSchema,
      })
      .optional(),
  })
  .superRefine((s, ctx) => {
    if (s.mode === 'intar' && !s.intar) {
      ctx.addIssue({ code: 'custom', path: ['intar'], message: 'an intar section (computeCores, scratchpadBytesPerCore, reconfiguration) when mode is intar', input: undefined });
    }
  });

export type FpgaStructure = z.infer<typeof FpgaStructureSchema>;
export type IntarParams = NonNullable<FpgaStructure['intar']>;
export type Mode = FpgaStructure['mode'];

/** The device, the preset resolved. */
export function deviceOf(s: FpgaStructure): Device {
  return typeof s.device === 'string' ? DEVICE_PRESETS[s.device as DevicePresetName] : s.device;
}

/** DSPs the design's compute engines may use: the budget, or everything the shell leaves. */
export function dspBudget(s: FpgaStructure): number {
  const d = deviceOf(s);
  return s.budget.dsps ?? d.dsps - d.shell.dsps;
}

/** Bytes one off-chip port moves per cycle: its width, capped by its channel's bandwidth. */
export function portBytesPerCycle(s: FpgaStructure, clockHz: number): number {
  const d = deviceOf(s);
  return Math.min(s.offchip.portBits / 8, d.offchip.bytesPerSecondPerChannel / clockHz);
}

/** Cycles of one InTAR task switch: an instruction read, or a partial bitstream load. */
export function switchCycles(r: IntarParams['reconfiguration'], clockHz: number): number {
  const seconds = r.kind === 'instruction' ? r.seconds : r.bits / r.bitsPerSecond;
  return Math.ceil(seconds * clockHz);
}
