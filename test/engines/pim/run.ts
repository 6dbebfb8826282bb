// Loading the shipped PIM architectures and GPT workloads for tests, and a replay checker that
// re-issues a PIM command trace through a fresh DRAM timing engine (src/dram/channel-state.ts).
import { join } from 'node:path';
import { loadArch } from '../../../src/arch/load.js';
import type { Assignment } from '../../../src/arch/overrides.js';
import type { Arch } from '../../../src/arch/types.js';
import { ChannelState } from '../../../src/dram/channel-state.js';
import { checkCommandTrace, type TraceViolation } from '../../../src/dram/check-trace.js';
import { parseCommandTrace, type CommandRecord } from '../../../src/dram/command-log.js';
import { NO_ROW } from '../../../src/dram/commands.js';
import { loadWorkload } from '../../../src/einsum/load.js';
import { parseWorkload } from '../../../src/einsum/parse.js';
import type { Cascade } from '../../../src/einsum/types.js';
import type { PimMachine } from '../../../src/engines/pim/machine.js';
import { pimStandard } from '../../../src/engines/pim/pim-standard.js';
import type { PimStructure } from '../../../src/engines/pim/structure.js';
import { PIMGPT_MODELS } from '../../../src/repro/pimgpt.js';
import { simulate } from '../../../src/simulate.js';
import { REPO_ROOT } from '../../helpers/ref.js';

export function pimArch(name: string, set: Assignment[] = []): Arch<PimStructure> {
  return loadArch(join(REPO_ROOT, 'arch', `${name}.yaml`), { set }) as Arch<PimStructure>;
}

/** The 8 GPT models of PIM-GPT (their parameters live with the reproduction). */
export const GPT_MODELS = PIMGPT_MODELS;

export function gptDecode(params: Record<string, number> = {}): Cascade {
  return loadWorkload(join(REPO_ROOT, 'workloads', 'pim', 'gpt-decode.yaml'), params);
}

export function run(cascade: Cascade, arch: Arch<PimStructure>, trace = false) {
  return simulate(cascade, arch, { trace });
}

/** One GEMV Y[b,n] = Σk X[b,k]·W[b,n,k] (W resident). */
export function gemvCascade(b: number, n: number, k: number, vectors = 1): Cascade {
  const v = vectors > 1;
  const text = `name: gemv
precision: bf16
params: { B: ${b}, N: ${n}, K: ${k}, R: ${vectors} }
tensors:
  W: [b, n, k]
  X: ${v ? '[r, b, k]' : '[b, k]'}
  Y: ${v ? '[r, b, n]' : '[b, n]'}
einsums:
  - ${v ? 'Y[r,b,n] = X[r,b,k] * W[b,n,k]' : 'Y[b,n] = X[b,k] * W[b,n,k]'}
`;
  return parseWorkload(text, '<gemv>');
}

export interface Violation {
  record: CommandRecord;
  why: string;
}

/**
 * Replay a command trace (one channel at a time) through a fresh ChannelState compiled with the
 * same PIM standard: every command must issue no earlier than the timing table allows, find its
 * banks in the state it needs, and share its cycle only with the same command to other ranks.
 */
export function replayTrace(lines: Iterable<string>, m: PimMachine): Violation[] {
  const records = parseCommandTrace([...lines].join(''));
  const byChannel = new Map<number, CommandRecord[]>();
  for (const r of records) (byChannel.get(r.channel) ?? byChannel.set(r.channel, []).get(r.channel)!).push(r);
  const out: Violation[] = [];
  for (const list of byChannel.values()) {
    const s = new ChannelState(m.device.dram.org, m.compiled);
    let last: CommandRecord | undefined;
    for (const r of list) {
      const cmd = m.compiled.index.get(r.command);
      if (cmd === undefined) {
        out.push({ record: r, why: 'unknown command' });
        continue;
      }
      const spec = m.compiled.commands[cmd];
      const rankLevel = r.bankgroup < 0;
      const bank = rankLevel ? r.rank * s.banksPerRank : s.bankIndex(r.rank, r.bankgroup, r.bank);
      const ready = rankLevel ? s.readyAtRank(cmd, r.rank) : s.readyAt(cmd, bank);
      if (r.cycle < ready) out.push({ record: r, why: `issued at ${r.cycle}, ready at ${ready}` });
      if (last && r.cycle < last.cycle) out.push({ record: r, why: 'out of order' });
      if (last && r.cycle === last.cycle && (r.command !== last.command || r.rank === last.rank)) out.push({ record: r, why: 'two commands in one cycle' });
      const banks = rankLevel ? Array.from({ length: s.banksPerRank }, (_, i) => r.rank * s.banksPerRank + i) : [bank];
      for (const b of banks) {
        const open = s.openRow[b] !== NO_ROW;
        if (spec.requires === 'closed' && open) out.push({ record: r, why: `bank ${b} is open` });
        if (spec.requires === 'row-open' && !open) out.push({ record: r, why: `bank ${b} is closed` });
        if (spec.name === 'PRE' && !open) out.push({ record: r, why: `PRE to closed bank ${b}` });
      }
      s.issue(cmd, bank, r.row, r.cycle);
      last = r;
    }
  }
  return out;
}

/**
 * The DRAM model's own trace checker (src/dram/check-trace.ts, written apart from the timing
 * engine) on a PIM command trace: every history's commands are written out for each channel it
 * stands for. The checker allows one command per cycle per channel, so rank broadcasts (AttAcc's
 * two ranks) are for replayTrace only.
 */
export function dramModelViolations(lines: Iterable<string>, m: PimMachine): TraceViolation[] {
  const all = [...lines];
  const standsFor = new Map<number, number[]>();
  for (const l of all) {
    const match = /^# channel (\d+) stands for channels ([\d ]+)/.exec(l);
    if (match) standsFor.set(Number(match[1]), match[2].trim().split(/\s+/).map(Number));
  }
  const records = parseCommandTrace(all.join(''))
    .flatMap((r) => (standsFor.get(r.channel) ?? [r.channel]).map((channel) => ({ ...r, channel })))
    .sort((a, b) => a.cycle - b.cycle || a.channel - b.channel);
  return checkCommandTrace(m.device.dram, records, { standard: pimStandard(m.structure.pim.allBankActCountsInFaw), extraTiming: { tRCDMAC: m.device.tRCDMAC, nCCDAB: m.nCCDAB } });
}
