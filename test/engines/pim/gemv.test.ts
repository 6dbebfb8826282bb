import { describe, expect, it } from 'vitest';
import { parseWorkload } from '../../../src/einsum/parse.js';
import { classifyGemv } from '../../../src/engines/pim/gemv.js';
import { gptDecode } from './run.js';

describe('classifyGemv', () => {
  const c = gptDecode();
  const byId = (id: string) => classifyGemv(c.einsums.find((e) => e.id === id)!, c);

  it('puts every projection, QKᵀ, AV and the LM head in the banks and nothing else', () => {
    const pim = c.einsums.filter((e) => classifyGemv(e, c).ok).map((e) => e.id);
    expect(pim).toEqual(['Q', 'KN', 'VN', 'S', 'A', 'O', 'U', 'Y', 'LOGIT']);
  });

  it('reads the ranks’ roles: heads are a batch of QKᵀ and AV, reduced over d_head and tokens', () => {
    const s = byId('S');
    const a = byId('A');
    if (!s.ok || !a.ok) throw new Error('not GEMVs');
    expect(s.shape).toMatchObject({ matrix: 'KC', vector: 'Q', batch: 12, outputs: 1024, reduction: 64, vectors: 1 });
    expect(a.shape).toMatchObject({ matrix: 'VC', vector: 'P', batch: 12, outputs: 64, reduction: 1024 });
    const wq = byId('Q');
    if (!wq.ok) throw new Error('not a GEMV');
    expect(wq.shape).toMatchObject({ matrix: 'WQ', batch: 1, outputs: 768, reduction: 768 });
  });

  const one = (einsum: string, extra = '') =>
    parseWorkload(`name: t\nparams: { N: 8, K: 4, B: 2 }\ntensors:\n  W: [n, k]\n  X: [k]\n  Z: [k]\n  XB: [b, k]\n  Y: [n]\n  YB: [b, n]\neinsums:\n  - ${einsum}\n${extra}`, '<t>');

  it.each([
    ['a small-batch GEMM: the vectors rank', 'YB[b,n] = XB[b,k] * W[n,k]', true],
    ['an element-wise product', 'Y[n] = W[n,k] * 2', false],
    ['affine indices', 'Y[n] = W[n,k] * X[k+0]', true],
  ])('%s', (_name, einsum, ok) => {
    const w = one(einsum);
    expect(classifyGemv(w.einsums[0], w).ok).toBe(ok);
  });

  it('leaves a product of two computed tensors to the host', () => {
    const w = parseWorkload('name: t\nparams: { K: 4 }\ntensors:\n  X: [k]\n  A: [k]\n  S: []\neinsums:\n  - A[k] = X[k] * 2\n  - S[] = A[k] * A[k]\n', '<t>');
    expect(classifyGemv(w.einsums[1], w)).toMatchObject({ ok: false, reason: expect.stringContaining('neither operand') });
  });

  it('honours `unit: host` and `resident:`', () => {
    const host = one('{ einsum: "Y[n] = W[n,k] * X[k]", unit: host }');
    expect(classifyGemv(host.einsums[0], host)).toMatchObject({ ok: false });
    const flipped = one('{ einsum: "Y[n] = W[n,k] * X[k]", resident: X }');
    const r = classifyGemv(flipped.einsums[0], flipped);
    expect(r.ok && r.shape.matrix).toBe('X');
  });
});
