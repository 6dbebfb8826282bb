// check(): designs the device cannot hold are refused with a reason that names the task, the
// resource, what the device or budget has, and who takes the rest.
import { describe, expect, it } from 'vitest';
import { fpgaEngine } from '../../../src/engines/fpga/index.js';
import { EinsimError } from '../../../src/errors.js';
import { arch, cascade, MODES, run, workload } from './helpers.js';

const gemms = (annot: [string, number][], precision = 'int16', size = 64) => `name: g
precision: ${precision}
params: { M: ${size}, N: ${size}, K: ${size} }
tensors: { ${annot.map(([id], i) => `A${i}: [m, k], B${i}: [k, n], ${id}: [m, n]`).join(', ')} }
einsums:
${annot.map(([id, dsps], i) => `  - einsum: ${id}[m,n] = A${i}[m,k] * B${i}[k,n]\n    dsps: ${dsps}`).join('\n')}
`;

const reasons = (c: ReturnType<typeof cascade>, a: ReturnType<typeof arch>) => Object.fromEntries(fpgaEngine.check(c, a).map((f) => [f.einsum, f.reason]));

describe('fpga check', () => {
  it('passes every shipped InTAR kernel on the shipped U280 designs', () => {
    for (const name of ['self-attention', 'ffn', 'cnn-4l', 'vae', 'gating-net', 'gpt2-medium-layer']) {
      for (const mode of ['intar', 'dataflow', 'sequential'] as const) {
        expect(fpgaEngine.check(workload(name), arch(mode, { 'structure.budget.dsps': 1024 })).filter((f) => !f.ok)).toEqual([]);
      }
    }
  });

  it('names the DSPs a pinned task needs, what the device has for kernels and who took the rest', () => {
    const c = cascade(gemms([['FFN1', 8000], ['WqX', 1200]]));
    const r = reasons(c, arch('dataflow', { 'structure.budget': {} }));
    expect(r.FFN1).toBe('');
    expect(r.WqX).toBe('task WqX needs 1,200 DSPs; the U280 has 9,020 DSPs for kernels (9,024 minus 4 for the shell) and 8,000 are taken by FFN1');
  });

  it('refuses a precision the DSP table does not know, and a share too small for one MAC', () => {
    const half = reasons(cascade(gemms([['Z', 16]], 'fp16')), arch('dataflow'));
    expect(half.Z).toBe('task Z multiplies fp16 operands: no DSP48E2 arithmetic for fp16 (known: int16, int8, int4xint8, fp32); add structure.arithmetic.fp16 with its source');
    const single = reasons(cascade(gemms([['Z', 4]], 'fp32')), arch('dataflow'));
    expect(single.Z).toBe('task Z gets 4 DSPs; one fp32 MAC needs 5 (DSP48E2: 0.2 MACs per DSP)');
    const ok = reasons(cascade(gemms([['Z', 16]], 'fp16')), arch('dataflow', { 'structure.arithmetic': { fp16: { macsPerDsp: 0.5, source: 'test' } } }));
    expect(ok.Z).toBe('');
  });

  it('gives the arithmetic reason in InTAR mode too, and run refuses such a design instead of timing it', () => {
    const c = cascade(gemms([['Z', 16]], 'fp16'));
    const expected = 'task Z multiplies fp16 operands: no DSP48E2 arithmetic for fp16 (known: int16, int8, int4xint8, fp32); add structure.arithmetic.fp16 with its source';
    expect(reasons(c, arch('intar')).Z).toBe(expected);
    for (const mode of MODES) {
      const a = arch(mode);
      expect(() => run(c, a)).toThrowError(EinsimError);
      expect(() => run(c, a)).toThrowError(expected);
    }
  });

  it('names a schedule override that matches no Einsum of the cascade', () => {
    const r = reasons(workload('ffn'), arch('intar', { 'structure.intar.pipelineOverrides': { FFN9: true } }));
    expect(r.Z1).toBe('structure.intar.pipelineOverrides names FFN9, not an Einsum of intar-ffn');
  });

  it('refuses a DSP budget larger than the device', () => {
    const r = reasons(workload('ffn'), arch('intar', { 'structure.budget.dsps': 10000 }));
    expect(r.Z1).toBe("the design's DSP budget 10,000 exceeds the U280's 9,020 (9,024 minus 4 for the shell)");
  });

  it('refuses dataflow stages whose held buffers together exceed the URAM, while one at a time (sequential) fits', () => {
    // Three concurrent GEMMs, each holding a 20 MiB operand: 60 MiB beside each other, 20 MiB alone.
    const big = `name: big
precision: int16
params: { M: 2560, K: 4096, N: 8192 }
tensors: { A0: [m, k], B0: [k, n], Z0: [m, n], A1: [m, k], B1: [k, n], Z1: [m, n], A2: [m, k], B2: [k, n], Z2: [m, n] }
einsums:
  - Z0[m,n] = A0[m,k] * B0[k,n]
  - Z1[m,n] = A1[m,k] * B1[k,n]
  - Z2[m,n] = A2[m,k] * B2[k,n]
`;
    const df = fpgaEngine.check(cascade(big), arch('dataflow'));
    expect(df.every((f) => !f.ok)).toBe(true);
    expect(df[0].reason).toBe('the on-chip buffers need 1,707 URAM, the U280 has 960');
    expect(fpgaEngine.check(cascade(big), arch('sequential', { 'structure.sequential.datapaths': 'shared' })).every((f) => f.ok)).toBe(true);
  });
});
