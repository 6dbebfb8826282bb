// Every component the spatial engine counts actions on, listed before any run so the cost model
// can price them up front (Accelergy's flow): each array's functional units and per-PE register
// files, the staging register file, the global buffer and DRAM.
import type { ComponentSpec } from '../../arch/types.js';
import {
  ARRAY_NAMES,
  arrayView,
  BUFFER_COMPONENT,
  DRAM_COMPONENT,
  regfileComponent,
  STAGING_COMPONENT,
  unitComponent,
  wordBytes,
  type SpatialStructure,
} from './structure.js';

export function spatialComponents(s: SpatialStructure): ComponentSpec[] {
  const word = wordBytes(s);
  const out: ComponentSpec[] = [];
  for (const name of ARRAY_NAMES) {
    const a = arrayView(s, name);
    for (const [unit, cls] of Object.entries(a.units)) {
      out.push({ name: unitComponent(name, unit), class: cls, instances: a.lanes, attributes: { precision: s.datatype } });
    }
    if (a.registersPerPe > 0) {
      out.push({ name: regfileComponent(name), class: 'regfile', instances: a.lanes, attributes: { sizeBytes: a.registersPerPe * word, widthBits: word * 8 } });
    }
  }
  if (s.stagingRegisterFile) {
    const r = s.stagingRegisterFile;
    out.push({ name: STAGING_COMPONENT, class: 'regfile', instances: 1, attributes: { sizeBytes: (r.entries * r.widthBits) / 8, widthBits: r.widthBits } });
  }
  out.push({ name: BUFFER_COMPONENT, class: 'sram', instances: 1, attributes: { sizeBytes: s.globalBuffer.sizeBytes, widthBits: s.globalBuffer.widthBits, banks: s.globalBuffer.banks } });
  out.push({ name: DRAM_COMPONENT, class: 'dram', instances: 1, attributes: { standard: s.dram.standard } });
  return out;
}
