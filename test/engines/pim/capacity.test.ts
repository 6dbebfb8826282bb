// Everything the device keeps in DRAM must fit in it: the resident matrices of the GEMVs in the
// banks and also the cascade inputs the host reads from DRAM. A host-bound GEMM whose operand is
// larger than the whole device used to be simulated read by read (`-p M=2147483648` on AiM ran for
// minutes); it is refused up front, by run and by check, like an oversized resident matrix.
import { describe, expect, it } from 'vitest';
import { issuesOf } from '../../helpers/expectIssue.js';
import { parseWorkload } from '../../../src/einsum/parse.js';
import { checkFit } from '../../../src/simulate.js';
import { pimArch, run } from './run.js';

// A is 2^20 × 768 fp16 = 1.5 GiB; one AiM channel holds 0.5 GiB. N = 3072 vectors do not fit the
// 2 KB global buffer, so the GEMM runs on the host, reading A and B from DRAM.
const gemm = parseWorkload(
  `name: big-gemm
precision: fp16
params: { M: 1048576, K: 768, N: 3072 }
tensors: { A: [m, k], B: [k, n], Z: [m, n] }
einsums:
  - Z[m,n] = A[m,k] * B[k,n]
`,
  '<gemm>',
);
const oneChannel = () => pimArch('aim', [{ path: 'structure.dram.channels', value: 1 }]);

describe('pim: capacity counts the inputs the host reads from DRAM', () => {
  it('run refuses a host GEMM whose operand exceeds the device, naming the bytes', () => {
    const [issue] = issuesOf(() => run(gemm, oneChannel()));
    expect(issue.code).toBe('unsupported');
    expect(issue.received).toContain('1.50 GiB');
    expect(issue.received).toContain('0.50 GiB');
  });

  it('check says why, without simulating', () => {
    const [fit] = checkFit(gemm, oneChannel());
    expect(fit.ok).toBe(false);
    expect(fit.reason).toContain('0.50 GiB');
  });

  it('the same GEMM on the 32-channel device fits and runs on the host', () => {
    const [fit] = checkFit(gemm, pimArch('aim'));
    expect(fit).toMatchObject({ ok: true });
  });
});
