import { type Participant, Session } from '@plenary/shared/api';
import { addReply, addThread, readThreads, recordedNames } from '@plenary/shared/domain';
import { AUTHORS_FIELD, CloseCode, COMMENTS_FIELD, DOCUMENT_FIELD } from '@plenary/shared/protocol';
import * as encoding from 'lib0/encoding';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { WebSocket } from 'ws';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as Y from 'yjs';
import { createTwoWorkshops, startAccessServer, type TwoWorkshops } from '../support/accessWorld';
import { appendParagraph, bodyXml, paragraphTexts } from '../support/draftContent';
import type { ServerProcess } from '../support/serverProcess';
import { authorsOf, connectAs, type SessionClient } from '../support/sessionClients';
import { storedDocumentBytes } from '../support/storedDocument';
import { api } from '../support/workshopFixture';
import { destroyAllClients, waitSynced } from '../support/yClients';

const WRITE_ATTEMPTS = 1_000;
/** The y-websocket message type of an awareness frame. */
const AWARENESS_MESSAGE = 1;

const until = (assertion: () => void | Promise<void>, timeout = 10_000) =>
  vi.waitFor(assertion, { timeout, interval: 20 });

describe('who may open and write a document over the WebSocket', () => {
  let server: ServerProcess;

  beforeAll(async () => {
    server = await startAccessServer();
  });

  afterEach(() => destroyAllClients());

  afterAll(async () => {
    await server?.stop();
  });

  async function open(documentId: string, token: string | undefined): Promise<SessionClient> {
    const client = connectAs(server.wsUrl, documentId, token);
    await waitSynced(client);
    return client;
  }

  /** What a newcomer loads from the server: the body and whose edits it holds. */
  async function freshLoad(documentId: string, token: string): Promise<{ body: string; authors: Set<number> }> {
    const client = await open(documentId, token);
    try {
      return { body: bodyXml(client.doc), authors: authorsOf(client.doc) };
    } finally {
      client.destroy();
    }
  }

  async function participantOf(token: string): Promise<Participant> {
    return Session.parse((await api(server, 'GET', '/api/session', { token })).body).participant;
  }

  /**
   * Waits until `observer` sees a mark that `sender` set in its awareness after everything else it
   * sent. The server handles one connection's frames in order, so by then it has handled (and
   * accepted or dropped) every earlier frame of `sender`.
   */
  async function handledEverythingFrom(sender: SessionClient, observer: SessionClient, mark: string): Promise<void> {
    sender.provider.awareness.setLocalStateField('mark', mark);
    await until(() => {
      expect(observer.provider.awareness.getStates().get(sender.doc.clientID)?.mark).toBe(mark);
    });
  }

  /**
   * Checks that `writer`'s edits to `documentId` reached nobody and nothing, then that the path for
   * edits was open all along: a `sentinel` who may write is heard by `observer`. Updates reach a
   * connection in the order the server accepted them, so once the observer has the sentinel's, it
   * would have had any of the writer's before it.
   */
  async function expectNothingFrom(
    writer: SessionClient,
    observer: SessionClient,
    documentId: string,
    before: { body: string; bytes: Buffer },
    sentinelToken: string,
  ): Promise<void> {
    await handledEverythingFrom(writer, observer, `done-${writer.doc.clientID}`);
    const loaded = await freshLoad(documentId, sentinelToken);
    expect(loaded.body).toBe(before.body);
    expect(loaded.authors.has(writer.doc.clientID)).toBe(false);
    // The fresh load's answer waited for every accepted update to be stored, so this read is final.
    expect(storedDocumentBytes(server.dataDir, documentId).equals(before.bytes)).toBe(true);

    const sentinel = await open(documentId, sentinelToken);
    appendParagraph(sentinel.doc, 'Sentinel paragraph');
    await until(() => expect(paragraphTexts(observer.doc)).toContain('Sentinel paragraph'));
    expect(authorsOf(observer.doc).has(writer.doc.clientID)).toBe(false);
    expect(bodyXml(observer.doc)).toBe(bodyXml(sentinel.doc));
    expect(bodyXml(observer.doc)).not.toContain('forged');
  }

  it('a reader cannot open any draft or brief, and gets none of its content', async () => {
    const { a, people, briefs } = await createTwoWorkshops(server);
    for (const documentId of [a.draft(0), a.draft(1), briefs.a.documentId]) {
      const reader = connectAs(server.wsUrl, documentId, people.reader);
      expect(await reader.closedByServer()).toBe(CloseCode.Forbidden);
      expect(reader.provider.synced).toBe(false);
      expect(reader.doc.getXmlFragment(DOCUMENT_FIELD).length).toBe(0);
    }
    // Nor may a member open a brief.
    const member = connectAs(server.wsUrl, briefs.a.documentId, people.member);
    expect(await member.closedByServer()).toBe(CloseCode.Forbidden);
  });

  it(`a rapporteur reads a draft live, but none of ${WRITE_ATTEMPTS} edits reaches anyone or storage`, async () => {
    const { a, people } = await createTwoWorkshops(server);
    const documentId = a.draft(0);
    const observer = await open(documentId, people.member);
    const before = { body: bodyXml(observer.doc), bytes: storedDocumentBytes(server.dataDir, documentId) };
    expect(before.bytes.length).toBeGreaterThan(0);

    const rapporteur = await open(documentId, people.rapporteur);
    expect(bodyXml(rapporteur.doc)).toBe(before.body);
    expect(attemptEdits(rapporteur.doc, WRITE_ATTEMPTS)).toBe(WRITE_ATTEMPTS);
    // Reconnecting sends all of them again in one sync step 2, through another path of the server.
    rapporteur.provider.disconnect();
    rapporteur.provider.connect();
    await waitSynced(rapporteur);

    await expectNothingFrom(rapporteur, observer, documentId, before, people.facilitator);
    // Read-only is not shut out: the connection stays open and still receives the group's edits.
    expect(rapporteur.closeCodes).toEqual([]);
    await until(() => expect(paragraphTexts(rapporteur.doc)).toContain('Sentinel paragraph'));
  });

  it('a member of group 1 reads group 2’s draft but cannot write it', async () => {
    const { a, people } = await createTwoWorkshops(server);
    const documentId = a.draft(1);
    const group2 = (await a.participant('member', 'Zainab of group 2', a.groups[1]?.id)).token;
    const observer = await open(documentId, group2);
    const before = { body: bodyXml(observer.doc), bytes: storedDocumentBytes(server.dataDir, documentId) };

    const outsider = await open(documentId, people.member);
    expect(bodyXml(outsider.doc)).toBe(before.body);
    expect(attemptEdits(outsider.doc, WRITE_ATTEMPTS)).toBe(WRITE_ATTEMPTS);

    await expectNothingFrom(outsider, observer, documentId, before, group2);
    // Their own group's draft they do write.
    const own = await open(a.draft(0), people.member);
    const ownObserver = await open(a.draft(0), people.facilitator);
    appendParagraph(own.doc, 'Written by group 1');
    await until(() => expect(paragraphTexts(ownObserver.doc)).toContain('Written by group 1'));
  });

  it('a member of group 1 comments on group 2’s draft as themself, but cannot forge a comment or an author', async () => {
    const { a, people } = await createTwoWorkshops(server);
    const documentId = a.draft(1);
    const group2 = (await a.participant('member', 'Zainab of group 2', a.groups[1]?.id)).token;
    const observer = await open(documentId, group2);
    const outsider = await open(documentId, people.member);
    const me = await participantOf(people.member);
    const zainab = await participantOf(group2);
    const anchor = { start: 'AAA=', end: 'AAE=' };
    const comments = outsider.doc.getMap<unknown>(COMMENTS_FIELD);

    addThread(comments, {
      id: 'mine',
      anchor,
      quote: 'q',
      text: 'Who funds this?',
      author: { id: me.id, name: 'Me' },
      now: 1,
    });
    await until(() =>
      expect(observer.doc.getMap(COMMENTS_FIELD).get('thread/mine')).toMatchObject({ authorId: me.id }),
    );

    addThread(comments, {
      id: 'forged',
      anchor,
      quote: 'q',
      text: 'forged',
      author: { id: zainab.id, name: 'Zainab' },
      now: 2,
    });
    outsider.doc
      .getMap(AUTHORS_FIELD)
      .set(String(observer.doc.clientID), { participantId: me.id, name: 'Me', color: '#000' });
    await handledEverythingFrom(outsider, observer, 'after-forgery');
    expect(observer.doc.getMap(COMMENTS_FIELD).has('thread/forged')).toBe(false);
    expect(observer.doc.getMap(AUTHORS_FIELD).get(String(observer.doc.clientID))).toBeUndefined();

    // The draft's own member replies; the server has recorded who each of them is.
    addReply(observer.doc.getMap(COMMENTS_FIELD), {
      threadId: 'mine',
      id: 'r1',
      text: 'The province.',
      author: { id: zainab.id, name: 'Zainab' },
      now: 3,
    });
    await until(() =>
      expect(outsider.doc.getMap(COMMENTS_FIELD).get('reply/mine/r1')).toMatchObject({ text: 'The province.' }),
    );
    // Read from the observer: the forger's own copy still holds its refused entry for that key,
    // and which of the two wins there depends on the random client ids.
    await until(() =>
      expect(observer.doc.getMap(AUTHORS_FIELD).get(String(observer.doc.clientID))).toMatchObject({
        participantId: zainab.id,
      }),
    );
    expect(bodyXml(observer.doc)).not.toContain('forged');

    // The outsider's thread claims the name "Me"; everyone is shown the name the server recorded.
    expect(me.displayName).not.toBe('Me');
    const shown = readThreads(
      observer.doc.getMap(COMMENTS_FIELD).entries(),
      recordedNames(observer.doc.getMap(AUTHORS_FIELD).entries()),
    );
    expect(shown.find((thread) => thread.id === 'mine')?.authorName).toBe(me.displayName);
    const exported = await fetch(`${server.httpUrl}/api/documents/${documentId}/export?format=md&comments=true`, {
      headers: { authorization: `Bearer ${people.facilitator}` },
    });
    const markdown = await exported.text();
    expect(markdown).toContain('Who funds this?');
    expect(markdown).toContain(me.displayName);
  });

  it('a locked draft drops everyone’s edits; after unlock, a reopened editor writes again', async () => {
    const { a, people } = await createTwoWorkshops(server);
    const documentId = a.draft(0);
    const lockPath = `/api/workshops/${a.workshop.id}/groups/${a.groups[0]?.id}/lock`;
    const member = await open(documentId, people.member);
    const facilitator = await open(documentId, people.facilitator);
    // A read-only observer that never edits, so its copy shows exactly what the server sent.
    const observer = await open(documentId, people.rapporteur);
    appendParagraph(member.doc, 'Written before the lock');
    await until(() => expect(paragraphTexts(observer.doc)).toContain('Written before the lock'));

    expect((await api(server, 'PUT', lockPath, { token: people.facilitator, body: { locked: true } })).status).toBe(
      200,
    );
    const before = { body: bodyXml(observer.doc), bytes: storedDocumentBytes(server.dataDir, documentId) };
    appendParagraph(member.doc, 'forged by the member during the lock');
    appendParagraph(facilitator.doc, 'forged by the facilitator during the lock');
    await handledEverythingFrom(member, observer, 'member done');
    await handledEverythingFrom(facilitator, observer, 'facilitator done');

    const loaded = await freshLoad(documentId, people.operator);
    expect(loaded.body).toBe(before.body);
    expect(storedDocumentBytes(server.dataDir, documentId).equals(before.bytes)).toBe(true);
    expect(paragraphTexts(facilitator.doc)).not.toContain('forged by the member during the lock');

    // Editors are read-only while locked; their dropped local edits go with them.
    member.destroy();
    facilitator.destroy();
    expect((await api(server, 'PUT', lockPath, { token: people.facilitator, body: { locked: false } })).status).toBe(
      200,
    );
    const reopened = await open(documentId, people.member);
    appendParagraph(reopened.doc, 'Written after the unlock');
    await until(() => expect(paragraphTexts(observer.doc)).toContain('Written after the unlock'));
    expect(bodyXml(observer.doc)).not.toContain('forged');
    expect((await freshLoad(documentId, people.operator)).body).toBe(bodyXml(observer.doc));
  });

  it('what a member typed into the lock (offline, or as it arrived) reaches everyone at the unlock, with no keystroke more or reconnect', async () => {
    const { a, people } = await createTwoWorkshops(server);
    const documentId = a.draft(0);
    const lockPath = `/api/workshops/${a.workshop.id}/groups/${a.groups[0]?.id}/lock`;
    const member = await open(documentId, people.member);
    const observer = await open(documentId, people.rapporteur);

    await api(server, 'PUT', lockPath, { token: people.facilitator, body: { locked: true } });
    appendParagraph(member.doc, 'Typed offline, sent into the lock');
    await handledEverythingFrom(member, observer, 'sent during lock');
    expect(paragraphTexts(observer.doc)).not.toContain('Typed offline, sent into the lock');

    await api(server, 'PUT', lockPath, { token: people.facilitator, body: { locked: false } });
    await until(() => expect(paragraphTexts(observer.doc)).toContain('Typed offline, sent into the lock'), 5_000);
    expect(paragraphTexts((await open(documentId, people.operator)).doc)).toContain(
      'Typed offline, sent into the lock',
    );
    // And the member goes on writing, without reconnecting.
    appendParagraph(member.doc, 'Typed after the unlock');
    await until(() => expect(paragraphTexts(observer.doc)).toContain('Typed after the unlock'), 5_000);
  });

  it('refuses a missing, forged or revoked session with 4401', async () => {
    const { a, people } = await createTwoWorkshops(server);
    const revoked = await a.participant('member', 'Revoked member', a.groups[0]?.id);
    await api(server, 'POST', `/api/workshops/${a.workshop.id}/invites/${revoked.invite.id}/revoke`, {
      token: people.facilitator,
    });
    const [prefix, sessionId] = people.member.split('.');
    const tokens = {
      missing: undefined,
      garbage: 'not-a-token',
      forgedSignature: `${prefix}.${sessionId}.${'A'.repeat(43)}`,
      revoked: revoked.token,
    };
    for (const [kind, token] of Object.entries(tokens)) {
      const client = connectAs(server.wsUrl, a.draft(0), token);
      expect(await client.closedByServer(), kind).toBe(CloseCode.Unauthorized);
      expect(client.doc.getXmlFragment(DOCUMENT_FIELD).length, kind).toBe(0);
    }
  });

  it('refuses, with 4403, a page of another site opening a draft with the visitor’s cookie', async () => {
    const { a, people } = await createTwoWorkshops(server);
    const host = new URL(server.wsUrl).host;
    const connect = (origin: string) =>
      new Promise<{ code: number; frames: number }>((resolve, reject) => {
        const socket = new WebSocket(`${server.wsUrl}/${a.draft(0)}`, {
          headers: { cookie: `plenary_session=${people.member}`, origin },
        });
        let frames = 0;
        socket.on('message', () => {
          frames += 1;
          // The page's own origin is greeted with content: enough to know it got in.
          socket.close();
        });
        socket.on('close', (code) => resolve({ code, frames }));
        socket.on('error', reject);
      });
    for (const origin of ['https://evil.example', `http://${host}.evil.example`, 'null']) {
      expect(await connect(origin), origin).toEqual({ code: CloseCode.Forbidden, frames: 0 });
    }
    expect((await connect(`http://${host}`)).frames).toBeGreaterThan(0);
  });

  it('closes the live connections of a link when it is revoked, and only those', async () => {
    const { a, people } = await createTwoWorkshops(server);
    const documentId = a.draft(0);
    const doomed = await a.participant('member', 'Doomed member', a.groups[0]?.id);
    const doomedClient = await open(documentId, doomed.token);
    const staying = await open(documentId, people.member);
    const observer = await open(documentId, people.facilitator);

    await api(server, 'POST', `/api/workshops/${a.workshop.id}/invites/${doomed.invite.id}/revoke`, {
      token: people.facilitator,
    });
    expect(await doomedClient.closedByServer()).toBe(CloseCode.Unauthorized);

    appendParagraph(staying.doc, 'Still here');
    await until(() => expect(paragraphTexts(observer.doc)).toContain('Still here'));
    expect(staying.closeCodes).toEqual([]);
    // And the revoked person cannot come back on the same token.
    const retry = connectAs(server.wsUrl, documentId, doomed.token);
    expect(await retry.closedByServer()).toBe(CloseCode.Unauthorized);
  });

  it('closes a participant’s live connections when they sign out, and only theirs', async () => {
    const { a, people } = await createTwoWorkshops(server);
    const documentId = a.draft(0);
    const leaving = await a.participant('member', 'Leaving member', a.groups[0]?.id);
    const leavingClients = [await open(documentId, leaving.token), await open(a.draft(1), leaving.token)];
    const staying = await open(documentId, people.member);
    const observer = await open(documentId, people.facilitator);

    expect((await api(server, 'DELETE', '/api/session', { token: leaving.token })).status).toBe(204);
    for (const client of leavingClients) expect(await client.closedByServer()).toBe(CloseCode.Unauthorized);

    appendParagraph(staying.doc, 'Still here');
    await until(() => expect(paragraphTexts(observer.doc)).toContain('Still here'));
    expect(staying.closeCodes).toEqual([]);
  });

  it('answers 4404 for another workshop’s documents and for documents that do not exist', async () => {
    const { b, people, briefs } = await createTwoWorkshops(server);
    const attempts: Array<[string, string]> = [
      [b.draft(0), people.member],
      [b.draft(0), people.facilitator],
      [briefs.b.documentId, people.facilitator],
      [briefs.b.documentId, people.rapporteur],
      ['draft-no-such-group', people.facilitator],
      ['not.a.document', people.facilitator],
    ];
    for (const [documentId, token] of attempts) {
      const client = connectAs(server.wsUrl, documentId, token);
      expect(await client.closedByServer(), documentId).toBe(CloseCode.DocumentNotFound);
      expect(client.doc.getXmlFragment(DOCUMENT_FIELD).length).toBe(0);
    }
  });

  describe('awareness: nobody poses as, or erases, someone else', () => {
    async function twoInOneDraft(world: TwoWorkshops) {
      const documentId = world.a.draft(0);
      const member = await open(documentId, world.people.member);
      const observer = await open(documentId, world.people.facilitator);
      return { documentId, member, observer };
    }

    it('a forged display name is replaced by the participant’s real name and colour', async () => {
      const world = await createTwoWorkshops(server);
      const { member, observer } = await twoInOneDraft(world);
      const real = await participantOf(world.people.member);

      member.provider.awareness.setLocalStateField('user', { name: 'The Minister', color: '#000000' });
      await until(() => {
        const user = observer.provider.awareness.getStates().get(member.doc.clientID)?.user as
          | { name: string; color: string }
          | undefined;
        expect(user).toMatchObject({ name: 'Maryam Member', color: real.color });
      });
      const names = [...observer.provider.awareness.getStates().values()].map(
        (state) => (state.user as { name?: string } | undefined)?.name,
      );
      expect(names).not.toContain('The Minister');
    });

    it('a rename reaches the names shown beside what the person wrote in the drafts they have open', async () => {
      const world = await createTwoWorkshops(server);
      const { member, observer } = await twoInOneDraft(world);
      const me = await participantOf(world.people.member);
      addThread(member.doc.getMap<unknown>(COMMENTS_FIELD), {
        id: 'before-rename',
        anchor: { start: 'AAA=', end: 'AAE=' },
        quote: 'q',
        text: 'Who funds this?',
        author: { id: me.id, name: me.displayName },
        now: 1,
      });
      const shownAuthor = () =>
        readThreads(
          observer.doc.getMap(COMMENTS_FIELD).entries(),
          recordedNames(observer.doc.getMap(AUTHORS_FIELD).entries()),
        ).find((thread) => thread.id === 'before-rename')?.authorName;
      await until(() => expect(shownAuthor()).toBe(me.displayName));

      const renamed = await api(server, 'PATCH', '/api/session', {
        token: world.people.member,
        body: { displayName: 'Maryam Khan' },
      });
      expect(renamed.status).toBe(200);
      await until(() => expect(shownAuthor()).toBe('Maryam Khan'));
    });

    it('an awareness update carrying another client’s id neither changes nor removes that client', async () => {
      const world = await createTwoWorkshops(server);
      const { documentId, member: victim, observer } = await twoInOneDraft(world);
      victim.provider.awareness.setLocalStateField('user', { name: 'Maryam', color: '#123456' });
      const victimId = victim.doc.clientID;
      const victimName = () => (observer.provider.awareness.getStates().get(victimId)?.user as { name?: string })?.name;
      await until(() => expect(victimName()).toBe('Maryam Member'));

      const attacker = await open(
        documentId,
        (await world.a.participant('member', 'Attacker', world.a.groups[0]?.id)).token,
      );
      const impostor = impostorAwareness(victimId);
      // Far ahead of the victim's clock, so a server that let it through would apply it.
      for (let i = 0; i < 50; i++) impostor.setLocalState({ user: { name: 'Hijacked', color: '#ff0000' }, n: i });
      sendAwareness(attacker, impostor, victimId);
      await handledEverythingFrom(attacker, observer, 'after overwrite');
      expect(victimName()).toBe('Maryam Member');

      impostor.setLocalState(null);
      sendAwareness(attacker, impostor, victimId);
      await handledEverythingFrom(attacker, observer, 'after removal');
      expect(observer.provider.awareness.getStates().has(victimId)).toBe(true);
      expect(victimName()).toBe('Maryam Member');
      // The victim's own later updates still go through.
      victim.provider.awareness.setLocalStateField('cursor', { anchor: 3 });
      await until(() => expect(observer.provider.awareness.getStates().get(victimId)?.cursor).toEqual({ anchor: 3 }));
    });
  });
});

