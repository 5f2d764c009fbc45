import type { SerializedError } from 'vitest';
import type { Reporter, TestModule } from 'vitest/node';

/** Counts of one finished run, by individual test. */
export interface RunTally {
  passed: number;
  failed: number;
  skipped: number;
}

/**
 * Tallies a run so that the counts agree with vitest's exit code: anything that did not pass and
 * was not deliberately skipped is a failure, including a file that failed before its tests ran.
 */
export function tallyRun(
  testModules: ReadonlyArray<TestModule>,
  unhandledErrors: ReadonlyArray<SerializedError>,
): RunTally {
  const tally: RunTally = { passed: 0, failed: 0, skipped: 0 };
  for (const testModule of testModules) {
    let failedInModule = 0;
    for (const testCase of testModule.children.allTests()) {
      const { state } = testCase.result();
      if (state === 'passed') tally.passed += 1;
      else if (state === 'skipped') tally.skipped += 1;
      // 'pending' here means the run was interrupted before the test finished.
      else failedInModule += 1;
    }
    // A file that failed to import, whose beforeAll/afterAll threw, or that an interrupted run never
    // finished, has no failed test in it but must still count as a failure.
    const moduleState = testModule.state();
    const moduleFailed = (moduleState !== 'passed' && moduleState !== 'skipped') || testModule.errors().length > 0;
    if (moduleFailed && failedInModule === 0) failedInModule = 1;
    tally.failed += failedInModule;
  }
  tally.failed += unhandledErrors.length;
  return tally;
}

/** The one line CI reads: `N passed, N failed` (and `, N skipped` when there are any). */
export function formatTally({ passed, failed, skipped }: RunTally): string {
  const line = `${passed} passed, ${failed} failed`;
  return skipped > 0 ? `${line}, ${skipped} skipped` : line;
}

/** Prints the plain closing line after vitest's own summary. */
export class SummaryReporter implements Reporter {
  onTestRunEnd(testModules: ReadonlyArray<TestModule>, unhandledErrors: ReadonlyArray<SerializedError>): void {
    process.stdout.write(`\n${formatTally(tallyRun(testModules, unhandledErrors))}\n`);
  }
}
