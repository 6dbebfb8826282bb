// Everything the PIM engine derives from the arch file once per run: the device, the PIM-extended
// timing standard compiled against its timing values, the mapping geometry, the MAC command
// spacing and the peak figures. Pure data; no state.
import type { Arch } from '../../arch/types.js';
import { compileStandard, timingValues, type CompiledStandard } from '../../dram/standard.js';
import { PRECISION_BYTES } from '../../einsum/types.js';
import { resolveDevice, type PimDevice } from './devices.js';
import type { PimGeometry } from './layout.js';
import { pimStandard } from './pim-standard.js';
import { commandIds, type PimCommandIds } from './scheduler.js';
import type { PimStructure } from './structure.js';

export interface PimMachine {
  structure: PimStructure;
  device: PimDevice;
  compiled: CompiledStandard;
  ids: PimCommandIds;
  geometry: PimGeometry;
  /** Banks per channel (all ranks). */
  banksPerChannel: number;
  unitsPerChannel: number;
  totalLanes: number;
  /** DRAM cycles between all-bank MAC commands. */
  nCCDAB: number;
  tCKseconds: number;
  /** MAC lane-ops per second at the MAC clock (2048 MAC/ns for PIM-GPT). */
  peakMacsPerSecond: number;
  /** Bytes the MAC units read from their banks per second at the MAC command rate. */
  internalBytesPerSecond: number;
  /** Bytes per second over every channel's data bus. */
  externalBytesPerSecond: number;
  capacityBytes: number;
}

export function buildMachine(structure: PimStructure, file = '<arch>'): PimMachine {
  const d = structure.dram;
  const pim = structure.pim;
  const device = resolveDevice(d.preset, d.channels, d.timingOverrides, file);
  const org = device.dram.org;
  const banksPerChannel = org.ranks * org.bankgroups * org.banksPerGroup;
  const unitsPerChannel = banksPerChannel / pim.banksPerMacUnit;
  const rowBytes = (org.columns * org.deviceWidthBits) / 8;
  const tCKseconds = device.dram.tCKns * 1e-9;
  // The MAC unit consumes one column (elements / lanes MAC cycles); a command cannot come faster
  // than that, nor faster than column commands to one bank group (tCCD_L). A spacing the arch file
  // gives replaces tCCD_L (PIM-GPT's 2 cycles), never the lanes' pace: fewer lanes than a column
  // holds must stretch it, or the units would do more MACs per cycle than they have lanes.
  const elementsPerColumn = device.columnBytes / PRECISION_BYTES[pim.precision];
  const macCyclesPerColumn = Math.ceil(elementsPerColumn / pim.macLanes);
  const macPaceCycles = Math.ceil((macCyclesPerColumn / pim.macClockHz) / tCKseconds - 1e-9);
  const nCCDAB = Math.max(pim.allBankMacSpacingCycles ?? device.dram.timing.tCCD_L, macPaceCycles);
  const compiled = compileStandard(pimStandard(pim.allBankActCountsInFaw), timingValues(device.dram.timing, { tRCDMAC: device.tRCDMAC, nCCDAB }), file);
  const totalLanes = d.channels * unitsPerChannel * pim.macLanes;
  return {
    structure,
    device,
    compiled,
    ids: commandIds(compiled),
    geometry: { channels: d.channels, unitsPerChannel, unitRowBytes: rowBytes * pim.banksPerMacUnit, columnBytes: device.columnBytes, globalBufferBytes: pim.globalBufferBytes },
    banksPerChannel,
    unitsPerChannel,
    totalLanes,
    nCCDAB,
    tCKseconds,
    peakMacsPerSecond: totalLanes * pim.macClockHz,
    internalBytesPerSecond: (d.channels * unitsPerChannel * device.columnBytes) / (Math.max(nCCDAB, macPaceCycles) * tCKseconds),
    externalBytesPerSecond: (d.channels * device.dram.requestBytes) / (device.dram.timing.tBURST * tCKseconds),
    capacityBytes: d.channels * banksPerChannel * org.rows * rowBytes,
  };
}

/** The machine of an arch whose structure was validated by the PIM schema. */
export function machineOf(arch: Arch<PimStructure>): PimMachine {
  return buildMachine(arch.structure, arch.file);
}