/**
 * Makes `count` edits to the draft body, one transaction (so one update and one frame) each:
 * the first deletes the draft's opening block, the rest type into a new paragraph. Returns how many
 * updates the doc emitted, i.e. how many the provider sent.
 */
function attemptEdits(doc: Y.Doc, count: number): number {
  let updates = 0;
  const onUpdate = () => {
    updates += 1;
  };
  doc.on('update', onUpdate);
  const body = doc.getXmlFragment(DOCUMENT_FIELD);
  doc.transact(() => body.delete(0, 1));
  appendParagraph(doc, 'forged');
  const paragraph = body.get(body.length - 1);
  const text = paragraph instanceof Y.XmlElement ? paragraph.get(0) : null;
  if (!(text instanceof Y.XmlText)) throw new Error('the new paragraph has no text');
  for (let i = 2; i < count; i++) doc.transact(() => text.insert(text.length, ` forged-${i}`));
  doc.off('update', onUpdate);
  return updates;
}

/** An awareness instance whose own client id is `clientId`, to craft updates in someone else's name. */
function impostorAwareness(clientId: number): awarenessProtocol.Awareness {
  const doc = new Y.Doc();
  doc.clientID = clientId;
  const awareness = new awarenessProtocol.Awareness(doc);
  // Awareness runs a timer to renew its state; this one lives only for the test.
  awareness.destroy();
  return awareness;
}

/** Sends `clientId`'s state from `awareness` as an awareness frame over `through`'s connection. */
function sendAwareness(through: SessionClient, awareness: awarenessProtocol.Awareness, clientId: number): void {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, AWARENESS_MESSAGE);
  encoding.writeVarUint8Array(encoder, awarenessProtocol.encodeAwarenessUpdate(awareness, [clientId]));
  const socket = through.provider.ws;
  if (!socket) throw new Error('the connection is not open');
  socket.send(encoding.toUint8Array(encoder));
}
