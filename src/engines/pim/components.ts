// The components a PIM run counts actions on, for the cost model to price (src/cost/): the DRAM
// array (activations, in-bank column reads, refresh, background), its interface (bytes over the
// data pins), the per-bank MAC lanes, the per-channel global buffers and the host unit. DRAM,
// interface and host energies have no entry in the default technology tables: each PIM arch file
// prices them in its `tech:` section, with sources.
import type { ComponentSpec } from '../../arch/types.js';
import { buildMachine } from './machine.js';
import type { PimStructure } from './structure.js';

export function pimComponents(s: PimStructure): ComponentSpec[] {
  const m = buildMachine(s);
  const ch = s.dram.channels;
  return [
    { name: 'dram', class: 'dram', instances: ch, attributes: { standard: m.device.dram.protocol, preset: s.dram.preset, banks: m.banksPerChannel } },
    { name: 'dram_io', class: 'other', instances: ch, attributes: { widthBits: m.device.dram.org.busWidthBits } },
    { name: 'pim_mac', class: 'mac', instances: m.totalLanes, attributes: { precision: s.pim.precision } },
    { name: 'global_buffer', class: 'sram', instances: ch, attributes: { sizeBytes: s.pim.globalBufferBytes, widthBits: m.device.columnBytes * 8 } },
    { name: 'host', class: 'host', instances: 1, attributes: { lanes: s.host.lanes, clockHz: s.host.clockHz } },
  ];
}
