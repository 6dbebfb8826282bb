// The smallest GEMM workload file, Z[m,n] = A[m,k] * B[k,n], for tests that feed workload text.
export function gemmYaml(M: number, N: number, K: number): string {
  return `name: g
params: { M: ${M}, N: ${N}, K: ${K} }
tensors:
  A: [m, k]
  B: [k, n]
  Z: [m, n]
einsums:
  - Z[m,n] = A[m,k] * B[k,n]
`;
}
