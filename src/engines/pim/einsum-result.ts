// One Einsum's result from the steps that ran it (one per repetition): cycles, the cycle
// decomposition, busy unit-cycles, and the actions the cost model prices.
//   idealCycles           the MACs at the peak MAC rate (GEMV), or the host cycles (host)
//   underutilization      MAC commands that carry padding or idle units (the last row of a
//                         dot product, units without a piece in the last slot)
//   stallCycles           everything else: ACT/PRE, refresh, buffer writes, the read-out tail,
//                         DRAM reads of host parameters, host additions of partial sums
import type { Einsum } from '../../einsum/types.js';
import { zeroBreakdown, type ActionCount, type CycleBreakdown, type EinsumResult } from '../result.js';
import type { Totals } from './counts.js';
import { hostOps } from './host.js';
import type { PimMachine } from './machine.js';
import type { Binding } from './binding.js';
import type { GemvPlan } from './layout.js';
import { rowHitRate } from './row-hit-rate.js';

export interface StepRecord {
  unit: 'pim' | 'host';
  dramCycles: number;
  /** Host cycles (host clock): the Einsum itself, or the partial-sum additions of a GEMV. */
  hostCycles: number;
  /** The most loaded channel's MAC commands × nCCDAB, DRAM cycles. */
  macCommandCycles: number;
  macs: number;
  /** Accumulator bytes read out over all channels (exact, from the plan). */
  readoutBytes: number;
  delta: Totals;
  /** GEMV: the plans of its parts (one when the step is not cut). */
  plans: GemvPlan[];
  /** The rank the step is cut along, when it is, and into how many parts. */
  cutRank?: string;
  parts: number;
}

