// The one Report shape every engine's run becomes; the table, JSON, CSV, plots, sweeps and
// tests read only this. Built from an EngineResult (counts) by pricing its actions and the
// architecture's components; nothing engine-specific is interpreted here.
import type { Arch } from '../arch/types.js';
import { computeArea, type AreaLine } from '../cost/area.js';
import { priceActions, type EnergyLine } from '../cost/energy.js';
import type { CycleBreakdown, EngineResult, Traffic } from '../engines/result.js';
import { VERSION } from '../version.js';

export interface ReportEinsum {
  einsum: string;
  status: 'ok' | 'unsupported';
  unit: string;
  note: string;
  cycles: number;
  stallCycles: number;
  seconds: number;
  macs: number;
  energyPj: number;
  /** Busy fraction of each compute unit over this Einsum's cycles (0…1). */
  utilization: Record<string, number>;
  breakdown: CycleBreakdown;
  traffic: Record<string, Traffic>;
  details: Record<string, number | string>;
}

export interface Report {
  einsim: string;
  workload: { name: string; file: string };
  arch: { name: string; file: string; engine: string; technology: string };
  clockHz: number;
  totals: {
    cycles: number;
    stallCycles: number;
    seconds: number;
    macs: number;
    energyPj: number;
    areaUm2: number;
    /** Busy fraction of each compute unit over the whole run (0…1). */
    utilization: Record<string, number>;
  };
  units: Record<string, number>;
  breakdown: CycleBreakdown;
  einsums: ReportEinsum[];
  traffic: Record<string, Traffic>;
  energy: { byComponent: Record<string, number>; lines: EnergyLine[] };
  area: { lines: AreaLine[] };
  details: Record<string, number | string>;
}

function utilization(busy: Record<string, number>, units: Record<string, number>, cycles: number): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [unit, instances] of Object.entries(units)) {
    const b = busy[unit] ?? 0;
    out[unit] = cycles > 0 && instances > 0 ? b / (instances * cycles) : 0;
  }
  return out;
}

export function buildReport(result: EngineResult, arch: Arch, workload: { name: string; file: string }): Report {
  const energy = priceActions(result.actions, arch);
  const area = computeArea(arch);
  const seconds = (c: number): number => c / result.clockHz;
  const totalBusy: Record<string, number> = {};
  for (const e of result.einsums) for (const [u, b] of Object.entries(e.busyUnitCycles)) totalBusy[u] = (totalBusy[u] ?? 0) + b;

  const einsums: ReportEinsum[] = result.einsums.map((e) => ({
    einsum: e.einsum,
    status: e.status,
    unit: e.unit,
    note: e.note,
    cycles: e.cycles,
    stallCycles: e.stallCycles,
    seconds: seconds(e.cycles),
    macs: e.macs,
    energyPj: priceActions(e.actions, arch).totalPj,
    utilization: utilization(e.busyUnitCycles, result.units, e.cycles),
    breakdown: e.breakdown,
    traffic: e.traffic,
    details: e.details,
  }));

  return {
    einsim: VERSION,
    workload,
    arch: { name: arch.name, file: arch.file, engine: arch.engine, technology: arch.tech.node },
    clockHz: result.clockHz,
    totals: {
      cycles: result.cycles,
      stallCycles: result.stallCycles,
      seconds: seconds(result.cycles),
      macs: result.einsums.reduce((s, e) => s + e.macs, 0),
      energyPj: energy.totalPj,
      areaUm2: area.totalUm2,
      utilization: utilization(totalBusy, result.units, result.cycles),
    },
    units: result.units,
    breakdown: result.breakdown,
    einsums,
    traffic: result.traffic,
    energy: { byComponent: energy.byComponent, lines: energy.lines },
    area: { lines: area.lines },
    details: result.details,
  };
}
