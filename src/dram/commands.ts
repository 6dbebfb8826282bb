// DRAM commands and what they do to a bank, apart from timing (timing is in timing-table.ts).
// Two small rules, as Ramulator 2 keeps them per command: the state a command leaves a bank
// in, and the command that has to go first when a request meets a bank in the wrong state
// (ACT for a closed bank, PRE for a row conflict). Semantics follow DRAMsim3's BankState
// (umd-memsys/DRAMsim3@2981759 src/bankstate.cc). A PIM layer adds its own commands
// (all-bank ACT, MAC column commands) as more entries of this shape.

/** Bank-state needs of a command. */
export type BankRequirement =
  | 'row-open' // RD/WR: the addressed row must be open
  | 'closed' // ACT, REF: the bank must be precharged
  | 'open'; // PRE: a row must be open (PRE to a closed bank is never issued)

export type BankEffect =
  | 'open' // ACT: opens the addressed row
  | 'close' // PRE: closes the row
  | 'access' // RD/WR: column access, counts a row hit
  | 'access-close' // RDA/WRA: column access with auto-precharge
  | 'none'; // REF: bank stays closed

export interface CommandSpec {
  name: string;
  /** 'rank': one command for every bank of a rank (REF, all-bank PIM commands). */
  target: 'bank' | 'rank';
  requires: BankRequirement;
  effect: BankEffect;
  /** Moves data on the channel's data bus. */
  data?: 'read' | 'write';
}

/** The JEDEC command set of DRAMsim3 (common.h CommandType, without self-refresh). */
export const JEDEC_COMMANDS = [
  { name: 'ACT', target: 'bank', requires: 'closed', effect: 'open' },
  { name: 'PRE', target: 'bank', requires: 'open', effect: 'close' },
  { name: 'RD', target: 'bank', requires: 'row-open', effect: 'access', data: 'read' },
  { name: 'RDA', target: 'bank', requires: 'row-open', effect: 'access-close', data: 'read' },
  { name: 'WR', target: 'bank', requires: 'row-open', effect: 'access', data: 'write' },
  { name: 'WRA', target: 'bank', requires: 'row-open', effect: 'access-close', data: 'write' },
  { name: 'REFb', target: 'bank', requires: 'closed', effect: 'none' },
  { name: 'REF', target: 'rank', requires: 'closed', effect: 'none' },
] as const satisfies readonly CommandSpec[];

/** Row value of a closed bank. */
export const NO_ROW = -1;

