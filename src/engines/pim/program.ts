// A channel's PIM program for one GEMV: the command sequence the host issues, in order, from the
// mapping (layout.ts). It only says *what* comes next; the scheduler decides *when* each command
// may issue (DRAM timing) and inserts refreshes. Emitting through a sink instead of building an
// array keeps a GPT-3 XL decode (≈ 0.6 M commands per channel) allocation-free.
import type { ChannelPlan, GbLoad } from './layout.js';

/** What a channel program emits; the scheduler implements it. */
export interface PimCommandSink {
  /** WRGB: write `bytes` into the channel's global buffer (broadcast input vector). */
  writeGlobalBuffer(bytes: number): void;
  /** ACTAB of a fresh row in every bank (after closing the open one, PREAB). */
  openRow(): void;
  /**
   * `count` MACAB commands back to back: every MAC unit reads one column of its open row per
   * command and multiplies it with the buffer. A run has no other command between its MACs.
   */
  mac(count: number): void;
  /** RDMAC: read one finished accumulator from each of `values` units (partial-sum read-out). */
  readout(values: number): void;
}

export interface ProgramShape {
  unitsPerChannel: number;
  commandsPerRow: number;
  /** Vectors per GEMV (small-batch GEMM): each row is streamed once per vector. */
  vectors: number;
}

/**
 * The program of one channel. `bufferHoldsFirst`: the global buffer already holds the first
 * load's vector (the previous GEMV on this channel left it there), so it is not written again.
 */
export function emitChannelProgram(plan: ChannelPlan, shape: ProgramShape, sink: PimCommandSink, bufferHoldsFirst = false): void {
  plan.loads.forEach((load, i) => {
    const fill = !(i === 0 && bufferHoldsFirst);
    if (shape.vectors === 1) emitDense(load, shape, sink, fill);
    else emitPerVector(load, shape, sink, fill);
  });
}

/**
 * Open the load's first row, then fill the buffer (unless it holds the vector already): the
 * buffer writes use the data bus while the banks activate, so tRCD hides behind them (the first
 * MAC waits for both).
 */
function startLoad(load: GbLoad, sink: PimCommandSink, fill: boolean): void {
  sink.openRow();
  if (fill) sink.writeGlobalBuffer(load.vectorBytes);
}

/** Units holding piece number `slot` of a load (the last slot may be partly empty). */
function unitsAtSlot(load: GbLoad, units: number, slot: number): number {
  return Math.max(0, Math.min(units, load.pieces - slot * units));
}

/** One vector: pieces packed back to back; a piece may run over into the next row (its accumulator stays). */
function emitDense(load: GbLoad, shape: ProgramShape, sink: PimCommandSink, fill: boolean): void {
  const perPiece = load.commandsPerPiece;
  const perRow = shape.commandsPerRow;
  const total = load.piecesPerUnit * perPiece;
  let slot = 0;
  for (let k = 0; k < total; ) {
    if (k === 0) startLoad(load, sink, fill);
    else if (k % perRow === 0) sink.openRow();
    const pieceEnd = (slot + 1) * perPiece;
    const end = Math.min((Math.floor(k / perRow) + 1) * perRow, pieceEnd, total);
    sink.mac(end - k);
    k = end;
    if (k === pieceEnd) sink.readout(unitsAtSlot(load, shape.unitsPerChannel, slot++));
  }
}

/**
 * Several vectors: a row is read once per vector while it stays open, so pieces do not straddle
 * rows (each vector would need its own accumulator across the row switch). A piece longer than a
 * row is streamed vector by vector, re-opening its rows each time.
 */
function emitPerVector(load: GbLoad, shape: ProgramShape, sink: PimCommandSink, fill: boolean): void {
  const perPiece = load.commandsPerPiece;
  const piecesPerRow = Math.floor(shape.commandsPerRow / perPiece);
  if (piecesPerRow >= 1) {
    for (let first = 0; first < load.piecesPerUnit; first += piecesPerRow) {
      const last = Math.min(load.piecesPerUnit, first + piecesPerRow);
      if (first === 0) startLoad(load, sink, fill);
      else sink.openRow();
      for (let v = 0; v < shape.vectors; v++) {
        for (let slot = first; slot < last; slot++) {
          sink.mac(perPiece);
          sink.readout(unitsAtSlot(load, shape.unitsPerChannel, slot));
        }
      }
    }
    return;
  }
  for (let slot = 0; slot < load.piecesPerUnit; slot++) {
    for (let v = 0; v < shape.vectors; v++) {
      for (let k = 0; k < perPiece; k += shape.commandsPerRow) {
        if (slot === 0 && v === 0 && k === 0) startLoad(load, sink, fill);
        else sink.openRow();
        sink.mac(Math.min(shape.commandsPerRow, perPiece - k));
      }
      sink.readout(unitsAtSlot(load, shape.unitsPerChannel, slot));
    }
  }
}
