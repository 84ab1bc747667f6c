import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // dist is built and current before any test runs the CLI from it.
    globalSetup: ['test/global-setup.ts'],
    // Some tests run the built CLI in child processes and render charts: seconds, not milliseconds.
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
