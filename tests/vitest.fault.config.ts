import { defineConfig } from 'vitest/config';
import { SummaryReporter } from './support/summaryReporter';

/** `pnpm test:fault`: every fault-injection run, the long ones included. */
export default defineConfig({
  test: {
    name: 'fault',
    include: ['fault/**/*.test.ts'],
    exclude: ['**/node_modules/**'],
    fileParallelism: false,
    testTimeout: 600_000,
    hookTimeout: 60_000,
    reporters: ['default', new SummaryReporter()],
  },
});
