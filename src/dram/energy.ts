// DRAM energy from IDD currents with DRAMsim3's formulas (umd-memsys/DRAMsim3@2981759
// src/configuration.cc InitPowerParams, src/simple_stats.cc): each command's energy is the
// current above the standby current it displaces, over the cycles it lasts, for every device
// of the rank; background is IDD3N per cycle while a rank has a row open and IDD2N while all
// its banks are precharged. DRAMsim3 reports V·mA·cycles; multiplied by tCK in ns that is pJ
// (umd-memsys/DRAMsim3#18, PR#49; pim.md §4). DRAMsim3 has no I/O energy (#53): einsim adds
// it as its own component where the preset cites a pJ/bit value.
import type { DramConfig } from './config.js';

export interface EnergyPerOperation {
  /** ACT (with its PRE): VDD·(IDD0·tRC − IDD3N·tRAS − IDD2N·tRP)·devices·tCK. */
  actPj: number;
  /** One read burst: VDD·(IDD4R − IDD3N)·tBURST·devices·tCK. */
  readPj: number;
  writePj: number;
  /** All-bank refresh: VDD·(IDD5AB − IDD3N)·tRFC·devices·tCK. */
  refPj: number;
  /** Per-bank refresh: VDD·(IDD5PB − IDD3N)·tRFCb·devices·tCK. */
  refbPj: number;
  /** Per rank and cycle with a row open: VDD·IDD3N·devices·tCK. */
  activeStandbyPjPerCycle: number;
  /** Per rank and cycle with every bank precharged: VDD·IDD2N·devices·tCK. */
  prechargeStandbyPjPerCycle: number;
  ioPjPerBit: number;
  source: string;
}

export interface EnergyBreakdown {
  actPj: number;
  readPj: number;
  writePj: number;
  refreshPj: number;
  backgroundPj: number;
  ioPj: number;
  totalPj: number;
}

/** Energy per operation, or undefined when the configuration has no sourced currents. */
export function energyPerOperation(config: DramConfig): EnergyPerOperation | undefined {
  const p = config.power;
  if (!p) return undefined;
  const t = config.timing;
  const k = p.VDD * config.org.devicesPerRank * config.tCKns;
  return {
    actPj: k * (p.IDD0 * t.tRC - (p.IDD3N * t.tRAS + p.IDD2N * t.tRP)),
    readPj: k * (p.IDD4R - p.IDD3N) * t.tBURST,
    writePj: k * (p.IDD4W - p.IDD3N) * t.tBURST,
    refPj: k * (p.IDD5AB - p.IDD3N) * t.tRFC,
    refbPj: k * (p.IDD5PB - p.IDD3N) * t.tRFCb,
    activeStandbyPjPerCycle: k * p.IDD3N,
    prechargeStandbyPjPerCycle: k * p.IDD2N,
    ioPjPerBit: config.ioEnergyPjPerBit?.value ?? 0,
    source: p.source,
  };
}

export interface EnergyCounts {
  act: number;
  reads: number;
  writes: number;
  ref: number;
  refb: number;
  /** Rank-cycles with a row open / with all banks precharged, summed over ranks and channels. */
  activeRankCycles: number;
  idleRankCycles: number;
  /** Bits moved over the data bus. */
  bits: number;
}

export function energyBreakdown(e: EnergyPerOperation, n: EnergyCounts): EnergyBreakdown {
  const actPj = n.act * e.actPj;
  const readPj = n.reads * e.readPj;
  const writePj = n.writes * e.writePj;
  const refreshPj = n.ref * e.refPj + n.refb * e.refbPj;
  const backgroundPj = n.activeRankCycles * e.activeStandbyPjPerCycle + n.idleRankCycles * e.prechargeStandbyPjPerCycle;
  const ioPj = n.bits * e.ioPjPerBit;
  return { actPj, readPj, writePj, refreshPj, backgroundPj, ioPj, totalPj: actPj + readPj + writePj + refreshPj + backgroundPj + ioPj };
}
