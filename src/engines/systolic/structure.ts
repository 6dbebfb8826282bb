// The `structure:` section of a systolic architecture file, and the components it prices.
// Strict: unknown keys are errors; units are in the names.
import { z } from 'zod';
import type { ComponentSpec } from '../../arch/types.js';
import type { Dataflow, SystolicConfig } from './types.js';

const count = z.number().int().min(1);

const SramSchema = z
  .object({
    /** SCALE-Sim's CALC buffer cuts an SRAM into 100 sets, so it needs ≥ 100 words. */
    sizeBytes: z.number().int().min(100).meta({ unit: 'bytes' }),
  })
  .strict();

const DramSchema = z
  .object({
    /** CALC: SCALE-Sim estimates the bandwidth (reads never stall); USER: a fixed bandwidth. */
    bandwidthMode: z.enum(['CALC', 'USER']),
    bandwidthWordsPerCycle: count.optional().meta({ unit: 'words/cycle' }),
    /**
     * Only prices DRAM bytes (SCALE-Sim does not model the DRAM device). LPDDR4 is the DRAM of
     * Accelergy's reference designs (timeloop-accelergy-exercises ERT: "DRAM LPDDR4 64-bit access").
     */
    standard: z.string().default('LPDDR4'),
  })
  .strict()
  .refine((d) => d.bandwidthMode === 'CALC' || d.bandwidthWordsPerCycle !== undefined, {
    message: 'USER bandwidth mode needs bandwidthWordsPerCycle',
    path: ['bandwidthWordsPerCycle'],
  });

/** SCALE-Sim's default operand offsets (scale_config.__init__): they shift trace addresses only. */
const DEFAULT_OFFSETS = { ifmap: 0, filter: 10_000_000, ofmap: 20_000_000 };

export const SystolicStructureSchema = z
  .object({
    rows: count,
    cols: count,
    dataflow: z.enum(['os', 'ws', 'is']),
    ifmapSram: SramSchema,
    filterSram: SramSchema,
    ofmapSram: SramSchema,
    dram: DramSchema,
    /** Reproduce SCALE-Sim's report-arithmetic bugs ('match', default) or correct them ('fix'). */
    scalesimBugs: z.enum(['match', 'fix']).default('match'),
    /** SCALE-Sim fixes 1 byte per word (single_layer_sim.run). */
    wordBytes: count.default(1).meta({ unit: 'bytes' }),
    offsets: z
      .object({ ifmap: z.number().int().min(0), filter: z.number().int().min(0), ofmap: z.number().int().min(0) })
      .strict()
      .default(DEFAULT_OFFSETS),
  })
  .strict();

export type SystolicStructure = z.infer<typeof SystolicStructureSchema>;

export function configFromStructure(s: SystolicStructure, dataflow: Dataflow = s.dataflow): SystolicConfig {
  return {
    rows: s.rows,
    cols: s.cols,
    ifmapSramBytes: s.ifmapSram.sizeBytes,
    filterSramBytes: s.filterSram.sizeBytes,
    ofmapSramBytes: s.ofmapSram.sizeBytes,
    ifmapOffset: s.offsets.ifmap,
    filterOffset: s.offsets.filter,
    ofmapOffset: s.offsets.ofmap,
    dataflow,
    bandwidthMode: s.dram.bandwidthMode,
    userBandwidthWordsPerCycle: s.dram.bandwidthWordsPerCycle ?? 0,
    wordBytes: s.wordBytes,
    scaleSimBugs: s.scalesimBugs,
  };
}


/** Every component the systolic engine counts actions on (names match its ActionCounts). */
export function components(s: SystolicStructure): ComponentSpec[] {
  const wordBits = s.wordBytes * 8;
  // SCALE-Sim counts SRAM accesses in words (one demand-matrix entry each), so the priced access
  // is one word wide; the table scales energy per access linearly with width.
  const sram = (name: string, spec: SystolicStructure['ifmapSram']): ComponentSpec => ({
    name,
    class: 'sram',
    instances: 1,
    attributes: { sizeBytes: spec.sizeBytes, widthBits: wordBits },
  });
  return [
    // SCALE-Sim's 1-byte word is an int8 MAC (the 45 nm table's intmac 8b).
    { name: 'pe', class: 'mac', instances: s.rows * s.cols, attributes: { precision: `int${wordBits}` } },
    sram('ifmap_sram', s.ifmapSram),
    sram('filter_sram', s.filterSram),
    sram('ofmap_sram', s.ofmapSram),
    { name: 'dram', class: 'dram', instances: 1, attributes: { standard: s.dram.standard, bandwidthMode: s.dram.bandwidthMode, ...(s.dram.bandwidthWordsPerCycle ? { bandwidthWordsPerCycle: s.dram.bandwidthWordsPerCycle } : {}) } },
  ];
}
