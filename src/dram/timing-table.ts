// The timing constraints as data: which command, issued where, delays which command, by how
// many cycles. Scopes follow DRAMsim3's Timing class (umd-memsys/DRAMsim3@2981759
// src/timing.cc): the same bank, the other banks of its bank group, the banks of the other
// bank groups of its rank, the banks of other ranks, and every bank of the rank (for
// rank-wide commands such as REF). Latencies are expressions over the names of
// config.ts (DramTiming + DerivedTiming); every row below is a line of timing.cc, written
// with the names instead of the local variables (read_to_write = RL + tBURST - WL + tRTRS...).
// Windows (tFAW: at most 4 ACTs per rank in any tFAW cycles) are separate rows.
// A PIM layer extends the table by appending rows for its commands (see compileTimingTable).

export type TimingScope =
  | 'sameBank'
  | 'otherBanksSameBankgroup'
  | 'otherBankgroupsSameRank'
  | 'otherRanks'
  /** Every bank of the command's rank, including its own bank(s). */
  | 'sameRank';

export const TIMING_SCOPES: readonly TimingScope[] = ['sameBank', 'otherBanksSameBankgroup', 'otherBankgroupsSameRank', 'otherRanks', 'sameRank'];

export interface TimingConstraint {
  scope: TimingScope;
  preceding: readonly string[];
  following: readonly string[];
  /** Cycles from the preceding command to the earliest following one. */
  latency: string;
  /** Which rule this is, for test names and checker messages (e.g. "ACT→RD waits tRCD"). */
  rule: string;
}

/** At most `count` of `commands` per rank in any `window` cycles (tFAW, GDDR t32AW). 0 disables. */
export interface WindowConstraint {
  commands: readonly string[];
  count: number;
  window: string;
  rule: string;
}

const RD = ['RD', 'RDA'];
const WR = ['WR', 'WRA'];
const CAS = [...RD, ...WR];

// Column-to-column spacing after a RD/RDA or WR/WRA (timing.cc, "command READ", "command WRITE";
// RDA/WRA repeat the lists for the other banks; their own bank closes, so only RD/WR keep
// same-bank column rows).
const READ_TO_CAS: TimingConstraint[] = [
  { scope: 'sameBank', preceding: ['RD'], following: RD, latency: 'max(tBURST, tCCD_L)', rule: 'RD→RD same bank waits tCCD_L' },
  { scope: 'sameBank', preceding: ['RD'], following: WR, latency: 'RL + tBURST - WL + tRTRS', rule: 'RD→WR waits the read-to-write turnaround' },
  { scope: 'otherBanksSameBankgroup', preceding: RD, following: RD, latency: 'max(tBURST, tCCD_L)', rule: 'RD→RD same bank group waits tCCD_L' },
  { scope: 'otherBanksSameBankgroup', preceding: RD, following: WR, latency: 'RL + tBURST - WL + tRTRS', rule: 'RD→WR same bank group waits the turnaround' },
  { scope: 'otherBankgroupsSameRank', preceding: RD, following: RD, latency: 'max(tBURST, tCCD_S)', rule: 'RD→RD other bank group waits tCCD_S' },
  { scope: 'otherBankgroupsSameRank', preceding: RD, following: WR, latency: 'RL + tBURST - WL + tRTRS', rule: 'RD→WR other bank group waits the turnaround' },
  { scope: 'otherRanks', preceding: RD, following: RD, latency: 'tBURST + tRTRS', rule: 'RD→RD other rank waits tBURST + tRTRS' },
  { scope: 'otherRanks', preceding: RD, following: WR, latency: 'readDelay + tBURST + tRTRS - writeDelay', rule: 'RD→WR other rank waits the turnaround' },
];

const WRITE_TO_CAS: TimingConstraint[] = [
  { scope: 'sameBank', preceding: ['WR'], following: RD, latency: 'writeDelay + tWTR_L', rule: 'WR→RD same bank waits tWTR_L' },
  { scope: 'sameBank', preceding: ['WR'], following: WR, latency: 'max(tBURST, tCCD_L)', rule: 'WR→WR same bank waits tCCD_L' },
  { scope: 'otherBanksSameBankgroup', preceding: WR, following: RD, latency: 'writeDelay + tWTR_L', rule: 'WR→RD same bank group waits tWTR_L' },
  { scope: 'otherBanksSameBankgroup', preceding: WR, following: WR, latency: 'max(tBURST, tCCD_L)', rule: 'WR→WR same bank group waits tCCD_L' },
  { scope: 'otherBankgroupsSameRank', preceding: WR, following: RD, latency: 'writeDelay + tWTR_S', rule: 'WR→RD other bank group waits tWTR_S' },
  { scope: 'otherBankgroupsSameRank', preceding: WR, following: WR, latency: 'max(tBURST, tCCD_S)', rule: 'WR→WR other bank group waits tCCD_S' },
  { scope: 'otherRanks', preceding: WR, following: RD, latency: 'writeDelay + tBURST + tRTRS - readDelay', rule: 'WR→RD other rank waits the turnaround' },
  { scope: 'otherRanks', preceding: WR, following: WR, latency: 'tBURST', rule: 'WR→WR other rank waits tBURST' },
];

