// The architecture an engine runs on, after loading, validation and pricing (src/arch/build.ts).
// `structure` is engine-specific and validated by that engine's schema; `tech` is resolved once,
// at build time, so an engine never looks up a default and every price carries its source.

export type EngineKind = 'systolic' | 'pim' | 'spatial' | 'fpga';

/** A number with where it came from: `arch` (the user wrote it), or a default table and its citation. */
export interface PricedValue {
  value: number;
  /** e.g. `arch file`, `default 45nm: Accelergy CactiSRAM (timeloop-accelergy-exercises simba_like ERT)`. */
  source: string;
}

/** Component classes the default technology tables know how to price. */
export type ComponentClass =
  | 'mac' // multiply-accumulate unit (attributes: precision)
  | 'adder'
  | 'multiplier'
  | 'comparator' // max / min
  | 'exp' // dedicated exponential unit
  | 'divider'
  | 'sram' // attributes: sizeBytes, widthBits
  | 'regfile' // attributes: sizeBytes (or entries), widthBits
  | 'dram' // attributes: standard (HBM2, LPDDR4, DDR4, GDDR6...)
  | 'host' // a host / vector unit with its own op table
  | 'other';

/** One hardware component an engine counts actions on. */
export interface ComponentSpec {
  name: string;
  class: ComponentClass;
  instances: number;
  /** Sizes and widths, with units in the names: sizeBytes, widthBits, precision, standard. */
  attributes: Record<string, number | string>;
}

export interface Tech {
  /** Technology node of the default table used, e.g. `45nm`. */
  node: string;
  /** component → action → energy per action. */
  energyPj: Record<string, Record<string, PricedValue>>;
  /** component → area of ONE instance (the report multiplies by instances). */
  areaUm2: Record<string, PricedValue>;
}

export interface Arch<S = unknown> {
  name: string;
  /** The file it was loaded from ('<string>' for in-memory text). */
  file: string;
  engine: EngineKind;
  description: string;
  /** Where the parameters come from (paper, data sheet). */
  source: string;
  clockHz: number;
  structure: S;
  components: ComponentSpec[];
  tech: Tech;
}
