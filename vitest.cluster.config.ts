import { defineConfig } from 'vitest/config';

/** Tests that run several hub processes on a real PostgreSQL and Redis (TEST_DATABASE_URL, TEST_REDIS_URL). */
export default defineConfig({
  test: {
    include: ['tests/cluster/**/*.test.ts'],
    environment: 'node',
    pool: 'forks',
    // the nodes share one database and one Redis: one file at a time
    maxWorkers: 1,
    reporters: ['default', './tests/helpers/summary-reporter.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    expect: { poll: { timeout: 10_000 } },
  },
});
