import { rmSync } from 'node:fs';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { seededRandom, testSeed } from '../support/seededRandom';
import type { ServerProcess } from '../support/serverProcess';
import { closeAllRawClients, destroyAllClients } from '../support/yClients';
import { recordFigures } from './faultFigures';
import { recordFrames } from './frameCorpus';
import { type FuzzTarget, prepareFuzzTarget, runFuzzCampaign, startFuzzServer } from './fuzzCampaign';

/** The count; FUZZ_FRAMES overrides it for a longer hunt. */
const FRAMES = Number.parseInt(process.env.FUZZ_FRAMES ?? '100000', 10);

describe('protocol fuzz, full length', () => {
  let server: ServerProcess;
  let target: FuzzTarget;
  let corpusDocumentId: string;

  beforeAll(async () => {
    const fuzzServer = await startFuzzServer();
    server = fuzzServer.server;
    ({ target, corpusDocumentId } = await prepareFuzzTarget(fuzzServer));
  });

  afterEach(() => {
    destroyAllClients();
    closeAllRawClients();
  });

  afterAll(async () => {
    await server?.stop();
    if (server) rmSync(server.dataDir, { recursive: true, force: true });
  });

  it(`${FRAMES} seeded hostile frames: no exit, no error log, none over 250 ms of CPU, < 50 MB growth, the sentinel keeps editing`, async () => {
    const seed = testSeed();
    const random = seededRandom(seed);
    const corpus = await recordFrames(server.wsUrl, corpusDocumentId, target.bystanderToken, random, 200);
    const figures = await runFuzzCampaign(target, corpus, random, { frames: FRAMES, checkEvery: 1_000 });
    recordFigures('protocol fuzz (long)', { seed, corpusFrames: corpus.length, ...figures });
    expect(figures.sentinelChecks).toBeGreaterThanOrEqual(FRAMES / 1_000);
  }, 3_600_000);
});
