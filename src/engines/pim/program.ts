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
  /** MACAB: every MAC unit reads one column of its open row and multiplies it with the buffer. */
  mac(): void;
  /** RDMAC: read one finished accumulator from each of `values` units (partial-sum read-out). */
  readout(values: number): void;
}

export interface ProgramShape {
  unitsPerChannel: number;
  commandsPerRow: number;
  /** Vectors per GEMV (small-batch GEMM): each row is streamed once per vector. */
  vectors: number;
}

export function emitChannelProgram(plan: ChannelPlan, shape: ProgramShape, sink: PimCommandSink): void {
  for (const load of plan.loads) {
    sink.writeGlobalBuffer(load.vectorBytes);
    if (shape.vectors === 1) emitDense(load, shape, sink);
    else emitPerVector(load, shape, sink);
  }
}

/** Units holding piece number `slot` of a load (the last slot may be partly empty). */
function unitsAtSlot(load: GbLoad, units: number, slot: number): number {
  return Math.max(0, Math.min(units, load.pieces - slot * units));
}

/** One vector: pieces packed back to back; a piece may run over into the next row (its accumulator stays). */
function emitDense(load: GbLoad, shape: ProgramShape, sink: PimCommandSink): void {
  const perPiece = load.commandsPerPiece;
  const total = load.piecesPerUnit * perPiece;
  let inPiece = 0;
  let slot = 0;
  for (let k = 0; k < total; k++) {
    if (k % shape.commandsPerRow === 0) sink.openRow();
    sink.mac();
    if (++inPiece === perPiece) {
      sink.readout(unitsAtSlot(load, shape.unitsPerChannel, slot++));
      inPiece = 0;
    }
  }
}

/**
 * Several vectors: a row is read once per vector while it stays open, so pieces do not straddle
 * rows (each vector would need its own accumulator across the row switch). A piece longer than a
 * row is streamed vector by vector, re-opening its rows each time.
 */
function emitPerVector(load: GbLoad, shape: ProgramShape, sink: PimCommandSink): void {
  const perPiece = load.commandsPerPiece;
  const piecesPerRow = Math.floor(shape.commandsPerRow / perPiece);
  if (piecesPerRow >= 1) {
    for (let first = 0; first < load.piecesPerUnit; first += piecesPerRow) {
      const last = Math.min(load.piecesPerUnit, first + piecesPerRow);
      sink.openRow();
      for (let v = 0; v < shape.vectors; v++) {
        for (let slot = first; slot < last; slot++) {
          for (let k = 0; k < perPiece; k++) sink.mac();
          sink.readout(unitsAtSlot(load, shape.unitsPerChannel, slot));
        }
      }
    }
    return;
  }
  for (let slot = 0; slot < load.piecesPerUnit; slot++) {
    for (let v = 0; v < shape.vectors; v++) {
      for (let k = 0; k < perPiece; k++) {
        if (k % shape.commandsPerRow === 0) sink.openRow();
        sink.mac();
      }
      sink.readout(unitsAtSlot(load, shape.unitsPerChannel, slot));
    }
  }
}