export function einsumResult(e: Einsum, binding: Binding, records: StepRecord[], m: PimMachine, clockHz: number): EinsumResult {
  const empty = { cycles: 0, stallCycles: 0, breakdown: zeroBreakdown(), busyUnitCycles: {}, macs: 0, actions: [], traffic: {}, details: {} };
  if (binding.unit === 'unsupported') return { einsum: e.id, status: 'unsupported', note: binding.reason, unit: 'host', ...empty };
  const s = m.structure;
  const toReport = (dram: number) => dram * m.tCKseconds * clockHz;
  const sum = (f: (r: StepRecord) => number) => records.reduce((a, r) => a + f(r), 0);
  const c = (name: keyof PimMachine['ids']) => sum((r) => r.delta.commands[m.ids[name]]);
  const cycles = toReport(sum((r) => r.dramCycles));
  const macs = sum((r) => r.macs);
  // The host's own MACs (a LayerNorm's mean, a GEMM the banks cannot hold), per execution.
  const ownHostOps = binding.unit === 'host' ? hostOps(e) : {};
  const hostMacs = (ownHostOps.mac ?? 0) * records.length;
  const hostCycles = sum((r) => r.hostCycles);
  const hostBusy = (hostCycles / s.host.clockHz) * clockHz;
  const ioRead = sum((r) => r.readoutBytes + r.delta.hostReadBytes);
  const ioWrite = sum((r) => r.delta.gbWriteBytes);
  const actions: ActionCount[] = [
    { component: 'dram', action: 'act', count: c('ACTAB') * m.banksPerChannel + c('ACT') },
    { component: 'dram', action: 'column_read', count: c('MACAB') * m.unitsPerChannel },
    { component: 'dram', action: 'read', count: c('RD') },
    { component: 'dram', action: 'ref', count: c('REF') * m.device.dram.org.ranks },
    { component: 'dram', action: 'active_standby_cycle', count: sum((r) => r.delta.activeRankCycles) },
    { component: 'dram', action: 'precharge_standby_cycle', count: sum((r) => r.delta.idleRankCycles) },
    { component: 'dram_io', action: 'read_bytes', count: ioRead },
    { component: 'dram_io', action: 'write_bytes', count: ioWrite },
    { component: 'global_buffer', action: 'write', count: c('WRGB') },
    { component: 'global_buffer', action: 'read', count: c('MACAB') },
    { component: 'pim_mac', action: 'mac', count: macs },
    { component: 'host', action: 'busy_cycle', count: hostCycles },
  ].filter((a) => a.count > 0);

  const busyMac = (macs * clockHz) / s.pim.macClockHz;
  const ideal = binding.unit === 'pim' ? busyMac / m.totalLanes : hostBusy;
  const macBound = binding.unit === 'pim' ? toReport(sum((r) => r.macCommandCycles)) : ideal;
  const under = remainder(Math.min(cycles, macBound), ideal);
  const stall = remainder(cycles, ideal + under);
  const activations = c('ACTAB') * s.pim.banksPerMacUnit * m.unitsPerChannel + c('ACT');
  const accesses = c('MACAB') * m.unitsPerChannel + c('RD');
  const details: Record<string, number | string> = { executions: records.length };
  let note: string;
  if (binding.unit === 'pim') {
    const sh = binding.shape;
    // The mapping of one execution: its parts' plans, each on the busiest channel.
    const plans = records[0]?.plans.length ? records[0].plans : [binding.plan];
    const busiest = plans.map((p) => p.channels.reduce((best, ch) => (perUnit(ch) > perUnit(best) ? ch : best), p.channels[0]));
    details.rowHitRate = rowHitRate(activations, accesses);
    details.tiles = binding.plan.tiles;
    details.dotProductsPerUnit = busiest.reduce((a, ch) => a + perUnit(ch), 0);
    details.bufferLoads = busiest.reduce((a, ch) => a + ch.loads.length, 0);
    details.parts = plans.length;
    details.allBankActivations = c('ACTAB');
    details.allBankMacCommands = c('MACAB');
    details.refreshes = c('REF');
    details.hostPartialSumCycles = hostCycles;
    details.macUtilization = cycles > 0 ? busyMac / (m.totalLanes * cycles) : 0;
    const cut = plans.length > 1 ? `, in ${plans.length} parts along ${records[0].cutRank}` : '';
    note = `${sh.matrix} resident: ${sh.batch > 1 ? `${sh.batch}×` : ''}${sh.outputs} rows of ${sh.reduction}${sh.vectors > 1 ? ` × ${sh.vectors} vectors` : ''}, ${binding.plan.tiles} tile${binding.plan.tiles > 1 ? 's' : ''}${cut}, ${details.dotProductsPerUnit} dot products per MAC unit`;
  } else {
    details.hostCycles = hostCycles;
    const ops = Object.entries(ownHostOps).sort((a, b) => b[1] - a[1]);
    note = `host: ${ops.map(([op, n]) => `${n} ${op}`).join(', ') || 'a copy'}`;
    // A GEMV that stayed off the banks says why (a softmax's reason would only be noise).
    if (binding.gemvUnmappable) note += ` (${binding.why})`;
    if (records[0]?.cutRank) {
      details.parts = records[0].parts;
      note += `, in ${records[0].parts} parts along ${records[0].cutRank}`;
    }
  }
  return {
    einsum: e.id,
    status: 'ok',
    note,
    unit: binding.unit,
    cycles,
    stallCycles: stall,
    breakdown: { ...zeroBreakdown(), idealCycles: ideal, underutilizationCycles: under, stallCycles: stall },
    busyUnitCycles: binding.unit === 'pim' ? { pim_mac: busyMac, host: hostBusy } : { host: hostBusy },
    // A contraction the host runs (a large-batch GEMM, a LayerNorm's mean) performs MACs too.
    macs: binding.unit === 'pim' ? macs : hostMacs,
    actions,
    traffic: {
      dram: { readBytes: c('MACAB') * m.unitsPerChannel * m.device.columnBytes + sum((r) => r.delta.hostReadBytes), writeBytes: 0 },
      dram_io: { readBytes: ioRead, writeBytes: ioWrite },
    },
    details,
  };
}

/**
 * total − parts, never negative, and 0 when it is only rounding: DRAM cycles and host-clock
 * cycles meet here in the report's clock, so equal spans differ in the last bits (a host step
 * showed 1.4e-14 stall cycles).
 */
function remainder(total: number, parts: number): number {
  const r = total - parts;
  return r > 1e-9 * Math.max(1, Math.abs(total)) ? r : 0;
}

function perUnit(ch: { loads: { piecesPerUnit: number }[] }): number {
  return ch.loads.reduce((a, l) => a + l.piecesPerUnit, 0);
}

/**
 * The run's decomposition. Bank work and host work overlap, so the Einsums' parts do not add up
 * to the total; the run's parts are those of the banks' GEMVs (ideal: MACs at the peak rate;
 * under-utilization: padded or idle units), plus the host's work while no bank works (ideal for
 * the host), and everything else (row switches, refresh, buffer fills, read-out tails, parameter
 * reads, waiting) as stall.
 */
export function runBreakdown(einsums: EinsumResult[], total: number, hostOnlyCycles: number): CycleBreakdown {
  const b = zeroBreakdown();
  for (const e of einsums) {
    if (e.unit !== 'pim') continue;
    b.idealCycles += e.breakdown.idealCycles;
    b.underutilizationCycles += e.breakdown.underutilizationCycles;
  }
  b.idealCycles += hostOnlyCycles;
  b.stallCycles = Math.max(0, total - b.idealCycles - b.underutilizationCycles);
  return b;
}
