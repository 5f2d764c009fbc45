import { rmSync } from 'node:fs';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { createDrafts, type Drafts } from '../support/collabDrafts';
import { applyRandomEdit, draftState } from '../support/draftContent';
import { chance, pick, seededRandom, testSeed } from '../support/seededRandom';
import { type ServerProcess, startServer } from '../support/serverProcess';
import {
  type CollabClient,
  createProvider,
  destroyAllClients,
  letNetworkRun,
  loadFresh,
  waitSynced,
} from '../support/yClients';

/** Per edit, the chance that the editing client's connection drops or comes back first. */
const TOGGLE_CONNECTION_CHANCE = 0.05;

describe('people editing one draft at the same time', () => {
  let server: ServerProcess;
  let drafts: Drafts;

  beforeAll(async () => {
    server = await startServer({ env: { SEED_DEMO: 'false' } });
    drafts = await createDrafts(server, 2);
  });

  afterEach(() => destroyAllClients());

  afterAll(async () => {
    await server?.stop();
    if (server) rmSync(server.dataDir, { recursive: true, force: true });
  });

  it.each([
    { clients: 2, edits: 1_000, draft: 0 },
    { clients: 10, edits: 2_000, draft: 1 },
  ])(
    '$clients clients with flaky connections end with the same draft a newcomer loads',
    async ({ clients, edits, draft }) => {
      const random = seededRandom(testSeed());
      const documentId = drafts.id(draft);
      const people = Array.from({ length: clients }, () =>
        createProvider(server.wsUrl, documentId, { token: drafts.token }),
      );
      await Promise.all(people.map((person) => waitSynced(person)));

      let drops = 0;
      for (let edit = 0; edit < edits; edit++) {
        const person = pick(random, people);
        if (chance(random, TOGGLE_CONNECTION_CHANCE)) {
          // Offline edits stay local until the provider reconnects and syncs them.
          if (person.provider.shouldConnect) {
            person.provider.disconnect();
            drops += 1;
          } else {
            person.provider.connect();
          }
        }
        applyRandomEdit(person.doc, random);
        if (chance(random, 0.3)) await letNetworkRun();
      }
      expect(drops, 'the run dropped no connection; raise TOGGLE_CONNECTION_CHANCE').toBeGreaterThan(0);

      for (const person of people) person.provider.connect();
      await Promise.all(people.map((person) => waitSynced(person)));
      const reference = people[0] as CollabClient;
      await vi.waitFor(
        () => {
          for (const person of people) expect(draftState(person.doc)).toEqual(draftState(reference.doc));
        },
        { timeout: 20_000, interval: 50 },
      );

      const newcomer = await loadFresh(server.wsUrl, documentId, drafts.token, draftState);
      expect(newcomer).toEqual(draftState(reference.doc));
      // Every operation each person made is in it, offline ones included.
      for (const person of people) {
        const { clientID } = person.doc;
        expect(newcomer.clocks[clientID] ?? 0).toBe(Y.getState(person.doc.store, clientID));
      }
    },
  );
});
