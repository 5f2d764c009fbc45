import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seededRandom, testSeed } from '../support/seededRandom';
import { CrashTrials, READY_WITHIN_MS } from './crashTrials';
import { recordFigures } from './faultFigures';

const KILLS = Number.parseInt(process.env.CRASH_KILLS ?? '200', 10);
const STORED_DOCUMENTS = 1_000;

describe('crash trials, full length', () => {
  let trials: CrashTrials;

  beforeAll(async () => {
    trials = await CrashTrials.open(STORED_DOCUMENTS, { wallMs: READY_WITHIN_MS, cpuMs: READY_WITHIN_MS });
  }, 120_000);

  afterAll(async () => {
    await trials?.close();
  });

  it(`${KILLS} SIGKILLs mid-stream: ready within 5 s each time, nothing received lost, nothing doubled`, async () => {
    const seed = testSeed();
    const random = seededRandom(seed);
    const started = performance.now();
    for (let kill = 0; kill < KILLS; kill++) await trials.trial(random);
    const figures = trials.figures(Math.round(performance.now() - started));
    recordFigures('crash trials (long)', { seed, ...figures });
    expect(figures.trials).toBe(KILLS);
  }, 3_600_000);
});
