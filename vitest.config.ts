import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Golden and property tests are CPU-bound; two workers match the 2-core CI machine.
    pool: 'threads',
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});
