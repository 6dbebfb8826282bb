// PIM-GPT acceptance: the 8 GPT models of the paper on arch/pim-gpt.yaml, one decode step at KV
// length 1024 (workloads/pim/gpt-decode.yaml), against the derived bandwidth bound of
// ../shared/ref/pim/pimgpt_models_derived.csv (BF16 weights incl. the LM head ÷ 4.096 TB/s).
// docs/validation.md (PIM) lists the numbers and why they sit where they do.
import { describe, expect, it } from 'vitest';
import { machineOf } from '../../../src/engines/pim/machine.js';
import { readRefCsv } from '../../helpers/ref.js';
import { GPT_MODELS, gptDecode, pimArch, run } from './run.js';

const rows = readRefCsv('pim', 'pimgpt_models_derived.csv');
const arch = pimArch('pim-gpt');
const m = machineOf(arch);
const t = m.device.dram.timing;
const L = 1024;
const BW = 4.096e12; // PIM-GPT aggregate bank bandwidth, the CSV's divisor

// What one 2 KB row costs on this device: ACT→first MAC, 64 MACs one nCCDAB apart, last MAC→PRE,
// PRE→next ACT; and the share of time a channel spends refreshing. Both from the device timing.
const commandsPerRow = m.geometry.unitRowBytes / m.geometry.columnBytes;
const rowFactor = (m.device.tRCDMAC + (commandsPerRow - 1) * m.nCCDAB + t.tRTP + t.tRP) / (commandsPerRow * m.nCCDAB);
const refreshFactor = 1 / (1 - t.tRFC / t.tREFI);

describe.each(Object.entries(GPT_MODELS))('%s decode on PIM-GPT at KV 1024', (model, p) => {
  const row = rows.find((r) => r.model === model)!;
  const boundUs = Number(row.derived_bw_bound_us_per_token_with_lmhead);
  const kvUs = ((2 * p.layers * L * p.D * 2) / BW) * 1e6; // K and V caches, BF16
  const { result, report } = run(gptDecode({ ...p, L }), arch);
  const latencyUs = report.totals.seconds * 1e6;
  const d = result.details;

  it('the workload has the CSV’s parameter counts (weights and LM head)', () => {
    const weights = (id: string) => report.einsums.find((e) => e.einsum === id)!.macs / (id === 'LOGIT' ? 1 : p.layers);
    const layer = ['Q', 'KN', 'VN', 'O', 'U', 'Y'].reduce((s, id) => s + weights(id), 0);
    expect((layer * p.layers) / 1e6).toBeCloseTo(Number(row.nonembedding_params_M), 0);
    expect(weights('LOGIT') / 1e6).toBeCloseTo(Number(row.lm_head_params_M), 0);
  });

  it('is no faster than the bandwidth bound', () => {
    expect(latencyUs).toBeGreaterThanOrEqual(boundUs);
  });

  it('keeps its GEMVs within the row-cycle and refresh cost of the device (+5 %), host time on top', () => {
    const hostUs = latencyUs * Number(d.nonGemvShareOfLatency);
    expect(latencyUs - hostUs).toBeLessThanOrEqual((boundUs + kvUs) * rowFactor * refreshFactor * 1.05);
    expect(latencyUs - hostUs).toBeGreaterThanOrEqual((boundUs + kvUs) * 0.999);
  });

  it('hits the open row at least 95 % of the time (PIM-GPT reports about 98 %)', () => {
    expect(Number(d.rowHitRate)).toBeGreaterThanOrEqual(0.95);
    expect(Number(d.rowHitRate)).toBeLessThan(1);
  });

  it('reports the non-GEMV share of latency (PIM-GPT: 1.16 % for GPT3-XL)', () => {
    const share = Number(d.nonGemvShareOfLatency);
    expect(share).toBeGreaterThan(0);
    // Host work is sequential here and scales with heads × L and 4·d_model; see docs/validation.md.
    expect(share).toBeLessThan(model === 'GPT3-XL' ? 0.1 : 0.25);
  });

  it('keeps MAC utilization and internal bandwidth below their peaks', () => {
    expect(report.totals.utilization.pim_mac).toBeGreaterThan(0);
    expect(report.totals.utilization.pim_mac).toBeLessThanOrEqual(1);
    expect(Number(d.achievedInternalBandwidthBytesPerSecond)).toBeLessThanOrEqual(m.internalBytesPerSecond);
  });
});

describe('the bounds the acceptance uses', () => {
  it('a 2 KB row costs 1.5× its MAC time on this GDDR6 (tRCD + tRTP + tRP ≈ 33 ns per 64 ns)', () => {
    expect(rowFactor).toBeGreaterThan(1.45);
    expect(rowFactor).toBeLessThan(1.55);
  });
});
