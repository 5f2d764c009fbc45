import { CloseCode } from '@plenary/shared/protocol';
import { expect, vi } from 'vitest';
import * as Y from 'yjs';
import { appendParagraph, applyRandomEdit, paragraphTexts } from '../support/draftContent';
import { chance, type Random } from '../support/seededRandom';
import { freePort, type ServerProcess, startServer } from '../support/serverProcess';
import { createWorkshop } from '../support/workshopFixture';
import { collabUrl, createProvider, loadFresh, openRawClient, type RawClient, waitSynced } from '../support/yClients';
import { describeFrame, mutateFrame } from './frameMutations';
import { inspectorArgs, type RetainedMemory, retainedMemory } from './heapProbe';
import { hugeClaimFrame } from './hugeClaims';
import { cpuMillis, errorLogLines, megabytes, rssBytes } from './serverProbe';
import { hasPending } from './storedState';

/** The budget: no single frame may cost the server more CPU than this. */
export const CPU_BUDGET_PER_FRAME_MS = 250;
/** The budget for the server's memory growth over a whole campaign. */
export const MEMORY_GROWTH_BUDGET_BYTES = 50 * 1024 * 1024;
/** The close codes docs/protocol.md documents for a bad frame. */
const BAD_FRAME_CLOSE_CODES: readonly number[] = [CloseCode.BadMessage, CloseCode.MessageTooBig];
/** Share of frames that are crafted lies about counts and lengths rather than mutated traffic. */
const HUGE_CLAIM_SHARE = 0.15;
/** Share of fuzzer connections made as a rapporteur (read-only, may react), whose updates take another path. */
const REACTOR_SHARE = 0.25;

/**
 * The fuzzed server: small frames (so random ones often hit the limit), only error-level logs (the
 * pass condition), and rate limits out of the way of a fuzzer that sends a frame per millisecond.
 */
export const FUZZ_SERVER_ENV: Readonly<Record<string, string>> = {
  SEED_DEMO: 'false',
  LOG_LEVEL: 'error',
  MAX_MESSAGE_BYTES: String(64 * 1024),
  MESSAGE_RATE_PER_SECOND: '100000',
  AWARENESS_RATE_PER_SECOND: '100000',
};

/** A server for fuzzing: the fuzz limits, and an inspector so retained memory can be measured. */
export async function startFuzzServer(): Promise<{ server: ServerProcess; inspectorPort: number }> {
  const inspectorPort = await freePort();
  const server = await startServer({ env: FUZZ_SERVER_ENV, nodeArgs: inspectorArgs(inspectorPort) });
  return { server, inspectorPort };
}

export interface FuzzTarget {
  readonly server: ServerProcess;
  /** The server's inspector port (see `startFuzzServer`), through which retained memory is read. */
  readonly inspectorPort: number;
  readonly documentId: string;
  /** The fuzzer's sessions: a writer of the draft, and a read-only rapporteur who may react. */
  readonly writerToken: string;
  readonly reactorToken: string;
  /** Session of the two well-behaved people who keep editing the same draft. */
  readonly bystanderToken: string;
}

export interface FuzzFigures {
  frames: number;
  durationMs: number;
  /** How many frames made the server close the fuzzer's connection, by close code. */
  closesByCode: Record<string, number>;
  /** The frame that cost the server most CPU. */
  worstCpu: { ms: number; frame: number; mutation: string };
  /** Longest wait for the server to answer the ping sent after a frame (wall time). */
  worstAnswerMs: number;
  /** Resident memory: what the machine gives the process, garbage not yet collected included. */
  rssMb: { start: number; peak: number; end: number };
  /** Live heap plus external memory after a full collection, before and after: what a leak raises. */
  retainedMb: { start: number; end: number };
  sentinelChecks: number;
  /** The fuzzed draft afterwards: its size as served, and whether it holds updates waiting for a gap. */
  fuzzedDocument: { bytes: number; pending: boolean };
}

/**
 * A workshop with two drafts on `server`: one to record real traffic on, one to fuzz. The fuzzer
 * is a person of their own (Mallory, who may write; Rafiq, a rapporteur), so the server cannot
 * mistake it for a bystander reconnecting.
 */
