// The row-hit rate of a PIM run or Einsum: the share of column accesses (MAC column reads and
// ordinary reads) that found their row open, 1 − activations / accesses. An all-bank ACT opens a
// row in every bank while a MAC unit serving two banks (HBM-PIM's PCU) may read only one of them
// in a short GEMV, so activations can outnumber accesses: the rate is then 0, never negative.
export function rowHitRate(activations: number, accesses: number): number {
  return accesses > 0 ? Math.max(0, 1 - activations / accesses) : 0;
}
