// The FuseMax reproduction's wall time: 4 models × 6 lengths × 5 designs, attention and end to
// end, beside the artifact's ~9 hours (FPSG-UIUC/micro24-fusemax-artifact README, as quoted in
// ../shared/reference/fusemax.md §1.1).
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { reproFusemax } from '../src/repro/fusemax.js';

const ARTIFACT_SECONDS = 9 * 3600;

export function benchSpatial(repeats = 3): void {
  const root = join(dirname(fileURLToPath(import.meta.url)), '..');
  const times: number[] = [];
  let points = 0;
  for (let i = 0; i < repeats; i++) {
    const t0 = performance.now();
    points = reproFusemax({ root }).rows.length;
    times.push((performance.now() - t0) / 1000);
  }
  const best = Math.min(...times);
  console.log(`repro fusemax: ${points} rows in ${best.toFixed(2)} s (fastest of ${repeats}; first ${times[0].toFixed(2)} s); artifact ≈ ${ARTIFACT_SECONDS / 3600} h → ${(ARTIFACT_SECONDS / best).toFixed(0)}×`);
}
