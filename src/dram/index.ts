// The DRAM model's public surface, for the CLI, the bench and the PIM engine built on top.
export type { DramConfig, DramOrganisation, DramTiming, DramController, DramPower, TimingExtension, QueueStructure, RefreshPolicy, RowBufferPolicy } from './config.js';
export { fromDramsim3, peakBandwidthGBps, derivedTiming } from './config.js';
export { parseDramsim3Ini, withDramsim3Defaults, type Dramsim3Config, type Dramsim3ConfigInput } from './dramsim3-config.js';
export { dramPreset, PRESET_NAMES, isPresetName, type PresetName } from './presets/index.js';
export { JEDEC_COMMANDS, NO_ROW, type CommandSpec } from './commands.js';
export { JEDEC_TIMING, JEDEC_WINDOWS, type TimingConstraint, type TimingScope, type WindowConstraint } from './timing-table.js';
export { JEDEC_STANDARD, extendStandard, compileStandard, compileFor, timingValues, type DramStandard, type CompiledStandard } from './standard.js';
export { ChannelState } from './channel-state.js';
export { Controller } from './controller.js';
export { MemorySystem, simulate, type RequestStream, type SimulateOptions, type DramRunResult, type DramCommandCounts } from './memory-system.js';
export { buildAddressMapping, decodeAddress, newDecodedAddress, MAPPING_ALIASES, type AddressMapping, type DecodedAddress } from './address-mapping.js';
export { energyPerOperation, energyBreakdown, type EnergyPerOperation, type EnergyBreakdown } from './energy.js';
export { generatePattern, PATTERNS, type Pattern, type PatternSpec } from './patterns.js';
export { parseAddressTrace, addressTraceLines } from './trace.js';
export { checkCommandTrace, type TraceViolation, type CheckOptions } from './check-trace.js';
export { CommandLog, commandTraceLines, parseCommandTrace, type CommandRecord } from './command-log.js';
