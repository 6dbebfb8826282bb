// The PIM command timing, probed rule by rule on one channel of the PIM-GPT device (tCK 0.5 ns):
// each all-bank command waits exactly what the DRAM model's table says, a run of MACs issued in
// O(1) leaves the same state as MACs issued one by one, and rows cost what the timing says.
import { describe, expect, it } from 'vitest';
import { machineOf } from '../../../src/engines/pim/machine.js';
import type { RefreshPolicy } from '../../../src/engines/pim/refresh-policy.js';
import { PimChannel } from '../../../src/engines/pim/scheduler.js';
import { timingSnapshot } from './helpers.js';
import { pimArch } from './run.js';

const m = machineOf(pimArch('pim-gpt'));
const t = m.device.dram.timing;
const NO_REFRESH: RefreshPolicy = { mode: 'off', maxPostponed: 8, maxPulledIn: 8 };

function channel(refresh: RefreshPolicy = NO_REFRESH) {
  return PimChannel.create(m.device.dram, m.compiled, m.ids, { refresh, nCCDAB: m.nCCDAB, readoutBytesPerValue: 2 }, [0], true);
}

function commands(h: PimChannel): { cycle: number; command: string }[] {
  return [...h.log!.records()].map((r) => ({ cycle: r.cycle, command: r.command }));
}

describe('PIM command timing (PIM-GPT GDDR6, tCK 0.5 ns)', () => {
  it('ACTAB → MACAB waits tRCDMAC, not one cycle less', () => {
    const h = channel();
    h.openRow();
    const act = commands(h)[0].cycle;
    expect(h.state.readyAtRank(m.ids.MACAB, 0)).toBe(act + m.device.tRCDMAC);
    h.mac(1);
    expect(commands(h)[1]).toEqual({ cycle: act + m.device.tRCDMAC, command: 'MACAB' });
  });

  it('MACABs are nCCDAB = 2 cycles (1 ns) apart; a run of 64 ends 63 × nCCDAB after its first', () => {
    const h = channel();
    h.openRow();
    h.mac(64);
    const macs = commands(h).filter((c) => c.command === 'MACAB');
    expect(macs).toHaveLength(64);
    for (let i = 1; i < 64; i++) expect(macs[i].cycle - macs[i - 1].cycle).toBe(2);
  });

  it('a run issued in O(1) leaves exactly the state and trace of MACs issued one by one', () => {
    const a = channel();
    const b = channel();
    for (const h of [a, b]) h.openRow();
    a.mac(37);
    for (let i = 0; i < 37; i++) b.mac(1);
    expect(commands(a)).toEqual(commands(b));
    expect(timingSnapshot(a.state)).toEqual(timingSnapshot(b.state));
    expect(a.clk).toBe(b.clk);
  });

  it('a row costs tRCDMAC + 63 nCCDAB + tRTP + tRP from ACT to the next ACT', () => {
    const h = channel();
    h.openRow();
    h.mac(64);
    h.openRow();
    const acts = commands(h).filter((c) => c.command === 'ACTAB');
    expect(acts[1].cycle - acts[0].cycle).toBe(m.device.tRCDMAC + 63 * m.nCCDAB + t.tRTP + t.tRP);
    expect(acts[1].cycle - acts[0].cycle).toBeGreaterThanOrEqual(t.tRC);
  });

  it('the buffer fill overlaps the activation: the first MAC waits for the later of tRCD and the last WRGB + WL + burst', () => {
    const h = channel();
    h.openRow();
    h.writeGlobalBuffer(2048); // 64 bursts of 32 B, one per tBURST
    h.mac(1);
    const c = commands(h);
    const wrgb = c.filter((x) => x.command === 'WRGB');
    expect(wrgb).toHaveLength(64);
    expect(wrgb[1].cycle - wrgb[0].cycle).toBe(Math.max(t.tBURST, t.tCCD_S));
    const lastWrgb = wrgb[63].cycle;
    expect(c.at(-1)!.cycle).toBe(Math.max(c[0].cycle + m.device.tRCDMAC, lastWrgb + t.CWL + t.AL + t.tBURST));
  });

  it('read-out waits tCCD_L after the MAC and its data reaches the host RL + burst later', () => {
    const h = channel();
    h.openRow();
    h.mac(4);
    h.readout(16);
    const c = commands(h);
    const rd = c.at(-1)!;
    expect(rd.command).toBe('RDMAC');
    expect(rd.cycle - c.at(-2)!.cycle).toBe(t.tCCD_L);
    expect(h.lastDataDone).toBe(rd.cycle + t.AL + t.CL + t.tBURST);
  });

  it('refresh at the next row switch after each tREFI closes the row and keeps the banks shut for tRFC', () => {
    const h = channel({ mode: 'at-row-boundary', maxPostponed: 8, maxPulledIn: 8 });
    for (let i = 0; i < 50; i++) {
      h.openRow();
      h.mac(64);
    }
    const c = commands(h);
    const refs = c.filter((x) => x.command === 'REF');
    expect(refs.length).toBe(Math.floor(h.clk / t.tREFI));
    const i = c.findIndex((x) => x.command === 'REF');
    expect(c[i - 1].command).toBe('PREAB');
    expect(c[i + 1]).toEqual({ cycle: c[i].cycle + t.tRFC, command: 'ACTAB' });
  });

  it('postponed refreshes go into an idle gap that can hold them, pulled-in ones too', () => {
    const h = channel({ mode: 'postpone-to-idle', maxPostponed: 8, maxPulledIn: 8 });
    for (let i = 0; i < 100; i++) {
      h.openRow();
      h.mac(64);
    }
    const during = commands(h).filter((x) => x.command === 'REF').length;
    expect(Math.floor(h.clk / t.tREFI) - during).toBeLessThanOrEqual(8); // never more than 8 owed
    const end = h.finish();
    h.begin(end + 20 * (t.tRFC + t.tRP)); // a long host phase
    const after = commands(h).filter((x) => x.command === 'REF').length;
    expect(after - during).toBe(Math.floor(end / t.tREFI) - during + 8); // owed ones plus 8 ahead
  });

  it('a long idle gap gets a REF whenever one falls due, and streams never go 9 × tREFI without one', () => {
    for (const mode of ['postpone-to-idle', 'at-row-boundary'] as const) {
      const h = channel({ mode, maxPostponed: 8, maxPulledIn: 8 });
      for (let i = 0; i < 200; i++) {
        h.openRow();
        h.mac(64);
      }
      h.begin(h.finish() + 30 * t.tREFI); // the host computes for 30 refresh intervals
      for (let i = 0; i < 200; i++) {
        h.openRow();
        h.mac(64);
      }
      const refs = [0, ...commands(h).filter((x) => x.command === 'REF').map((x) => x.cycle), h.finish()];
      for (let k = 1; k < refs.length; k++) expect(refs[k] - refs[k - 1]).toBeLessThanOrEqual(9 * t.tREFI);
      const issued = refs.length - 2;
      expect(Math.floor(h.finish() / t.tREFI) - issued).toBeLessThanOrEqual(8);
    }
  });
});
