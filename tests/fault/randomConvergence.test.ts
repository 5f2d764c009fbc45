import { afterEach, describe, expect, it } from 'vitest';
import { testSeed } from '../support/seededRandom';
import { destroyAllClients } from '../support/yClients';
import { runConvergenceCampaign } from './convergenceRun';
import { recordFigures } from './faultFigures';

/** The fast subset; randomConvergence.long.test.ts runs the 200 seeds × 500 operations. */
describe('randomised convergence through a slow, flaky network and a restart', () => {
  afterEach(() => destroyAllClients());

  it('4 seeds × 200 operations by 5 people each: everyone, the server and its data folder agree, nothing pending', async () => {
    const firstSeed = testSeed();
    const figures = await runConvergenceCampaign({
      firstSeed,
      seeds: 4,
      operations: 200,
      clients: 5,
      batchSize: 2,
    });
    recordFigures('randomised convergence (fast)', { ...figures });
    // Both ways down happened, and the network really was unreliable.
    expect(figures.restarts).toEqual({ SIGTERM: 1, SIGKILL: 1 });
    expect(figures.toggles).toBeGreaterThan(0);
  });
});
