import { rmSync } from 'node:fs';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createDrafts } from '../support/collabDrafts';
import { applyRandomEdit, draftState } from '../support/draftContent';
import { seededRandom, testSeed } from '../support/seededRandom';
import { type ServerProcess, type ServerProcessOptions, startServer } from '../support/serverProcess';
import { readStoredRows } from '../support/storedRows';
import { createProvider, destroyAllClients, letNetworkRun, loadFresh, waitSynced } from '../support/yClients';

const EDITS = 10_000;
/** Edits sent per burst before the writer yields to the network. */
const BURST = 250;
/** A compacted log: a handful of rows at most, against one row per edit before. */
const FEW_ROWS = 5;
const SERVER_ENV = { SEED_DEMO: 'false', COMPACT_IDLE_MS: '200' };

describe('compaction of a long editing session', () => {
  let servers: ServerProcess[] = [];

  async function start(options: ServerProcessOptions = {}): Promise<ServerProcess> {
    const server = await startServer({ ...options, env: SERVER_ENV });
    servers.push(server);
    return server;
  }

  afterEach(async () => {
    destroyAllClients();
    await Promise.all(servers.map((server) => server.kill()));
    for (const server of servers) rmSync(server.dataDir, { recursive: true, force: true });
    servers = [];
  });

  it(`folds ${EDITS} edits into a snapshot that loads identically, also after a restart`, async () => {
    const random = seededRandom(testSeed());
    const server = await start();
    const drafts = await createDrafts(server, 1);
    const { token } = drafts;
    const documentId = drafts.id(0);
    const writer = createProvider(server.wsUrl, documentId, { token });
    const reader = createProvider(server.wsUrl, documentId, { token });
    await Promise.all([waitSynced(writer), waitSynced(reader)]);

    // Each transaction is one update, i.e. one frame and one stored row on the server.
    let updates = 0;
    writer.doc.on('update', () => {
      updates += 1;
    });
    while (updates < EDITS) {
      applyRandomEdit(writer.doc, random);
      if (updates % BURST === 0) await letNetworkRun();
    }
    const written = draftState(writer.doc);
    // The reader only gets updates the server has stored, so once it matches, all are stored.
    await vi.waitFor(() => expect(draftState(reader.doc)).toEqual(written), { timeout: 30_000, interval: 50 });

    await vi.waitFor(
      () => {
        const stored = readStoredRows(server.dataDir, documentId);
        expect(stored.updateRows).toBeLessThanOrEqual(FEW_ROWS);
        expect(stored.snapshotBytes).toBeGreaterThan(0);
      },
      { timeout: 15_000, interval: 50 },
    );
    expect(await loadFresh(server.wsUrl, documentId, token, draftState)).toEqual(written);

    // Only the server may hold the draft now: a connected client would send it back on reconnect.
    destroyAllClients();
    expect(await server.stop(), server.output()).toBe(0);
    const restarted = await start({ dataDir: server.dataDir, port: server.port });
    expect(await loadFresh(restarted.wsUrl, documentId, token, draftState)).toEqual(written);
    expect(readStoredRows(restarted.dataDir, documentId).updateRows).toBeLessThanOrEqual(FEW_ROWS);
  });
});
