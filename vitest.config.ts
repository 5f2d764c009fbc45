import { defineConfig } from 'vitest/config';
import { SummaryReporter } from './tests/support/summaryReporter';

// One run covers every package; each project keeps its own include rules and timeouts.
export default defineConfig({
  test: {
    projects: [
      'shared/vitest.config.ts',
      'client/vitest.config.ts',
      'server/vitest.config.ts',
      'tests/vitest.config.ts',
      'tests/vitest.e2e.config.ts',
    ],
    // CI reads only the plain "N passed, N failed" line the summary reporter prints last.
    reporters: ['default', new SummaryReporter()],
  },
});
