// Reading finished accumulators out of a channel (RDMAC): the values are spread over the ranks,
// and each rank sends its share over the data bus one burst at a time, a partial burst costing a
// whole one. The scheduler issues this many RDMACs per rank, and channel grouping compares
// programs on it, so both take it from here.

/** RDMAC bursts per rank to read `values` accumulators of `bytesPerValue` bytes. */
export function readoutBurstsPerRank(values: number, bytesPerValue: number, ranks: number, burstBytes: number): number {
  return Math.ceil(Math.ceil((values * bytesPerValue) / ranks) / burstBytes);
}
