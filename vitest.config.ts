import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
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
