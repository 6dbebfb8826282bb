// Placeholder, filled in by the standards commit.
import type { DramConfig } from '../config.js';
export const STANDARD_PRESETS: Record<string, () => DramConfig> = {};
