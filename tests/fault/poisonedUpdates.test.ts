import { rmSync } from 'node:fs';
import { CloseCode, ENDORSEMENTS_FIELD } from '@plenary/shared/protocol';
import * as encoding from 'lib0/encoding';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type * as Y from 'yjs';
import { createDrafts, type Drafts } from '../support/collabDrafts';
import { appendParagraph, paragraphTexts } from '../support/draftContent';
import { type ServerProcess, startServer } from '../support/serverProcess';
import { api, createWorkshop } from '../support/workshopFixture';
import {
  closeAllRawClients,
  collabUrl,
  createProvider,
  destroyAllClients,
  openRawClient,
  waitSynced,
} from '../support/yClients';
import { storedDoc } from './storedState';

/** Yjs v1 struct info of an item holding a string, with its parent given by id. */
const INFO_STRING = 4;
/** Yjs v1 struct info of an item holding JSON-like values, with a map key (parentSub). */
const INFO_ANY_WITH_KEY = 8 | 0x20;

function syncUpdateFrame(update: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, 0);
  encoding.writeVarUint(encoder, 2);
  encoding.writeVarUint8Array(encoder, update);
  return encoding.toUint8Array(encoder);
}

/**
 * A Yjs update no Yjs client produces: one item of length zero (an empty string) inside the text
 * item `parent`. Yjs decodes and integrates it without complaint, but a document holding it can
 * no longer delete that text: the deletion records a zero-length range and Yjs throws on it.
 */
function zeroLengthItem(client: number, parent: Y.ID): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, 1);
  encoding.writeVarUint(encoder, 1);
  encoding.writeVarUint(encoder, client);
  encoding.writeVarUint(encoder, 0);
  encoding.writeUint8(encoder, INFO_STRING);
  encoding.writeVarUint(encoder, 0);
  encoding.writeVarUint(encoder, parent.client);
  encoding.writeVarUint(encoder, parent.clock);
  encoding.writeVarString(encoder, '');
  encoding.writeVarUint(encoder, 0);
  return encoding.toUint8Array(encoder);
}

/** A map entry `key` of the endorsements map whose value is an empty list of values: length zero. */
function emptyReaction(client: number, key: string): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, 1);
  encoding.writeVarUint(encoder, 1);
  encoding.writeVarUint(encoder, client);
  encoding.writeVarUint(encoder, 0);
  encoding.writeUint8(encoder, INFO_ANY_WITH_KEY);
  encoding.writeVarUint(encoder, 1);
  encoding.writeVarString(encoder, ENDORSEMENTS_FIELD);
  encoding.writeVarString(encoder, key);
  encoding.writeVarUint(encoder, 0);
  encoding.writeVarUint(encoder, 0);
  return encoding.toUint8Array(encoder);
}

describe('updates no Yjs client would send', () => {
  let server: ServerProcess;
  let drafts: Drafts;

  beforeAll(async () => {
    server = await startServer({ env: { SEED_DEMO: 'false' } });
    drafts = await createDrafts(server, 1);
  });

  afterEach(() => {
    destroyAllClients();
    closeAllRawClients();
  });

  afterAll(async () => {
    await server?.stop();
    if (server) rmSync(server.dataDir, { recursive: true, force: true });
  });

  // Found by the protocol fuzz: once such an item was stored and forwarded, deleting its paragraph
  // threw inside Yjs on every client, and the server refused their updates (4400).
  it('a zero-length item is refused, so everyone else can still delete the paragraph it aimed at', async () => {
    const documentId = drafts.id(0);
    const bilal = createProvider(server.wsUrl, documentId, { token: drafts.token });
    const chen = createProvider(server.wsUrl, documentId, { token: drafts.token });
    await Promise.all([waitSynced(bilal), waitSynced(chen)]);
    appendParagraph(bilal.doc, 'the target paragraph');
    await vi.waitFor(() => expect(paragraphTexts(chen.doc)).toContain('the target paragraph'));

    const body = bilal.doc.getXmlFragment('default');
    const index = paragraphTexts(bilal.doc).indexOf('the target paragraph');
    const text = (body.get(index) as Y.XmlElement).get(0) as Y.XmlText;
    const mallory = await openRawClient(collabUrl(server.wsUrl, documentId, await drafts.signIn('Mallory')));
    await mallory.firstFrame();
    const poisoner = 424_242;
    mallory.send(syncUpdateFrame(zeroLengthItem(poisoner, (text._item as Y.Item).id)));
    expect.soft(await mallory.settle(), 'the server refuses the update').toBe(CloseCode.BadMessage);

    // An ordinary edit: Bilal deletes the paragraph, and Chen sees it go.
    expect(() => body.delete(index, 1)).not.toThrow();
    await vi.waitFor(() => expect(paragraphTexts(chen.doc)).not.toContain('the target paragraph'), { timeout: 10_000 });
    appendParagraph(bilal.doc, 'still editing');
    await vi.waitFor(() => expect(paragraphTexts(chen.doc)).toContain('still editing'), { timeout: 10_000 });
    expect([...bilal.closeCodes, ...chen.closeCodes]).toEqual([]);
    const stored = storedDoc(server.dataDir, documentId);
    expect(stored.store.clients.has(poisoner)).toBe(false);
    stored.destroy();
  });

  it('a reaction holding a zero-length item is refused, so its author can still change their endorsement', async () => {
    const workshop = await createWorkshop(server, 1, 'Reactions');
    const documentId = workshop.draft(0);
    const rapporteur = await workshop.participant('rapporteur', 'Rafiq');
    const session = await api<{ participant: { id: string } }>(server, 'GET', '/api/session', {
      token: rapporteur.token,
    });
    const key = `rec-1/${session.body.participant.id}`;
    const raw = await openRawClient(collabUrl(server.wsUrl, documentId, rapporteur.token));
    await raw.firstFrame();
    raw.send(syncUpdateFrame(emptyReaction(434_343, key)));
    expect.soft(await raw.settle(), 'the server refuses the update').toBe(CloseCode.BadMessage);
    raw.close();

    const rafiq = createProvider(server.wsUrl, documentId, { token: rapporteur.token });
    const chen = createProvider(server.wsUrl, documentId, { token: workshop.facilitatorToken });
    await Promise.all([waitSynced(rafiq), waitSynced(chen)]);
    // Endorsing replaces whatever the key held before: an ordinary edit.
    expect(() => rafiq.doc.getMap(ENDORSEMENTS_FIELD).set(key, { at: 'now' })).not.toThrow();
    await vi.waitFor(() => expect(chen.doc.getMap(ENDORSEMENTS_FIELD).get(key)).toEqual({ at: 'now' }), {
      timeout: 10_000,
    });
  });
});
