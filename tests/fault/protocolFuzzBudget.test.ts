import { rmSync } from 'node:fs';
import { CloseCode } from '@plenary/shared/protocol';
import * as encoding from 'lib0/encoding';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createDrafts } from '../support/collabDrafts';
import { seededRandom, testSeed } from '../support/seededRandom';
import { type ServerProcess, startServer } from '../support/serverProcess';
import { closeAllRawClients, collabUrl, destroyAllClients, openRawClient } from '../support/yClients';
import { recordFigures } from './faultFigures';
import { recordFrames } from './frameCorpus';
import { describeFrame } from './frameMutations';
import {
  CPU_BUDGET_PER_FRAME_MS,
  costOfFrame,
  type FuzzTarget,
  MEMORY_GROWTH_BUDGET_BYTES,
  prepareFuzzTarget,
  runFuzzCampaign,
  startFuzzServer,
} from './fuzzCampaign';
import { HUGE_CLAIMS, HUGE_COUNTS } from './hugeClaims';
import { megabytes, rssBytes } from './serverProbe';

/**
 * The fast subset of the protocol fuzz with the budgets (CPU per frame, memory growth,
 * no error log, a sentinel that keeps editing); protocolFuzz.long.test.ts runs 100 000 frames.
 */
const FRAMES = 2_000;

describe('hostile frames within the budget', () => {
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

  // Pins the cheapest attack the fuzz found: a Yjs update of a few bytes that claims tens of
  // millions of structs made Yjs allocate an array of that length (~200 MB, over a second of CPU).
  // A writer's updates and a reader's reactions (judged on a copy of the document) are decoded
  // on different paths; both must refuse the lie cheaply.
  it.each([
    { sender: 'a writer', token: () => target.writerToken },
    { sender: 'a read-only rapporteur reacting', token: () => target.reactorToken },
  ])('every kind of lie about a count or length, at every size, is cheap to refuse from $sender', async ({ token }) => {
    const random = seededRandom(testSeed());
    const pid = server.child.pid as number;
    const connect = async () => {
      const client = await openRawClient(collabUrl(server.wsUrl, target.documentId, token()));
      await client.firstFrame();
      return client;
    };
    const overBudget: string[] = [];
    let worstGrowth = { bytes: 0, context: '' };
    let client = await connect();
    for (const claim of HUGE_CLAIMS) {
      for (const count of HUGE_COUNTS) {
        const frame = claim.make(random, count);
        const context = `${claim.name} (${count}), ${describeFrame(frame)}`;
        const rssBefore = rssBytes(pid);
        const { closeCode, cpuMs } = await costOfFrame(pid, client, frame, context);
        const growth = rssBytes(pid) - rssBefore;
        if (growth > worstGrowth.bytes) worstGrowth = { bytes: growth, context };
        if (cpuMs > CPU_BUDGET_PER_FRAME_MS) overBudget.push(`${context}: ${cpuMs} ms`);
        if (closeCode !== null) client = await connect();
      }
    }
    client.close();
    expect.soft(overBudget).toEqual([]);
    expect
      .soft(
        worstGrowth.bytes,
        `server memory jumped by ${megabytes(worstGrowth.bytes)} MB after ${worstGrowth.context}`,
      )
      .toBeLessThan(MEMORY_GROWTH_BUDGET_BYTES);
  });

  it(`${FRAMES} frames, huge claims included: none over 250 ms of CPU, memory flat, the sentinel keeps editing`, async () => {
    const seed = testSeed();
    const random = seededRandom(seed);
    const corpus = await recordFrames(server.wsUrl, corpusDocumentId, target.bystanderToken, random);
    const figures = await runFuzzCampaign(target, corpus, random, { frames: FRAMES, checkEvery: 250 });
    recordFigures('protocol fuzz (fast)', { seed, ...figures });
    // The mix reached both outcomes: frames refused, and frames that got through the decoder.
    const closes = Object.values(figures.closesByCode).reduce((sum, count) => sum + count, 0);
    expect(closes).toBeGreaterThan(FRAMES / 10);
    expect(closes).toBeLessThan(FRAMES);
  });
});

describe('a maximum-size frame within the budget', () => {
  // Found by probing: 8 MB (the default MAX_MESSAGE_BYTES) of four million one-clock structs is an
  // honest update that took about 2.7 s of CPU and a gigabyte of memory for Yjs to decode and
  // apply. The server now counts structs before Yjs sees them (MAX_UPDATE_ENTRIES) and refuses it.
  it('an update packed with millions of tiny structs, at the default frame limit, is refused within 250 ms of CPU', async () => {
    const server = await startServer({ env: { SEED_DEMO: 'false', LOG_LEVEL: 'error' } });
    try {
      const drafts = await createDrafts(server, 1);
      const pid = server.child.pid as number;
      const client = await openRawClient(collabUrl(server.wsUrl, drafts.id(0), drafts.token));
      await client.firstFrame();
      const frame = tinyStructs(8 * 1024 * 1024 - 64);
      const rssBefore = rssBytes(pid);
      const { cpuMs, closeCode } = await costOfFrame(pid, client, frame, describeFrame(frame));
      const growth = rssBytes(pid) - rssBefore;
      recordFigures('maximum-size frame of tiny structs', {
        bytes: frame.byteLength,
        cpuMs,
        closeCode,
        rssGrowthMb: megabytes(growth),
      });
      expect(closeCode, 'the sender is told the update is too big').toBe(CloseCode.MessageTooBig);
      expect.soft(cpuMs, 'server CPU for one frame').toBeLessThanOrEqual(CPU_BUDGET_PER_FRAME_MS);
      expect.soft(growth, `server memory jumped by ${megabytes(growth)} MB`).toBeLessThan(MEMORY_GROWTH_BUDGET_BYTES);
    } finally {
      await server.stop();
      rmSync(server.dataDir, { recursive: true, force: true });
    }
  });
});

/** A sync update of about `bytes` bytes: one client's structs of one clock each, two bytes apiece. */
function tinyStructs(bytes: number): Uint8Array {
  const count = Math.floor((bytes - 32) / 2);
  const update = encoding.createEncoder();
  encoding.writeVarUint(update, 1);
  encoding.writeVarUint(update, count);
  encoding.writeVarUint(update, 31_337);
  encoding.writeVarUint(update, 0);
  for (let i = 0; i < count; i++) {
    // A GC struct (info 0) of length 1.
    encoding.writeUint8(update, 0);
    encoding.writeVarUint(update, 1);
  }
  encoding.writeVarUint(update, 0);
  const frame = encoding.createEncoder();
  encoding.writeVarUint(frame, 0);
  encoding.writeVarUint(frame, 2);
  encoding.writeVarUint8Array(frame, encoding.toUint8Array(update));
  return encoding.toUint8Array(frame);
}
