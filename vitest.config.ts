import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // With DATABASE_URL set, the suite runs on PostgreSQL; the setup makes the run's template database and drops them all after.
    globalSetup: ['test/support/global-setup.ts'],
    testTimeout: 20_000,
    hookTimeout: 30_000,
    // Job tests share one Redis server; each file uses its own DB index / prefix, but run files serially
    // enough to keep a 2-core CI machine predictable.
    maxWorkers: 2,
  },
});
