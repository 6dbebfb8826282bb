// A sweep worker thread: evaluates a batch of design points (tinypool calls the default export).
// Reports are plain data, so they cross the thread boundary by structured clone.
import { evaluatePoint, type SweepInput, type SweepOutcome } from './run-sweep.js';
import type { DesignPoint } from './points.js';

export default function evaluateBatch(task: { input: SweepInput; points: DesignPoint[] }): SweepOutcome[] {
  return task.points.map((p) => evaluatePoint(task.input, p));
}
