// FuseMax attention against the artifact's per-point results (../shared/ref/fusemax): latency and
// utilization come out of the pipelined schedule of the one-pass cascade on fusemax.yaml.
import { describe, expect, it } from 'vitest';
import { spatialEngine } from '../../../src/engines/spatial/index.js';
import { readRefCsv } from '../../helpers/ref.js';
import { arch, workload } from './helpers.js';

const ref = readRefCsv('fusemax', 'attention_by_design.csv').filter((r) => r.model === 'BERT' && r.design === 'FuseMax(+Binding)');
const seqOf: Record<string, number> = { '1K': 1024, '4K': 4096, '16K': 16384, '64K': 65536, '256K': 262144, '1M': 1048576 };

describe('FuseMax attention (BERT, one-pass cascade on fusemax.yaml)', () => {
  const fusemax = arch('fusemax');
  for (const row of ref) {
    it(`${row.seq_len}: latency, utilization and DRAM traffic match the artifact`, () => {
      const r = spatialEngine.simulate(workload('workloads/fusemax/attention-1pass.yaml', { seq: seqOf[row.seq_len] }), fusemax, { trace: false });
      const seconds = r.cycles / r.clockHz;
      const busy = (u: string) => r.einsums.reduce((a, e) => a + (e.busyUnitCycles[u] ?? 0), 0) / (r.units[u] * r.cycles);
      expect(seconds / Number(row.latency_s) - 1).toBeCloseTo(0, 2);
      expect(busy('2d')).toBeCloseTo(Number(row.util_2d), 2);
      expect(busy('1d')).toBeCloseTo(Number(row.util_1d), 2);
      const dram = r.traffic.dram.readBytes + r.traffic.dram.writeBytes;
      expect(dram / Number(row.dram_traffic_bytes) - 1).toBeCloseTo(0, 2);
    });
  }

  it('per-Einsum 2-D activity at 1M tokens: QK and SLNV ≈ 0.464 of the time (artifact attn-binding.csv)', () => {
    const r = spatialEngine.simulate(workload('workloads/fusemax/attention-1pass.yaml', { seq: 1048576 }), fusemax, { trace: false });
    const active = (id: string) => Number(r.einsums.find((e) => e.einsum === id)!.details.activeFraction);
    expect(active('BQK')).toBeCloseTo(0.4637, 3);
    expect(active('SLNV')).toBeCloseTo(0.4637, 3);
    expect(active('SLN')).toBeCloseTo(0.0507, 3);
    expect(active('LM')).toBeCloseTo(0.0072, 3);
  });
});
