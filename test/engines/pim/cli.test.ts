// `einsim run` with the PIM-GPT preset and the GPT decode workload, through the generic run
// command and the built CLI (npm test builds dist/ first); and the engine's fit check.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkFit } from '../../../src/simulate.js';
import { REPO_ROOT } from '../../helpers/ref.js';
import { gptDecode, pimArch, run } from './run.js';

function einsim(...args: string[]) {
  const r = spawnSync(process.execPath, [join(REPO_ROOT, 'bin', 'einsim.js'), ...args], { cwd: REPO_ROOT, encoding: 'utf8', env: { ...process.env, FORCE_COLOR: '0' } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('einsim run on PIM', () => {
  it('runs GPT-2 small decode on arch/pim-gpt.yaml and reports latency, tokens/s and the GPU speedups', () => {
    const r = einsim('run', '--arch', 'arch/pim-gpt.yaml', '--workload', 'workloads/pim/gpt-decode.yaml', '--json');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout);
    expect(report.arch.engine).toBe('pim');
    expect(report.details.perTokenLatencyUs).toBeGreaterThan(60.3); // the bandwidth bound with the LM head
    expect(report.details.tokensPerSecond).toBeCloseTo(1e6 / report.details.perTokenLatencyUs, 6);
    expect(report.details.speedupOverRoofline_T4).toBeGreaterThan(1);
    expect(Object.keys(report.energy.byComponent).sort()).toEqual(['dram', 'dram_io', 'global_buffer', 'host', 'pim_mac']);
  });

  it('writes the DRAM command trace and a Perfetto timeline with --trace', () => {
    const dir = mkdtempSync(join(tmpdir(), 'einsim-pim-'));
    const r = einsim('run', '-a', 'arch/pim-gpt.yaml', '-w', 'workloads/pim/gpt-decode.yaml', '-p', 'layers=1', '-p', 'L=128', '-p', 'V=1000', '--trace', dir);
    expect(r.code).toBe(0);
    const trace = readFileSync(join(dir, 'pim', 'dram-commands.csv'), 'utf8').split('\n');
    expect(trace.find((l) => l.startsWith('cycle,'))).toBe('cycle,channel,rank,bankgroup,bank,row,col,command');
    expect(trace.filter((l) => l.endsWith(',MACAB')).length).toBeGreaterThan(100);
    const timeline = JSON.parse(readFileSync(join(dir, 'timeline.json'), 'utf8'));
    const events = Array.isArray(timeline) ? timeline : timeline.traceEvents;
    expect(events.some((e: { name: string }) => e.name === 'LOGIT')).toBe(true);
  });
});

describe('PIM fit check', () => {
  it('accepts GPT-3 XL on PIM-GPT (2.8 GB of weights and caches in 4 GB)', () => {
    const fits = checkFit(gptDecode({ layers: 24, D: 2048, H: 16, E: 128 }), pimArch('pim-gpt'));
    expect(fits.every((f) => f.ok)).toBe(true);
  });

  it('refuses weights that do not fit, naming the sizes', () => {
    const fits = checkFit(gptDecode({ layers: 96, D: 4096, H: 32, E: 128 }), pimArch('pim-gpt'));
    expect(fits.find((f) => f.einsum === 'Q')).toMatchObject({ ok: false, reason: expect.stringMatching(/GiB, the device has 4\.00 GiB/) });
  });

  it('refuses to run weights that do not fit (no made-up latency), with the reason check gives', () => {
    const big = gptDecode({ layers: 96, D: 4096, H: 32, E: 128 });
    const arch = pimArch('pim-gpt');
    const reason = checkFit(big, arch).find((f) => f.einsum === 'Q')!.reason;
    expect(() => run(big, arch)).toThrow(expect.objectContaining({ name: 'EinsimError', message: expect.stringContaining(reason) }));
  });

  it('reports an operation the host cannot price as unsupported, and runs the rest', () => {
    const arch = pimArch('pim-gpt', [{ path: 'structure.host.opCycles', value: { add: 1, sub: 1, mul: 1, mac: 1, max: 1, exp: 8, reciprocal: 5, rsqrt: 5 } }]);
    const fits = checkFit(gptDecode(), arch);
    expect(fits.find((f) => f.einsum === 'GU')).toMatchObject({ ok: false, reason: expect.stringContaining('gelu') });
  });
});