/** DRAMsim3's JEDEC timing table (all protocols; protocol differences live in the values). */
export const JEDEC_TIMING: readonly TimingConstraint[] = [
  ...READ_TO_CAS,
  ...WRITE_TO_CAS,
  // Row commands after column commands, same bank.
  { scope: 'sameBank', preceding: ['RD'], following: ['PRE'], latency: 'AL + tRTP', rule: 'RD→PRE waits tRTP' },
  { scope: 'sameBank', preceding: ['WR'], following: ['PRE'], latency: 'WL + tBURST + tWR', rule: 'WR→PRE waits write recovery tWR' },
  { scope: 'sameBank', preceding: ['RDA'], following: ['ACT'], latency: 'AL + tBURST + tRTP + tRP', rule: 'RDA→ACT waits tRTP + tRP' },
  { scope: 'sameBank', preceding: ['RDA'], following: ['REF', 'REFb'], latency: 'AL + tRTP + tRP', rule: 'RDA→REF waits tRTP + tRP' },
  { scope: 'sameBank', preceding: ['WRA'], following: ['ACT', 'REF', 'REFb'], latency: 'WL + tBURST + tWR + tRP', rule: 'WRA→ACT waits tWR + tRP' },
  // Activation.
  { scope: 'sameBank', preceding: ['ACT'], following: ['ACT'], latency: 'tRC', rule: 'ACT→ACT same bank waits tRC' },
  { scope: 'sameBank', preceding: ['ACT'], following: RD, latency: 'tRCDRD', rule: 'ACT→RD waits tRCD' },
  { scope: 'sameBank', preceding: ['ACT'], following: WR, latency: 'tRCDWR', rule: 'ACT→WR waits tRCD' },
  { scope: 'sameBank', preceding: ['ACT'], following: ['PRE'], latency: 'tRAS', rule: 'ACT→PRE waits tRAS' },
  { scope: 'otherBanksSameBankgroup', preceding: ['ACT'], following: ['ACT'], latency: 'tRRD_L', rule: 'ACT→ACT same bank group waits tRRD_L' },
  { scope: 'otherBanksSameBankgroup', preceding: ['ACT'], following: ['REFb'], latency: 'tRC', rule: 'ACT→REFb other bank waits tRC' },
  { scope: 'otherBankgroupsSameRank', preceding: ['ACT'], following: ['ACT'], latency: 'tRRD_S', rule: 'ACT→ACT other bank group waits tRRD_S' },
  { scope: 'otherBankgroupsSameRank', preceding: ['ACT'], following: ['REFb'], latency: 'tRC', rule: 'ACT→REFb other bank group waits tRC' },
  // Precharge.
  { scope: 'sameBank', preceding: ['PRE'], following: ['ACT', 'REF', 'REFb'], latency: 'tRP', rule: 'PRE→ACT waits tRP' },
  { scope: 'otherBanksSameBankgroup', preceding: ['PRE'], following: ['PRE'], latency: 'tPPD', rule: 'PRE→PRE waits tPPD' },
  { scope: 'otherBankgroupsSameRank', preceding: ['PRE'], following: ['PRE'], latency: 'tPPD', rule: 'PRE→PRE other bank group waits tPPD' },
  // Refresh. All-bank REF as DRAMsim3 (same_rank[REFRESH]).
  { scope: 'sameRank', preceding: ['REF'], following: ['ACT', 'REF'], latency: 'tRFC', rule: 'REF→ACT waits tRFC' },
  // Per-bank REFb. DRAMsim3's rows for it are not consistent (its same_rank list for
  // REFRESH_BANK is never applied, so a refreshed bank could be activated at once, while other
  // banks wait tRFC and the next REFb a whole tREFI); einsim uses the JEDEC meaning instead:
  // the refreshed bank is busy for tRFCb. No stock DRAMsim3 configuration uses per-bank refresh.
  { scope: 'sameBank', preceding: ['REFb'], following: ['ACT', 'REFb', 'REF'], latency: 'tRFCb', rule: 'REFb→ACT waits tRFCb' },
];

export const JEDEC_WINDOWS: readonly WindowConstraint[] = [
  { commands: ['ACT'], count: 4, window: 'tFAW', rule: 'at most 4 ACT per rank in tFAW' },
  // GDDR5/6 only: t32AW is 0 (disabled) for other protocols, see config.ts.
  { commands: ['ACT'], count: 32, window: 't32AW', rule: 'at most 32 ACT per rank in t32AW' },
];

export { CAS as COLUMN_COMMANDS };
