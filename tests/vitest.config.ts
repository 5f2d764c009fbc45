import { defineConfig } from 'vitest/config';

/** Black-box tests against real server processes, without a browser (see vitest.e2e.config.ts). */
export default defineConfig({
  test: {
    name: 'tests',
    include: ['**/*.test.ts'],
    // The long fault runs belong to `pnpm test:fault` (vitest.fault.config.ts), not to `npm test`.
    exclude: ['**/node_modules/**', 'fault/**/*.long.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
