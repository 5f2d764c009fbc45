import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seededRandom, testSeed } from '../support/seededRandom';
import { CrashTrials, READY_WITHIN_MS } from './crashTrials';
import { recordFigures } from './faultFigures';

/** The fast subset; crashTrials.long.test.ts kills the server 200 times. */
const KILLS = 5;
const STORED_DOCUMENTS = 1_000;

describe('SIGKILL at random moments of a stream of edits, with 1 000 stored documents', () => {
  let trials: CrashTrials;

  beforeAll(async () => {
    trials = await CrashTrials.open(STORED_DOCUMENTS, { wallMs: 15_000, cpuMs: READY_WITHIN_MS });
  }, 120_000);

  afterAll(async () => {
    await trials?.close();
  });

  it(`${KILLS} kills: ready within 5 s, nothing anyone received is lost, nothing doubled, everyone back`, async () => {
    const seed = testSeed();
    const random = seededRandom(seed);
    const started = performance.now();
    for (let kill = 0; kill < KILLS; kill++) await trials.trial(random);
    const figures = trials.figures(Math.round(performance.now() - started));
    recordFigures('crash trials (fast)', { seed, ...figures });
    expect(figures.trials).toBe(KILLS);
  }, 300_000);
});
