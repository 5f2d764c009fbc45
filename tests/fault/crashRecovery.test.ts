import { rmSync } from 'node:fs';
import { CloseCode } from '@plenary/shared/protocol';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createDrafts } from '../support/collabDrafts';
import { appendParagraph, clocksOf, draftState, paragraphTexts } from '../support/draftContent';
import { type ServerProcess, type ServerProcessOptions, startServer } from '../support/serverProcess';
import { startTcpProxy, type TcpProxy } from '../support/tcpProxy';
import { type CollabClient, createProvider, destroyAllClients, loadFresh, waitSynced } from '../support/yClients';

const SERVER_ENV = { SEED_DEMO: 'false' };
/** Paragraphs every reader must have received before the server goes down: we are mid-stream. */
const RECEIVED_BEFORE_OUTAGE = 150;
/** WebSocket close code for a connection that ended without a close frame (a dead peer). */
const ABNORMAL_CLOSURE = 1006;

interface Writer {
  readonly client: CollabClient;
  /** Every paragraph this writer typed, in order, whether or not the server got it. */
  readonly written: string[];
  stop(): void;
}

/** Appends a numbered paragraph every couple of milliseconds, like a fast typist. */
function startWriting(client: CollabClient, name: string): Writer {
  const written: string[] = [];
  const timer = setInterval(() => {
    const text = `${name} ${written.length}`;
    appendParagraph(client.doc, text);
    written.push(text);
  }, 2);
  return { client, written, stop: () => clearInterval(timer) };
}

/** What a reader had received when the server went down. */
interface Received {
  paragraphs: string[];
  clocks: Record<string, number>;
}

describe('a server that goes down in the middle of a stream of edits', () => {
  let servers: ServerProcess[] = [];
  let proxy: TcpProxy | undefined;

  async function start(options: ServerProcessOptions = {}): Promise<ServerProcess> {
    const server = await startServer({ ...options, env: SERVER_ENV });
    servers.push(server);
    return server;
  }

  afterEach(async () => {
    destroyAllClients();
    await proxy?.close();
    proxy = undefined;
    await Promise.all(servers.map((server) => server.kill()));
    for (const server of servers) rmSync(server.dataDir, { recursive: true, force: true });
    servers = [];
  });

  /**
   * Three writers stream paragraphs and two readers watch, all through a proxy that stands in
   * for the network. Mid-stream `bringDown` stops the server; the proxy then holds every client
   * off while a restarted server (same data folder, same port) is checked on its own, because a
   * client that reconnected would send back what it holds and hide anything the server lost.
   */
  async function editThroughOutage(bringDown: (server: ServerProcess) => Promise<void>) {
    const first = await start();
    const drafts = await createDrafts(first, 1);
    const documentId = drafts.id(0);
    const { token } = drafts;
    proxy = await startTcpProxy(first.port);
    const network = proxy;
    const join = () => createProvider(network.wsUrl, documentId, { token });
    const writers = ['amina', 'bilal', 'chen'].map((name) => startWriting(join(), name));
    const readers = [join(), join()];
    const everyone = [...writers.map((writer) => writer.client), ...readers];
    await Promise.all(everyone.map((client) => waitSynced(client)));

    await vi.waitFor(
      () => {
        for (const reader of readers) {
          expect(paragraphTexts(reader.doc).length).toBeGreaterThanOrEqual(RECEIVED_BEFORE_OUTAGE);
        }
      },
      { timeout: 20_000, interval: 5 },
    );
    network.block();
    await bringDown(first);
    for (const writer of writers) writer.stop();
    await vi.waitFor(
      () => {
        for (const client of everyone) expect(client.closeCodes.length).toBeGreaterThan(0);
      },
      { timeout: 10_000 },
    );
    // Nothing can reach the readers now: their docs are exactly what they received.
    const received: Received[] = readers.map((reader) => ({
      paragraphs: paragraphTexts(reader.doc),
      clocks: clocksOf(reader.doc),
    }));

    const restarted = await start({ dataDir: first.dataDir, port: first.port });
    const recovered = await loadFresh(restarted.wsUrl, documentId, token, (doc) => ({
      paragraphs: paragraphTexts(doc),
      clocks: clocksOf(doc),
    }));

    return { documentId, token, network, restarted, writers, readers, everyone, received, recovered };
  }

  function expectEverythingReceivedWasKept(received: Received[], recovered: Received): void {
    const kept = new Set(recovered.paragraphs);
    for (const reader of received) {
      expect(reader.paragraphs.length).toBeGreaterThanOrEqual(RECEIVED_BEFORE_OUTAGE);
      expect(reader.paragraphs.filter((paragraph) => !kept.has(paragraph))).toEqual([]);
      // The same in Yjs terms: the server holds at least every operation the reader saw.
      for (const [clientId, clock] of Object.entries(reader.clocks)) {
        expect(recovered.clocks[clientId] ?? 0, `operations of Yjs client ${clientId}`).toBeGreaterThanOrEqual(clock);
      }
    }
  }

  /** Lets the clients back in without calling connect(): they must come back by themselves. */
  async function expectClientsReconnectAndConverge(outage: Awaited<ReturnType<typeof editThroughOutage>>) {
    outage.network.unblock();
    await Promise.all(outage.everyone.map((client) => waitSynced(client, 20_000)));
    const reference = outage.everyone[0] as CollabClient;
    await vi.waitFor(
      () => {
        for (const client of outage.everyone) expect(draftState(client.doc)).toEqual(draftState(reference.doc));
      },
      { timeout: 20_000, interval: 50 },
    );
    const final = await loadFresh(outage.restarted.wsUrl, outage.documentId, outage.token, (doc) => ({
      state: draftState(doc),
      paragraphs: new Set(paragraphTexts(doc)),
    }));
    expect(final.state).toEqual(draftState(reference.doc));
    // What the writers typed while the server was down arrives once they are back.
    for (const writer of outage.writers) {
      expect(writer.written.filter((paragraph) => !final.paragraphs.has(paragraph))).toEqual([]);
    }
  }

  it('graceful restart (SIGTERM): clients are told 1012, nothing anyone received is lost, all come back', async () => {
    const outage = await editThroughOutage(async (server) => {
      expect(await server.stop(), server.output()).toBe(0);
    });

    for (const client of outage.everyone) expect(client.closeCodes[0]).toBe(CloseCode.ServiceRestart);
    expectEverythingReceivedWasKept(outage.received, outage.recovered);
    await expectClientsReconnectAndConverge(outage);
  });

  it('crash (SIGKILL): nothing anyone received is lost, all come back', async () => {
    const outage = await editThroughOutage(async (server) => {
      await server.kill();
      await expect(fetch(`${server.httpUrl}/healthz`), 'the killed server still answers').rejects.toThrow();
    });

    for (const client of outage.everyone) expect(client.closeCodes[0]).toBe(ABNORMAL_CLOSURE);
    expectEverythingReceivedWasKept(outage.received, outage.recovered);
    await expectClientsReconnectAndConverge(outage);
  });
});
