// Evaluate design points on several threads (tinypool). Points go out in batches so a sweep of
// thousands of small points is not dominated by messaging; results come back in point order, so
// the output is identical to a sequential sweep.
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import Tinypool from 'tinypool';
import { PACKAGE_ROOT } from '../cli/paths.js';
import type { DesignPoint } from './points.js';
import { evaluatePoint, type SweepInput, type SweepOutcome } from './run-sweep.js';

export const DEFAULT_JOBS = Math.max(1, availableParallelism());

/** The compiled worker (dist/sweep/worker.js); tests and the bundle both find it from the package root. */
const WORKER_URL = pathToFileURL(join(PACKAGE_ROOT, 'dist', 'sweep', 'worker.js')).href;

export async function evaluatePoints(input: SweepInput, points: DesignPoint[], jobs: number, onProgress?: (done: number) => void): Promise<SweepOutcome[]> {
  if (jobs <= 1 || points.length <= 1 || input.registry) {
    // A custom registry (tests) cannot cross to a worker; run in this thread.
    return points.map((p, i) => {
      const o = evaluatePoint(input, p);
      onProgress?.(i + 1);
      return o;
    });
  }
  const pool = new Tinypool({ filename: WORKER_URL, maxThreads: jobs, minThreads: Math.min(jobs, 2) });
  try {
    const batch = Math.max(1, Math.min(32, Math.ceil(points.length / (jobs * 4))));
    const batches: DesignPoint[][] = [];
    for (let i = 0; i < points.length; i += batch) batches.push(points.slice(i, i + batch));
    let done = 0;
    const results = await Promise.all(
      batches.map(async (b) => {
        const r = (await pool.run({ input, points: b })) as SweepOutcome[];
        done += b.length;
        onProgress?.(done);
        return r;
      }),
    );
    return results.flat();
  } finally {
    await pool.destroy();
  }
}
