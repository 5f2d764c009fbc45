import { afterEach, describe, expect, it } from 'vitest';
import { testSeed } from '../support/seededRandom';
import { destroyAllClients } from '../support/yClients';
import { runConvergenceCampaign } from './convergenceRun';
import { recordFigures } from './faultFigures';

const SEEDS = Number.parseInt(process.env.CONVERGENCE_SEEDS ?? '200', 10);
const OPERATIONS = 500;

describe('randomised convergence, full length', () => {
  afterEach(() => destroyAllClients());

  it(`${SEEDS} seeds × ${OPERATIONS} operations by 5 people, one restart per batch of 5 seeds`, async () => {
    const firstSeed = testSeed();
    const figures = await runConvergenceCampaign({
      firstSeed,
      seeds: SEEDS,
      operations: OPERATIONS,
      clients: 5,
      batchSize: 5,
    });
    recordFigures('randomised convergence (long)', { ...figures });
    expect(figures.restarts.SIGKILL + figures.restarts.SIGTERM).toBe(Math.ceil(SEEDS / 5));
    expect(figures.cuts).toBeGreaterThan(0);
  }, 3_600_000);
});
