import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // dist is built and current before any test runs the CLI from it.
    globalSetup: ['test/global-setup.ts'],
    // Some tests run the built CLI in child processes and render charts: seconds, not milliseconds.
    testTimeout: 60_000,
    // Vitest's default on these 2-core machines is one worker (cores - 1); much of the suite waits on
    // child processes and Chromium, so two workers finish it in well under the time of one.
    maxWorkers: 2,
    // Test files share a worker's loaded modules instead of importing src afresh each (about a third of the
    // suite's time went to imports); no test relies on a fresh module state.
    isolate: false,
    hookTimeout: 60_000,
  },
});