export async function prepareFuzzTarget({
  server,
  inspectorPort,
}: {
  server: ServerProcess;
  inspectorPort: number;
}): Promise<{ target: FuzzTarget; corpusDocumentId: string }> {
  const workshop = await createWorkshop(server, 2, 'Fuzzing');
  const writer = await workshop.participant('facilitator', 'Mallory');
  const reactor = await workshop.participant('rapporteur', 'Rafiq');
  return {
    corpusDocumentId: workshop.draft(0),
    target: {
      server,
      inspectorPort,
      documentId: workshop.draft(1),
      writerToken: writer.token,
      reactorToken: reactor.token,
      bystanderToken: workshop.facilitatorToken,
    },
  };
}

/** Connections opened ahead of need, so the fuzzer rarely waits for a handshake after a close. */
const CONNECTIONS_AHEAD = 4;

/** Keeps `size` connections opening in the background; `take` hands out the oldest. */
function connectionPool(open: () => Promise<RawClient>, size: number) {
  const opening: Array<Promise<RawClient>> = [];
  const refill = () => {
    while (opening.length < size) {
      const next = open();
      // Rejections surface when the connection is taken; until then they are not unhandled.
      next.catch(() => {});
      opening.push(next);
    }
  };
  refill();
  return {
    take(): Promise<RawClient> {
      const next = opening.shift() as Promise<RawClient>;
      refill();
      return next;
    },
    async close(): Promise<void> {
      for (const settled of await Promise.allSettled(opening.splice(0))) {
        if (settled.status === 'fulfilled') settled.value.close();
      }
    },
  };
}

/** Two people editing the fuzzed draft: the sentinel that the server keeps serving everyone else. */
async function startSentinel(target: FuzzTarget, random: Random) {
  const { server, documentId, bystanderToken } = target;
  const writer = createProvider(server.wsUrl, documentId, { token: bystanderToken });
  const reader = createProvider(server.wsUrl, documentId, { token: bystanderToken });
  await Promise.all([waitSynced(writer), waitSynced(reader)]);
  let checks = 0;
  return {
    get checks() {
      return checks;
    },
    clients: [writer, reader] as const,
    /**
     * Health answers, the writer can still make an ordinary edit (typing, deleting, formatting:
     * content the fuzz got stored must not break anyone's editing), and its next paragraph
     * reaches the reader.
     */
    async expectStillServing(context: string): Promise<void> {
      const health = await fetch(`${server.httpUrl}/healthz`, { signal: AbortSignal.timeout(10_000) });
      expect(health.status, context).toBe(200);
      expect(() => applyRandomEdit(writer.doc, random), `${context}: an ordinary edit threw`).not.toThrow();
      const line = `sentinel ${++checks}`;
      appendParagraph(writer.doc, line);
      await vi.waitFor(() => expect(paragraphTexts(reader.doc), context).toContain(line), {
        timeout: 10_000,
        interval: 10,
      });
      expect([...writer.closeCodes, ...reader.closeCodes], `${context}: a bystander was disconnected`).toEqual([]);
    },
  };
}

/**
 * Sends one frame and pings: resolves once the server has handled it (pong, or the close it
 * answered with), with the server CPU time used meanwhile. A server that neither answers nor
 * closes within 15 s has stalled, and the error names the frame.
 */
export async function costOfFrame(
  pid: number,
  client: RawClient,
  frame: Uint8Array,
  context: string,
): Promise<{ closeCode: number | null; cpuMs: number; answerMs: number }> {
  const cpuBefore = cpuMillis(pid);
  const sentAt = performance.now();
  client.send(frame);
  const closeCode = await client.settle(15_000).catch((error: Error) => {
    throw new Error(`${context}: ${error.message}`);
  });
  return { closeCode, cpuMs: cpuMillis(pid) - cpuBefore, answerMs: performance.now() - sentAt };
}

/**
 * Sends `frames` hostile frames, one at a time, each followed by a ping: the pong (or the close)
 * proves the server has handled the frame, and the server's CPU time is read around it. Fails at
 * the first frame that exceeds the CPU budget, gets an undocumented close code, or stalls the
 * server; every `checkEvery` frames the sentinel must still be editing together. Returns the figures
 * for docs/reliability.md.
 */
