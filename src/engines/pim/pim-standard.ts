// The PIM commands as an extension of the DRAM model's JEDEC standard (src/dram/standard.ts
// extendStandard): the same timing engine and the same table format, five more commands and the
// rows that time them. Command set and rules after AttAcc's HBM3-PIM (ACTAB / MACAB / PREA /
// WRGB; scale-snu/attacc_simulator pim_ramulator_src/HBM3-PIM.cpp) and SK hynix AiM (ACT16 /
// MAC16 / RDMAC16 / WRGB; arkhadem/aim_simulator src/dram/impl/GDDR6.cpp):
//   ACTAB  all-bank ACT (one command opens a row in every bank of the rank)
//   PREAB  all-bank PRE
//   MACAB  all-bank MAC: every MAC unit reads one column of its open row (32 B) and multiplies
//          it with the global buffer; spaced by nCCDAB (tCCD_L, the MAC unit's pace, or a power cap)
//   WRGB   write one burst into the channel's global buffer (data bus, like WR)
//   RDMAC  read one burst of finished accumulators (data bus, like RD)
// Latencies name the DRAM model's timing values plus two PIM values: tRCDMAC (ACT→MAC; AiM's
// nRCDRDMAC) and nCCDAB. An all-bank ACT is exempt from tFAW unless the arch file says
// otherwise (AiM: "deprecated because of the paper"); it then counts as ONE activation.
import type { CommandSpec } from '../../dram/commands.js';
import { extendStandard, JEDEC_STANDARD, type DramStandard } from '../../dram/standard.js';
import type { TimingConstraint, WindowConstraint } from '../../dram/timing-table.js';

export const PIM_COMMANDS = [
  { name: 'ACTAB', target: 'rank', requires: 'closed', effect: 'open' },
  { name: 'PREAB', target: 'rank', requires: 'open', effect: 'close' },
  { name: 'MACAB', target: 'rank', requires: 'row-open', effect: 'access' },
  // The buffer and the accumulators are not in a bank; 'open' is the weakest requirement the
  // DRAM model's vocabulary has (src/dram/commands.ts). The scheduler never consults it.
  { name: 'WRGB', target: 'rank', requires: 'open', effect: 'none', data: 'write' },
  { name: 'RDMAC', target: 'rank', requires: 'open', effect: 'none', data: 'read' },
] as const satisfies readonly CommandSpec[];


const ACTS = ['ACT', 'ACTAB'];
const PRES = ['PRE', 'PREAB'];
const READS = ['RD', 'RDA', 'RDMAC'];
const WRITES = ['WR', 'WRA', 'WRGB'];

