// What a read buffer reports after a layer: DRAM words read, the first and last DRAM trace cycle,
// and the bursts (for DRAM traces and the timeline). Untraced CALC runs compute the span alone
// (calcSpan): a small buffer on a large layer has millions of bursts that nothing would read.

/** `cycles` consecutive DRAM trace rows from `firstCycle`, `widthWords` addresses per row. */
export interface DramBurst {
  firstCycle: number;
  cycles: number;
  /** Words the burst adds to the DRAM count (SCALE-Sim's count, including any −1 it counts). */
  words: number;
  widthWords: number;
  /** Where the burst's addresses start in the buffer's fetch sequence (for trace contents). */
  fromFetch: number;
}

export interface ReadBufferOutcome {
  dramReads: number;
  startCycle: number;
  stopCycle: number;
  /** Absent when the run was not traced and the buffer computed only the span. */
  bursts?: DramBurst[];
}
