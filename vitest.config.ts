import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    // several hub processes on PostgreSQL and Redis: `npm run test:cluster` (vitest.cluster.config.ts)
    exclude: ['tests/cluster/**', '**/node_modules/**'],
    environment: 'node',
    pool: 'forks',
    // two cores: two files at a time, each with its own embedded database or hub
    maxWorkers: 2,
    reporters: ['default', './tests/helpers/summary-reporter.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // browser pages wait on a loaded machine: polls get the patience of Playwright's own waits
    expect: { poll: { timeout: 10_000 } },
  },
});