export async function runFuzzCampaign(
  target: FuzzTarget,
  corpus: readonly Uint8Array[],
  random: Random,
  options: { frames: number; checkEvery: number },
): Promise<FuzzFigures> {
  const { server, documentId } = target;
  const pid = server.child.pid;
  if (pid === undefined) throw new Error('the server process has no pid');
  const sentinel = await startSentinel(target, random);
  await sentinel.expectStillServing('before fuzzing');

  const pool = connectionPool(async () => {
    // Drawn before the first await, so the sequence of identities depends on the seed alone.
    const token = chance(random, REACTOR_SHARE) ? target.reactorToken : target.writerToken;
    const client = await openRawClient(collabUrl(server.wsUrl, documentId, token));
    await client.firstFrame();
    return client;
  }, CONNECTIONS_AHEAD);

  const started = performance.now();
  const retainedStart = totalRetained(await retainedMemory(target.inspectorPort));
  const rssStart = rssBytes(pid);
  let rssPeak = rssStart;
  const closesByCode: Record<string, number> = {};
  const worstCpu = { ms: 0, frame: 0, mutation: '' };
  let worstAnswerMs = 0;
  const overBudget: string[] = [];
  let fuzzer = await pool.take();
  for (let sent = 1; sent <= options.frames; sent++) {
    const { mutation, frame } = chance(random, HUGE_CLAIM_SHARE) ? hugeClaimFrame(random) : mutateFrame(random, corpus);
    const context = `frame ${sent} (${mutation}, ${describeFrame(frame)})`;
    const { closeCode, cpuMs, answerMs } = await costOfFrame(pid, fuzzer, frame, context);
    worstAnswerMs = Math.max(worstAnswerMs, answerMs);
    if (cpuMs > worstCpu.ms) Object.assign(worstCpu, { ms: cpuMs, frame: sent, mutation });
    // Collected rather than failed at once, so one expensive kind of frame does not hide another.
    if (cpuMs > CPU_BUDGET_PER_FRAME_MS) overBudget.push(`${context}: ${cpuMs} ms of server CPU`);
    if (closeCode !== null) {
      expect(BAD_FRAME_CLOSE_CODES, context).toContain(closeCode);
      closesByCode[closeCode] = (closesByCode[closeCode] ?? 0) + 1;
      fuzzer = await pool.take();
    }
    if (sent % options.checkEvery === 0) {
      expect(server.child.exitCode, `the server exited after ${context}`).toBeNull();
      rssPeak = Math.max(rssPeak, rssBytes(pid));
      await sentinel.expectStillServing(`after ${context}`);
    }
  }
  fuzzer.close();
  await pool.close();
  await sentinel.expectStillServing('after fuzzing');
  const rssEnd = rssBytes(pid);
  rssPeak = Math.max(rssPeak, rssEnd);
  const retainedEnd = totalRetained(await retainedMemory(target.inspectorPort));
  expect(server.child.exitCode).toBeNull();
  // Soft, so that one broken budget does not hide the others, and the caller still gets figures.
  expect.soft(overBudget, `frames over the ${CPU_BUDGET_PER_FRAME_MS} ms CPU budget`).toEqual([]);
  expect.soft(errorLogLines(server.output()), 'error-level log lines').toEqual([]);
  // Judged on what the server still holds after a full collection: resident memory also counts
  // garbage V8 has not collected yet, which under this churn swings by a hundred megabytes while
  // the live heap stays flat (both are reported).
  expect
    .soft(
      retainedEnd - retainedStart,
      `server memory retained after a full collection grew from ${megabytes(retainedStart)} MB to ${megabytes(retainedEnd)} MB (resident: ${megabytes(rssStart)} → ${megabytes(rssEnd)} MB)`,
    )
    .toBeLessThan(MEMORY_GROWTH_BUDGET_BYTES);
  for (const client of sentinel.clients) client.destroy();
  // What the fuzz left in the document, as a newcomer is served it.
  const leftover = await loadFresh(server.wsUrl, documentId, target.bystanderToken, (doc) => ({
    bytes: Y.encodeStateAsUpdate(doc).byteLength,
    pending: hasPending(doc),
  }));

  return {
    frames: options.frames,
    durationMs: Math.round(performance.now() - started),
    closesByCode,
    worstCpu,
    worstAnswerMs: Math.round(worstAnswerMs),
    rssMb: { start: megabytes(rssStart), peak: megabytes(rssPeak), end: megabytes(rssEnd) },
    retainedMb: { start: megabytes(retainedStart), end: megabytes(retainedEnd) },
    sentinelChecks: sentinel.checks,
    fuzzedDocument: leftover,
  };
}

function totalRetained(memory: RetainedMemory): number {
  return memory.heapUsed + memory.external;
}
