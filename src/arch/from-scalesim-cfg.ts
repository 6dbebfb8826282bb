// A SCALE-Sim .cfg as an einsim architecture: the parsed array and memories become a systolic
// `structure:`, which then goes through the same validation and pricing as a YAML file.
import type { YamlSource } from '../util/yaml-source.js';
import { parseScaleSimCfg } from './scalesim-cfg.js';

/**
 * The clock a .cfg run gets: SCALE-Sim reports cycles and its .cfg has no clock field, so no
 * source gives one. einsim needs a clock only to print seconds; 1 GHz makes them read as
 * cycles × 1 ns, and cycles (all SCALE-Sim compares) do not depend on it. The report header
 * shows it; `--set clockHz=...` sets the real one (README, docs/architectures.md).
 */
export const SCALESIM_DEFAULT_CLOCK_HZ = 1e9;

export function scaleSimCfgSource(text: string, file: string): YamlSource {
  const { runName, config: c } = parseScaleSimCfg(text, file);
  const value = {
    name: runName || file,
    engine: 'systolic',
    description: `SCALE-Sim configuration ${runName || file}`,
    source: `${file} (SCALE-Sim v2 .cfg)`,
    clockHz: SCALESIM_DEFAULT_CLOCK_HZ,
    structure: {
      rows: c.rows,
      cols: c.cols,
      dataflow: c.dataflow,
      ifmapSram: { sizeBytes: c.ifmapSramBytes },
      filterSram: { sizeBytes: c.filterSramBytes },
      ofmapSram: { sizeBytes: c.ofmapSramBytes },
      dram: c.bandwidthMode === 'USER' ? { bandwidthMode: 'USER', bandwidthWordsPerCycle: c.userBandwidthWordsPerCycle } : { bandwidthMode: 'CALC' },
      wordBytes: c.wordBytes,
      offsets: { ifmap: c.ifmapOffset, filter: c.filterOffset, ofmap: c.ofmapOffset },
    },
  };
  // Issues found after conversion point at the file as a whole (the cfg parser already checked lines).
  return { file, value, lineOf: () => undefined };
}