const PIM_TIMING: TimingConstraint[] = [
  // Row commands: an all-bank command is the per-bank command at every bank at once.
  { scope: 'sameBank', preceding: ACTS, following: ['ACTAB'], latency: 'tRC', rule: 'ACT→ACTAB same bank waits tRC' },
  { scope: 'sameBank', preceding: ['ACTAB'], following: ['ACT'], latency: 'tRC', rule: 'ACTAB→ACT waits tRC' },
  { scope: 'sameBank', preceding: ACTS, following: ['PREAB'], latency: 'tRAS', rule: 'ACT→PREAB waits tRAS' },
  { scope: 'sameBank', preceding: ['ACTAB'], following: ['PRE'], latency: 'tRAS', rule: 'ACTAB→PRE waits tRAS' },
  { scope: 'sameBank', preceding: ['PREAB'], following: ['ACT', 'ACTAB', 'REF', 'REFb'], latency: 'tRP', rule: 'PREAB→ACT waits tRP' },
  { scope: 'sameBank', preceding: ['PRE'], following: ['ACTAB'], latency: 'tRP', rule: 'PRE→ACTAB waits tRP' },
  { scope: 'sameRank', preceding: ['REF'], following: ['ACTAB'], latency: 'tRFC', rule: 'REF→ACTAB waits tRFC' },
  { scope: 'sameBank', preceding: ['REFb'], following: ['ACTAB'], latency: 'tRFCb', rule: 'REFb→ACTAB waits tRFCb' },
  // MAC: a column read of every bank.
  { scope: 'sameBank', preceding: ACTS, following: ['MACAB'], latency: 'tRCDMAC', rule: 'ACT→MACAB waits tRCDMAC' },
  { scope: 'sameRank', preceding: ['MACAB'], following: ['MACAB'], latency: 'nCCDAB', rule: 'MACAB→MACAB waits nCCDAB' },
  { scope: 'sameBank', preceding: ['MACAB'], following: PRES, latency: 'AL + tRTP', rule: 'MACAB→PRE waits tRTP' },
  { scope: 'sameRank', preceding: ['MACAB'], following: ['RD', 'RDA'], latency: 'tCCD_L', rule: 'MACAB→RD waits tCCD_L' },
  { scope: 'sameRank', preceding: ['RD', 'RDA'], following: ['MACAB'], latency: 'max(tBURST, tCCD_L)', rule: 'RD→MACAB waits tCCD_L' },
  // The accumulators are read after the MAC pipeline, one column-to-column delay (AiM MAC16→RDMAC16 nCCDL).
  { scope: 'sameRank', preceding: ['MACAB'], following: ['RDMAC'], latency: 'tCCD_L', rule: 'MACAB→RDMAC waits tCCD_L' },
  // The buffer must hold the vector before a MAC reads it: write latency plus the burst.
  { scope: 'sameRank', preceding: ['WRGB'], following: ['MACAB'], latency: 'WL + tBURST', rule: 'WRGB→MACAB waits WL + tBURST' },
  // Data bus: RDMAC and WRGB are reads and writes of the channel's data bus.
  { scope: 'sameRank', preceding: READS, following: ['RDMAC'], latency: 'max(tBURST, tCCD_S)', rule: 'RD→RDMAC waits tBURST' },
  { scope: 'sameRank', preceding: ['RDMAC'], following: READS, latency: 'max(tBURST, tCCD_S)', rule: 'RDMAC→RD waits tBURST' },
  { scope: 'sameRank', preceding: WRITES, following: ['WRGB'], latency: 'max(tBURST, tCCD_S)', rule: 'WR→WRGB waits tBURST' },
  { scope: 'sameRank', preceding: ['WRGB'], following: WRITES, latency: 'max(tBURST, tCCD_S)', rule: 'WRGB→WR waits tBURST' },
  { scope: 'sameRank', preceding: READS, following: ['WRGB'], latency: 'RL + tBURST - WL + tRTRS', rule: 'RD→WRGB waits the read-to-write turnaround' },
  { scope: 'sameRank', preceding: ['RDMAC'], following: WRITES, latency: 'RL + tBURST - WL + tRTRS', rule: 'RDMAC→WR waits the read-to-write turnaround' },
  { scope: 'sameRank', preceding: WRITES, following: ['RDMAC'], latency: 'writeDelay + tWTR_S', rule: 'WR→RDMAC waits tWTR_S' },
  { scope: 'sameRank', preceding: ['WRGB'], following: ['RD', 'RDA'], latency: 'writeDelay + tWTR_S', rule: 'WRGB→RD waits tWTR_S' },
  // Other ranks share the data bus.
  { scope: 'otherRanks', preceding: READS, following: ['RDMAC'], latency: 'tBURST + tRTRS', rule: 'RD→RDMAC other rank waits tBURST + tRTRS' },
  { scope: 'otherRanks', preceding: ['RDMAC'], following: READS, latency: 'tBURST + tRTRS', rule: 'RDMAC→RD other rank waits tBURST + tRTRS' },
  { scope: 'otherRanks', preceding: WRITES, following: ['WRGB'], latency: 'tBURST', rule: 'WR→WRGB other rank waits tBURST' },
  { scope: 'otherRanks', preceding: ['WRGB'], following: WRITES, latency: 'tBURST', rule: 'WRGB→WR other rank waits tBURST' },
];

/** The PIM standard; `allBankActInFaw` makes an all-bank ACT count as one activation in tFAW. */
export function pimStandard(allBankActInFaw: boolean): DramStandard {
  const windows: WindowConstraint[] = allBankActInFaw ? [{ commands: ['ACT', 'ACTAB'], count: 4, window: 'tFAW', rule: 'at most 4 ACT or ACTAB per rank in tFAW' }] : [];
  return extendStandard(JEDEC_STANDARD, { name: 'PIM (all-bank ACT/PRE/MAC, global buffer, accumulator read-out)', commands: PIM_COMMANDS, constraints: PIM_TIMING, windows });
}
