import { defineConfig } from 'vitest/config';

/** Browser tests: each file drives its own Chromium and server, so they run one file at a time. */
export default defineConfig({
  test: {
    name: 'e2e',
    include: ['e2e/**/*.spec.ts'],
    exclude: ['**/node_modules/**'],
    // Two cores: a second Chromium plus a second server would make timings, not code, fail tests.
    fileParallelism: false,
    testTimeout: 120_000,
    hookTimeout: 60_000,
  },
});
