// Checks a SystolicConfig before simulating: the model needs positive integer sizes, and SCALE-Sim's
// CALC buffer needs at least one address per set (E ≥ 100 words, read_buffer_estimate_bw).
import { EinsimError } from '../../errors.js';
import type { Issue } from '../../errors.js';
import type { SystolicConfig } from './types.js';

export function validateConfig(config: SystolicConfig, file = '<config>'): void {
  const issues: Issue[] = [];
  const positive = (path: keyof SystolicConfig, min = 1): void => {
    const v = config[path] as number;
    if (!Number.isSafeInteger(v) || v < min) issues.push({ file, path, code: 'invalid_value', expected: `an integer ≥ ${min}`, received: String(v) });
  };
  positive('rows');
  positive('cols');
  positive('wordBytes');
  for (const k of ['ifmapSramBytes', 'filterSramBytes', 'ofmapSramBytes'] as const) positive(k, 100 * (config.wordBytes || 1));
  for (const k of ['ifmapOffset', 'filterOffset', 'ofmapOffset'] as const) {
    if (!Number.isSafeInteger(config[k]) || config[k] < 0) issues.push({ file, path: k, code: 'invalid_value', expected: 'an integer ≥ 0', received: String(config[k]) });
  }
  if (!['os', 'ws', 'is'].includes(config.dataflow)) issues.push({ file, path: 'dataflow', code: 'invalid_value', expected: 'one of os, ws, is', received: String(config.dataflow) });
  if (config.bandwidthMode !== 'CALC' && config.bandwidthMode !== 'USER') {
    issues.push({ file, path: 'bandwidthMode', code: 'invalid_value', expected: 'CALC or USER', received: String(config.bandwidthMode) });
  }
  if (config.bandwidthMode === 'USER') positive('userBandwidthWordsPerCycle');
  if (issues.length > 0) throw new EinsimError(issues);
}
