import { CloseCode } from '@plenary/shared/protocol';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createDrafts, type Drafts } from '../support/collabDrafts';
import { appendParagraph, clocksOf, draftState, paragraphTexts } from '../support/draftContent';
import { readStoredRows } from '../support/storedRows';
import {
  type CollabClient,
  collabUrl,
  createProvider,
  destroyAllClients,
  loadFresh,
  waitSynced,
} from '../support/yClients';
import { recordFigures } from './faultFigures';
import { type HandmadeWebSocket, openHandmade } from './handmadeWebSocket';
import { RestartableServer } from './restartableServer';
import { storedDoc } from './storedState';

/** docs/operations.md: the server stops within 10 seconds. */
const SHUTDOWN_WITHIN_MS = 10_000;
/** Paragraphs each reader must have received before SIGTERM: we are mid-stream. */
const RECEIVED_BEFORE_STOP = 100;

interface Writer {
  readonly client: CollabClient;
  readonly name: string;
  readonly written: string[];
}

describe('SIGTERM while people are typing', () => {
  let server: RestartableServer | undefined;
  let silent: HandmadeWebSocket | undefined;

  afterEach(async () => {
    destroyAllClients();
    silent?.destroy();
    silent = undefined;
    await server?.dispose();
    server = undefined;
  });

  /**
   * Three people type into two drafts, two read; mid-stream the server gets SIGTERM. Compaction
   * is configured never to come by itself, so a compacted update log afterwards is the shutdown's
   * own doing. Returns what a test needs to check the stop and the way back.
   */
  async function typeThroughSigterm(options: { silentPeerOnDraft?: number } = {}) {
    server = await RestartableServer.start({
      env: { SEED_DEMO: 'false', COMPACT_AFTER_UPDATES: '1000000', COMPACT_IDLE_MS: '3600000' },
    });
    const running = server.current;
    const drafts = await createDrafts(running, 2);
    const join = (index: number) => createProvider(running.wsUrl, drafts.id(index), { token: drafts.token });
    const writers: Writer[] = [
      { client: join(0), name: 'amina', written: [] },
      { client: join(0), name: 'bilal', written: [] },
      { client: join(1), name: 'chen', written: [] },
    ];
    const readers = [join(0), join(1)];
    const everyone = [...writers.map((writer) => writer.client), ...readers];
    await Promise.all(everyone.map((client) => waitSynced(client)));
    if (options.silentPeerOnDraft !== undefined) {
      const url = new URL(collabUrl(running.wsUrl, drafts.id(options.silentPeerOnDraft), drafts.token));
      silent = openHandmade(running.port, `${url.pathname}${url.search}`);
      expect(await silent.status).toBe(101);
    }

    const typing = setInterval(() => {
      for (const writer of writers) {
        const text = `${writer.name} #${writer.written.length}`;
        appendParagraph(writer.client.doc, text);
        writer.written.push(text);
      }
    }, 2);
    await vi.waitFor(
      () => {
        for (const reader of readers) expect(paragraphTexts(reader.doc).length).toBeGreaterThan(RECEIVED_BEFORE_STOP);
      },
      { timeout: 20_000, interval: 5 },
    );
    const stopping = performance.now();
    const exitCode = await server.stop('SIGTERM');
    const stopMs = Math.round(performance.now() - stopping);
    // Typing goes on while the server is down, as it does in a room when the Wi-Fi drops.
    return { running, drafts, writers, everyone, exitCode, stopMs, stopTyping: () => clearInterval(typing) };
  }

  /** With the server down, the data folder alone holds every operation any client received. */
  function expectReceivedIsStored(dataDir: string, drafts: Drafts, everyone: readonly CollabClient[]): void {
    for (const documentId of drafts.documentIds) {
      const stored = storedDoc(dataDir, documentId);
      const storedClocks = clocksOf(stored);
      stored.destroy();
      for (const client of everyone.filter((c) => c.provider.roomname === documentId)) {
        const own = String(client.doc.clientID);
        for (const [clientId, clock] of Object.entries(clocksOf(client.doc))) {
          if (clientId === own) continue;
          expect(storedClocks[clientId] ?? 0, `${documentId}: operations of ${clientId}`).toBeGreaterThanOrEqual(clock);
        }
      }
    }
  }

  /** The pending work the shutdown promises: every loaded document folded into its snapshot. */
  function expectCompacted(dataDir: string, drafts: Drafts): void {
    for (const documentId of drafts.documentIds) {
      const rows = readStoredRows(dataDir, documentId);
      expect(rows.updateRows, `${documentId}: update rows not folded into the snapshot`).toBe(0);
      expect(rows.snapshotBytes).toBeGreaterThan(0);
    }
  }

  it('stops with 0 within 10 s, tells everyone 1012, leaves everything stored and compacted; clients come back by themselves', async () => {
    const run = await typeThroughSigterm();
    try {
      expect(run.exitCode, run.running.output()).toBe(0);
      expect(run.stopMs).toBeLessThan(SHUTDOWN_WITHIN_MS);
      await vi.waitFor(() => {
        for (const client of run.everyone) expect(client.closeCodes[0]).toBe(CloseCode.ServiceRestart);
      });
      expectReceivedIsStored(run.running.dataDir, run.drafts, run.everyone);
      expectCompacted(run.running.dataDir, run.drafts);

      const { readyMs } = await (server as RestartableServer).startAgain();
      // Nobody calls connect(): the stock providers retry on their own after 1012.
      await Promise.all(run.everyone.map((client) => waitSynced(client, 30_000)));
      recordFigures('graceful shutdown', {
        stopMs: run.stopMs,
        readyMs,
        typed: run.writers.map((writer) => writer.written.length),
      });
    } finally {
      run.stopTyping();
    }

    const current = (server as RestartableServer).current;
    for (const documentId of run.drafts.documentIds) {
      const here = run.everyone.filter((client) => client.provider.roomname === documentId);
      const reference = here[0] as CollabClient;
      await vi.waitFor(
        () => {
          for (const client of here) expect(draftState(client.doc)).toEqual(draftState(reference.doc));
        },
        { timeout: 20_000, interval: 20 },
      );
      const final = await loadFresh(current.wsUrl, documentId, run.drafts.token, (doc) => paragraphTexts(doc));
      // Everything typed arrived, what was typed while the server was down included, once each.
      const typed = run.writers.filter((writer) => here.includes(writer.client)).flatMap((writer) => writer.written);
      expect(typed.filter((paragraph) => !final.includes(paragraph))).toEqual([]);
      expect(final.filter((paragraph) => paragraph.includes(' #')).length).toBe(typed.length);
    }
  });

  it('a peer that never answers the close handshake costs at most its grace period: 0 within 10 s, its draft still compacted', async () => {
    const run = await typeThroughSigterm({ silentPeerOnDraft: 0 });
    run.stopTyping();
    expect(run.exitCode, run.running.output()).toBe(0);
    expect(run.stopMs).toBeLessThan(SHUTDOWN_WITHIN_MS);
    expect(await silent?.closeCode).toBe(CloseCode.ServiceRestart);
    expectReceivedIsStored(run.running.dataDir, run.drafts, run.everyone);
    expectCompacted(run.running.dataDir, run.drafts);
  });
});
