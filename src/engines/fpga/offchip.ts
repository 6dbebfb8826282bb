// Off-chip memory time. Each off-chip tensor a stage reads or writes streams through its own AXI
// port bound to one HBM pseudo-channel, as every InTAR kernel's connectivity file binds each
// kernel argument to its own HBM[i] (OswaldHe/InTAR:benchmark/*/hbm_config.ini). A port moves
// min(port width, channel bandwidth) per cycle; a stage spread over k compute cores has k ports per
// tensor (InTAR's X_acc0/X_acc1, W_acc0/W_acc1). Ports run in parallel up to the device's total.
import type { Device } from './devices.js';

export interface Stream {
  tensor: string;
  bytes: number;
  /** Ports the tensor is spread over (≥ 1). */
  ports: number;
}

export function memoryCycles(streams: readonly Stream[], portBytesPerCycle: number, device: Device, clockHz: number): number {
  if (streams.length === 0) return 0;
  const perPort = Math.max(...streams.map((s) => s.bytes / (s.ports * portBytesPerCycle)));
  const aggregateBytesPerCycle = (device.offchip.channels * device.offchip.bytesPerSecondPerChannel) / clockHz;
  const total = streams.reduce((a, s) => a + s.bytes, 0) / aggregateBytesPerCycle;
  return Math.ceil(Math.max(perPort, total));
}
