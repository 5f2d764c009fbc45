import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    name: 'server',
    // Unit tests and *.integration.test.ts (real SQLite, real sockets) both live beside the code.
    include: ['src/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 30_000,
  },
});
