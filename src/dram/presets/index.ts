// Every named DRAM preset, in one literal table: DRAMsim3's configurations (reproduced key for
// key) and the standard speed bins of ../shared/ref/pim/dram_timing_presets.csv.
import { EinsimError } from '../../errors.js';
import { fromDramsim3, type DramConfig } from '../config.js';
import { DRAMSIM3_PRESETS } from './dramsim3.js';
import { STANDARD_PRESETS } from './standards.js';

export type Dramsim3PresetName = keyof typeof DRAMSIM3_PRESETS;
export type StandardPresetName = keyof typeof STANDARD_PRESETS;
export type PresetName = Dramsim3PresetName | StandardPresetName;

export const PRESET_NAMES: readonly PresetName[] = [...(Object.keys(DRAMSIM3_PRESETS) as Dramsim3PresetName[]), ...(Object.keys(STANDARD_PRESETS) as StandardPresetName[])];

export function isPresetName(name: string): name is PresetName {
  return (PRESET_NAMES as readonly string[]).includes(name);
}

/** The resolved configuration of a named preset. */
export function dramPreset(name: string): DramConfig {
  if (name in DRAMSIM3_PRESETS) {
    const p = DRAMSIM3_PRESETS[name as Dramsim3PresetName];
    return fromDramsim3(p.config, name, p.source);
  }
  if (name in STANDARD_PRESETS) return STANDARD_PRESETS[name as StandardPresetName]();
  throw new EinsimError({ file: '<cli>', path: '--preset', code: 'unknown_name', expected: `a DRAM preset (${PRESET_NAMES.join(', ')})`, received: name });
}
