// The loop order of a MAC task, chosen the way an HLS designer sizes on-chip buffers: keep the
// smallest thing on chip and stream the rest. Three orders exist for a contraction Z = A·B:
// - stream A, hold B: A arrives row by row (or through a line buffer when read by a sliding
//   window), Z leaves progressively;
// - stream B, hold A: the same with the roles swapped;
// - outer product: A and B both arrive along the reduced rank, Z is held as accumulators and
//   leaves only at the end (not allowed when an operand is read through a window).
// The order fixes which inputs can be FIFO-streamed from their producer and whether the task's
// consumers can start before it ends: InTAR's self-attention dataflow baseline holds X, streams W
// and holds S′ while streaming V; its FFN3 in the InTAR design accumulates the 256 outputs while
// FFN2's outputs stream in (OswaldHe/InTAR:benchmark/{self-attn/spatial,mlp}/…-kernel.cpp).
import type { Operand, Task } from './tasks.js';

export type Order =
  | { kind: 'stream'; streamed: Operand; held: Operand; bufferBytes: number }
  | { kind: 'outer'; bufferBytes: number };

export function chooseOrder(task: Task): Order | null {
  if (!task.factors) return null;
  const [a, b] = task.factors;
  const line = (o: Operand): number => (o.windowFraction === null ? 0 : Math.ceil(o.bytes * o.windowFraction));
  const options: Order[] = [
    { kind: 'stream', streamed: a, held: b, bufferBytes: b.bytes + line(a) },
    { kind: 'stream', streamed: b, held: a, bufferBytes: a.bytes + line(b) },
  ];
  // A windowed operand cannot be streamed along the window's own rank: it must be the streamed one.
  const allowed = options.filter((o) => o.kind === 'stream' && o.held.windowFraction === null);
  const candidates: Order[] = allowed.length > 0 ? allowed : options;
  if (a.windowFraction === null && b.windowFraction === null) candidates.push({ kind: 'outer', bufferBytes: task.output.bytes });
  // Least on-chip storage; on a tie keep the output progressive and stream the larger operand.
  const rank = (o: Order): number[] => [o.bufferBytes, o.kind === 'outer' ? 1 : 0, o.kind === 'stream' ? -o.streamed.bytes : 0];
  return candidates.reduce((best, o) => (lexLess(rank(o), rank(best)) ? o : best));
}

/** Whether a task reads this input as a stream (FIFO) rather than holding all of it first. */
export function streamsInput(task: Task, order: Order | null, tensor: string): boolean {
  if (task.kind === 'sfu' || !order) return true;
  if (order.kind === 'outer') return true;
  return order.streamed.tensor === tensor;
}

function lexLess(x: number[], y: number[]): boolean {
  for (let i = 0; i < x.length; i++) if (x[i] !== y[i]) return x[i] < y[i];
  return false;
}
