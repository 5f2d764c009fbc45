import { addThread } from '@plenary/shared/domain';
import { AUTHORS_FIELD, CloseCode, COMMENTS_FIELD, ENDORSEMENTS_FIELD, endorsementKey } from '@plenary/shared/protocol';
import * as encoding from 'lib0/encoding';
import { afterEach, describe, expect, it, vi } from 'vitest';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as Y from 'yjs';
import { type ConnectionGrant, staticGrant } from './Connection';
import {
  awarenessFrame,
  awarenessFromFrames,
  deferred,
  eventually,
  FakePeer,
  InstrumentedStore,
  queryAwarenessFrame,
  silentLogger,
  syncFrame,
  syncStep1Frame,
  syncStep2Frame,
  TEXT,
  turns,
  typeInto,
  updateFrame,
} from './collabTestKit';
import { DeadlineQueue } from './DeadlineQueue';
import { DocRoom, type DocRoomOptions } from './DocRoom';
import { ProtocolError } from './ProtocolError';
import { UpdateCommitter } from './UpdateCommitter';

const DOC = 'doc';
const cleanups: Array<() => void> = [];

afterEach(() => {
  for (const cleanup of cleanups.splice(0).reverse()) cleanup();
  vi.useRealTimers();
});

async function openRoom(options: Partial<DocRoomOptions> = {}, store = new InstrumentedStore()) {
  const committer = new UpdateCommitter(store, silentLogger);
  const onEmpty = vi.fn<(room: DocRoom) => void>();
  const onBroken = vi.fn<(room: DocRoom) => void>();
  const roomOptions = { compactAfterUpdates: 1_000, compactIdleMs: 60_000, ...options };
  const room = await DocRoom.load(DOC, {
    store,
    committer,
    logger: silentLogger,
    options: roomOptions,
    onEmpty,
    onBroken,
    idleCompaction: new DeadlineQueue(roomOptions.compactIdleMs, (idle: DocRoom) => void idle.compact()),
  });
  cleanups.push(() => room.destroy());
  const joinAs = (grant: ConnectionGrant) => {
    const peer = new FakePeer(DOC, grant);
    cleanups.push(() => peer.destroy());
    room.addConnection(peer.connection);
    return peer;
  };
  const join = (readOnly = false) => joinAs(staticGrant(!readOnly));
  return { store, committer, room, join, joinAs, onEmpty, onBroken };
}

const roomText = (room: DocRoom) => room.doc.getText(TEXT).toString();

const ada = { participantId: 'p-ada', inviteId: 'i-1', name: 'Ada', color: '#f00' };
const ben = { participantId: 'p-ben', inviteId: 'i-2', name: 'Ben', color: '#00f' };
const writerGrant = (identity: typeof ada): ConnectionGrant => ({
  canWrite: () => true,
  canReact: () => true,
  canComment: () => true,
  identity,
});

const readerGrant = (identity: typeof ada): ConnectionGrant => ({
  canWrite: () => false,
  canReact: () => true,
  canComment: () => true,
  identity,
});

/**
 * Ben, who may only react, endorses under `victimClient` at that client's next clock: what a
 * crafted update can do once Ada's cursor has shown her id to everyone.
 */
function endorseUnder(room: DocRoom, victimClient: number): Uint8Array {
  const forger = new Y.Doc();
  Y.applyUpdate(forger, Y.encodeStateAsUpdate(room.doc));
  // After the apply: Yjs picks a new id for a doc that receives items under its own.
  forger.clientID = victimClient;
  const before = Y.encodeStateVector(forger);
  forger.getMap(ENDORSEMENTS_FIELD).set(endorsementKey('rec1', ben.participantId), { name: ben.name });
  const update = Y.encodeStateAsUpdate(forger, before);
  forger.destroy();
  return updateFrame(update);
}

/** A Yjs v1 update of one JSON item (in root map `default`) whose JSON text is not JSON. */
function unparsableJsonItem(client: number): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, 1); // one client
  encoding.writeVarUint(encoder, 1); // one struct
  encoding.writeVarUint(encoder, client);
  encoding.writeVarUint(encoder, 0); // clock
  encoding.writeUint8(encoder, 2 | 0x20); // ContentJSON, with a parentSub
  encoding.writeVarUint(encoder, 1); // parent given by root name
  encoding.writeVarString(encoder, 'default');
  encoding.writeVarString(encoder, 'key');
  encoding.writeVarUint(encoder, 1); // one value
  encoding.writeVarString(encoder, '{not json');
  encoding.writeVarUint(encoder, 0); // empty delete set
  return encoding.toUint8Array(encoder);
}

/** Opens thread t1 on the start of the text, as `author`. */
function addThreadAs(doc: Y.Doc, author: typeof ada, quote: string, text: string): void {
  addThread(doc.getMap(COMMENTS_FIELD), {
    id: 't1',
    anchor: { start: 'AAA=', end: 'AAE=' },
    quote,
    text,
    author: { id: author.participantId, name: author.name },
    now: 1,
  });
}

describe('DocRoom', () => {
  it('greets a new connection with sync step 1 so the client sends what the server lacks', async () => {
    const { join } = await openRoom();
    const a = join();
    expect(a.frames().map((f) => f.kind)).toEqual(['sync-step-1']);
  });

  it('loads stored content, and starts empty without writing for an unknown document', async () => {
    // Pins "never store an empty document": opening a new id must not write anything.
    const store = new InstrumentedStore();
    await store.appendUpdates([{ documentId: 'other', update: typeInto(new Y.Doc(), 'x') }]);
    const { room } = await openRoom({}, store);
    expect(roomText(room)).toBe('');
    expect(store.appendCalls).toHaveLength(1);

    const source = new Y.Doc();
    await store.appendUpdates([{ documentId: DOC, update: typeInto(source, 'kept') }]);
    const { room: reloaded } = await openRoom({}, store);
    expect(roomText(reloaded)).toBe('kept');
  });

  it('stores and forwards typing as it came, and only the new part of an update that repeats stored text', async () => {
    const { room, committer, join, store } = await openRoom();
    const a = join();
    const b = join();
    const source = new Y.Doc();
    const typed = typeInto(source, 'Fund shelters');
    room.receive(a.connection, updateFrame(typed));
    await committer.whenDurable();
    const forwarded = b.frames().filter((f) => f.kind === 'update');
    expect(forwarded.map((f) => [...f.update])).toEqual([[...typed]]);
    expect(store.appendCalls.flat().map((u) => [...u.update])).toEqual([[...typed]]);

    // A reconnecting client resends what the server already has along with its new words.
    const more = typeInto(source, ' in every district');
    const both = Y.mergeUpdates([typed, more]);
    room.receive(a.connection, updateFrame(both));
    await committer.whenDurable();
    const second = b.frames().filter((f) => f.kind === 'update')[1];
    expect(second?.update.byteLength).toBeLessThan(both.byteLength);
    const seen = new Y.Doc();
    for (const frame of b.frames()) if (frame.kind === 'update') Y.applyUpdate(seen, frame.update);
    expect(seen.getText(TEXT).toString()).toBe('Fund shelters in every district');
    expect(roomText(room)).toBe('Fund shelters in every district');
  });

  describe('opening a stored document', () => {
    async function storedRoom(text: string) {
      const store = new InstrumentedStore();
      const source = new Y.Doc();
      const update = typeInto(source, text);
      await store.appendUpdates([{ documentId: DOC, update }]);
      await store.compact(DOC, Y.encodeStateAsUpdate(source), 1);
      return { ...(await openRoom({}, store)), snapshot: Y.encodeStateAsUpdate(source) };
    }

    it('answers a first visitor from the stored bytes, then builds the doc and greets them', async () => {
      const { room, join, committer, snapshot } = await storedRoom('Fund shelters');
      const newcomer = join();
      room.receive(newcomer.connection, syncStep1Frame(newcomer.doc));
      const answer = newcomer.frames().find((f) => f.kind === 'sync-step-2');
      expect(answer && [...answer.update]).toEqual([...snapshot]);
      expect(newcomer.frames().map((f) => f.kind)).toEqual(['sync-step-2']);
      await turns(2);
      expect(newcomer.frames().map((f) => f.kind)).toEqual(['sync-step-2', 'sync-step-1']);
      expect(newcomer.receivedText()).toBe('Fund shelters');

      // Once the document changed, newcomers get its state as it is now.
      if (answer) Y.applyUpdate(newcomer.doc, answer.update);
      room.receive(newcomer.connection, newcomer.type(' in every district'));
      await committer.whenDurable();
      const later = join();
      room.receive(later.connection, syncStep1Frame(later.doc));
      await committer.whenDurable();
      await turns(1);
      expect(later.receivedText()).toBe('Fund shelters in every district');
      expect(roomText(room)).toBe('Fund shelters in every district');
    });

    it('closes everyone and stores nothing when the stored state cannot be read', async () => {
      const store = new InstrumentedStore();
      await store.compact(DOC, new Uint8Array([1, 1, 200, 3, 0, 9, 9]), 0);
      const { room, join, onBroken } = await openRoom({}, store);
      const visitor = join();
      // Nobody asks for it: the stored state is applied a few milliseconds after the load.
      await new Promise((resolve) => setTimeout(resolve, 30));
      expect(visitor.socket.closedWith?.code).toBe(CloseCode.StorageFailure);
      expect(onBroken).toHaveBeenCalledWith(room);
      expect(store.appendCalls).toHaveLength(0);
    });
  });

  describe('typing that arrives in one turn', () => {
    it('is applied in one transaction, stored in order as received, and never sent back to its writer', async () => {
      const { room, committer, join, store } = await openRoom();
      const a = join();
      const b = join();
      const observer = join();
      let transactions = 0;
      room.doc.on('afterTransaction', () => {
        transactions += 1;
      });
      const sent: Uint8Array[] = [];
      for (const word of ['Fund ', 'shelters ', 'in ', 'every ', 'district']) {
        for (const peer of [a, b]) {
          const frame = peer.type(word);
          sent.push(frame);
          room.receive(peer.connection, frame);
        }
      }
      // Nothing is applied or shown before the end of the turn.
      expect(roomText(room)).toBe('');
      await committer.whenDurable();
      expect(transactions).toBe(1);
      expect(store.appendCalls.flat()).toHaveLength(10);
      expect(store.appendCalls.flat().map((u) => [...updateFrame(u.update)])).toEqual(sent.map((f) => [...f]));
      expect(a.receivedText()).toBe(b.doc.getText(TEXT).toString());
      expect(b.receivedText()).toBe(a.doc.getText(TEXT).toString());
      expect(observer.receivedText()).toBe(roomText(room));
      expect(roomText(room)).toHaveLength('Fund shelters in every district'.length * 2);
    });

    it('reaches those who sent none of it as one update, and each writer with only the others’ updates', async () => {
      const { room, committer, join } = await openRoom();
      const a = join();
      const b = join();
      const observer = join();
      room.receive(a.connection, a.type('Fund shelters. '));
      room.receive(b.connection, b.type('Train judges. '));
      room.receive(a.connection, a.type('Count victims.'));
      await committer.whenDurable();
      const updatesTo = (peer: typeof a) => peer.frames().filter((f) => f.kind === 'update');
      expect(updatesTo(observer)).toHaveLength(1);
      expect(observer.receivedText()).toBe(roomText(room));
      expect(updatesTo(a)).toHaveLength(1);
      expect(a.receivedText()).toBe('Train judges. ');
      expect(updatesTo(b)).toHaveLength(2);
      expect(b.receivedText()).toBe('Fund shelters. Count victims.');
    });

    it("refuses a writer's update that Yjs would throw on before any of it is stored; the rest of the turn is stored and sent", async () => {
      const { room, committer, join, store } = await openRoom();
      const a = join();
      const b = join();
      const observer = join();
      room.receive(b.connection, b.type('Train judges'));
      // Well-formed but for its JSON, which Yjs cannot parse: typing is stored and sent before it
      // is applied, so the byte walk refuses it up front.
      expect(() => room.receive(a.connection, updateFrame(unparsableJsonItem(a.doc.clientID)))).toThrow(
        expect.objectContaining({ closeCode: CloseCode.BadMessage, message: expect.stringMatching(/JSON/) }),
      );
      await committer.flush();
      expect(roomText(room)).toBe('Train judges');
      expect(observer.receivedText()).toBe('Train judges');
      const stored = new Y.Doc();
      for (const { update } of store.appendCalls.flat()) Y.applyUpdate(stored, update);
      expect(Y.encodeStateAsUpdate(stored)).toEqual(Y.encodeStateAsUpdate(room.doc));
    });

    it('stores and sends the formatting tidy Yjs makes after a batch, so memory and storage agree', async () => {
      const { room, committer, join, store } = await openRoom();
      const a = join();
      const b = join();
      const observer = join();
      // Typed, as every paragraph of a real draft is on the server (a generic type is never tidied).
      room.doc.getText(TEXT);
      room.receive(a.connection, a.type('Fund shelters'));
      await committer.whenDurable();
      Y.applyUpdate(b.doc, Y.encodeStateAsUpdate(a.doc));
      // Both make "Fund" bold at once: applied together, the doubled marks are tidied away by
      // Yjs in a transaction of its own, right after the batch.
      const boldFund = (peer: typeof a) => {
        const before = Y.encodeStateVector(peer.doc);
        peer.doc.getText(TEXT).format(0, 4, { bold: true });
        return updateFrame(Y.encodeStateAsUpdate(peer.doc, before));
      };
      room.receive(a.connection, boldFund(a));
      room.receive(b.connection, boldFund(b));
      // The tidy is made when the batch is applied, after it was sent: it goes with the next commit.
      await committer.flush();
      const stored = new Y.Doc();
      for (const { update } of store.appendCalls.flat()) Y.applyUpdate(stored, update);
      expect(Y.encodeStateAsUpdate(stored)).toEqual(Y.encodeStateAsUpdate(room.doc));
      const seen = new Y.Doc();
      for (const frame of observer.frames()) if (frame.kind === 'update') Y.applyUpdate(seen, frame.update);
      expect(Y.encodeStateVector(seen)).toEqual(Y.encodeStateVector(room.doc));
      expect(seen.getText(TEXT).toDelta()).toEqual(room.doc.getText(TEXT).toDelta());
    });

    it('is in the answer to a sync step 1 of the same turn, sent once stored', async () => {
      const { room, committer, join } = await openRoom();
      const a = join();
      room.receive(a.connection, a.type('Fund shelters'));
      const newcomer = join();
      room.receive(newcomer.connection, syncStep1Frame(newcomer.doc));
      expect(newcomer.frames().filter((f) => f.kind === 'sync-step-2')).toHaveLength(0);
      await committer.whenDurable();
      await turns(2);
      expect(newcomer.receivedText()).toBe('Fund shelters');
    });

    it('refuses a long value placed after a map entry that came earlier in the same turn, nothing of it stored', async () => {
      const { room, committer, join, store } = await openRoom();
      const a = join();
      const before = Y.encodeStateVector(a.doc);
      a.doc.getMap('fields').set('priority', 'high');
      const entry = a.doc.getMap('fields')._map.get('priority') as Y.Item;
      room.receive(a.connection, updateFrame(Y.encodeStateAsUpdate(a.doc, before)));
      // Two values after the entry: in the map under its key, which the queued entry alone tells.
      const e = encoding.createEncoder();
      for (const n of [1, 1, a.doc.clientID, entry.id.clock + 1]) encoding.writeVarUint(e, n);
      encoding.writeUint8(e, 8 | 0x80);
      encoding.writeVarUint(e, entry.id.client);
      encoding.writeVarUint(e, entry.id.clock);
      encoding.writeVarUint(e, 2);
      encoding.writeUint8(e, 120);
      encoding.writeUint8(e, 120);
      encoding.writeVarUint(e, 0);
      expect(() => room.receive(a.connection, updateFrame(encoding.toUint8Array(e)))).toThrow(/map entry/);
      await committer.flush();
      expect(room.doc.getMap('fields').get('priority')).toBe('high');
      expect(store.appendCalls.flat()).toHaveLength(1);
    });

    it('is in place when a comment of the same turn that builds on it is judged', async () => {
      const { room, committer, joinAs } = await openRoom();
      const a = joinAs(writerGrant(ada));
      room.receive(a.connection, a.type('Fund shelters'));
      const before = Y.encodeStateVector(a.doc);
      a.doc.transact(() => {
        a.doc.getText(TEXT).insert(0, 'Please ');
        addThreadAs(a.doc, ada, 'Fund', 'Which fund?');
      });
      room.receive(a.connection, updateFrame(Y.encodeStateAsUpdate(a.doc, before)));
      await committer.whenDurable();
      expect(roomText(room)).toBe('Please Fund shelters');
      expect(room.doc.getMap(COMMENTS_FIELD).get('thread/t1')).toMatchObject({ text: 'Which fund?' });
    });
  });

  describe('authorship', () => {
    it('records who is behind a client id once, stores it with the typing and sends it to everyone', async () => {
      const { room, committer, joinAs, join, store } = await openRoom();
      const a = joinAs(writerGrant(ada));
      const observer = join();
      room.receive(a.connection, a.type('hello'));
      room.receive(a.connection, a.type(' again'));
      await committer.whenDurable();
      // In the commit that stored the typing: a crash right after it cannot leave the text unclaimed.
      expect(store.appendCalls).toHaveLength(1);
      const stored = new Y.Doc();
      for (const { update } of store.appendCalls.flat()) Y.applyUpdate(stored, update);
      expect(stored.getMap(AUTHORS_FIELD).get(String(a.doc.clientID))).toMatchObject({ name: 'Ada' });
      const authors = room.doc.getMap(AUTHORS_FIELD);
      expect(authors.toJSON()).toEqual({
        [String(a.doc.clientID)]: { participantId: 'p-ada', name: 'Ada', color: '#f00' },
      });
      const seen = new Y.Doc();
      for (const frame of observer.frames()) if (frame.kind === 'update') Y.applyUpdate(seen, frame.update);
      expect(seen.getMap(AUTHORS_FIELD).get(String(a.doc.clientID))).toMatchObject({ name: 'Ada' });
      seen.destroy();
    });

    it('writes a new name into the renamed participant’s records only, stored and sent like any change', async () => {
      const { room, committer, joinAs, join, store } = await openRoom();
      const a = joinAs(writerGrant(ada));
      const b = joinAs(writerGrant(ben));
      const observer = join();
      room.receive(a.connection, a.type('hello'));
      room.receive(b.connection, b.type(' there'));
      await committer.whenDurable();
      room.renameAuthor(ada.participantId, 'Ada Lovelace');
      room.renameAuthor(ada.participantId, 'Ada Lovelace'); // nothing left to change: no write
      await committer.whenDurable();
      const authors = room.doc.getMap(AUTHORS_FIELD);
      expect(authors.get(String(a.doc.clientID))).toMatchObject({ participantId: 'p-ada', name: 'Ada Lovelace' });
      expect(authors.get(String(b.doc.clientID))).toMatchObject({ name: 'Ben' });
      expect(store.appendCalls).toHaveLength(2);
      const seen = new Y.Doc();
      for (const frame of observer.frames()) if (frame.kind === 'update') Y.applyUpdate(seen, frame.update);
      expect(seen.getMap(AUTHORS_FIELD).get(String(a.doc.clientID))).toMatchObject({ name: 'Ada Lovelace' });
      seen.destroy();
    });

    it('keeps one name per person: a record made under a new name renames their earlier ones', async () => {
      const { room, committer, joinAs } = await openRoom();
      const first = joinAs(writerGrant(ada));
      room.receive(first.connection, first.type('hello'));
      await committer.whenDurable();
      // A new tab after a rename, whose session the room never saw renamed.
      const second = joinAs(writerGrant({ ...ada, name: 'Ada Lovelace' }));
      room.receive(second.connection, second.type(' again'));
      await committer.whenDurable();
      const authors = room.doc.getMap(AUTHORS_FIELD);
      expect(authors.get(String(first.doc.clientID))).toMatchObject({ name: 'Ada Lovelace' });
      expect(authors.get(String(second.doc.clientID))).toMatchObject({ name: 'Ada Lovelace' });
    });

    it('stores a few cursor claims per connection at most, however many ids it cycles through', async () => {
      const { room, joinAs, store } = await openRoom();
      const cycler = joinAs(writerGrant(ben));
      for (let i = 0; i < 10; i++) {
        const fake = new awarenessProtocol.Awareness(new Y.Doc());
        fake.setLocalState({ cursor: i });
        room.receive(cycler.connection, awarenessFrame(fake, [fake.clientID]));
        fake.setLocalState(null);
        room.receive(cycler.connection, awarenessFrame(fake, [fake.clientID]));
        fake.doc.destroy();
      }
      expect((await store.clientClaims(DOC)).size).toBe(4);
    });

    it('never hands text already claimed to someone who sends the same items again', async () => {
      // Pins "clients must not claim someone else's authorship": replaying Ada's update from Ben's socket.
      const { room, committer, joinAs } = await openRoom();
      const a = joinAs(writerGrant(ada));
      const b = joinAs(writerGrant(ben));
      const frame = a.type('mine');
      room.receive(a.connection, frame);
      room.receive(b.connection, frame);
      await committer.whenDurable();
      expect(room.doc.getMap(AUTHORS_FIELD).get(String(a.doc.clientID))).toMatchObject({ participantId: 'p-ada' });
    });

    it('asks a writer once for what it lacks when its comment waits for edits the server never got', async () => {
      const { room, committer, joinAs } = await openRoom();
      const a = joinAs(writerGrant(ada));
      typeInto(a.doc, 'never sent');
      const before = Y.encodeStateVector(a.doc);
      addThreadAs(a.doc, ada, 'q', 'Why?');
      // Same client: the thread's struct follows the unsent text in that client's clock, so it is gapped.
      const gapped = updateFrame(Y.encodeStateAsUpdate(a.doc, before));
      room.receive(a.connection, gapped);
      room.receive(a.connection, gapped);
      await committer.whenDurable();
      expect(a.frames().filter((f) => f.kind === 'sync-step-1')).toHaveLength(2); // greeting + one request
      room.receive(a.connection, syncStep2Frame(Y.encodeStateAsUpdate(a.doc, Y.encodeStateVector(room.doc))));
      await committer.whenDurable();
      expect(room.doc.getMap(COMMENTS_FIELD).get('thread/t1')).toMatchObject({ text: 'Why?' });
    });

    it('never credits a reloaded page with text it only replays (the template, others’ words)', async () => {
      // Pins a page reload: y-indexeddb hands the whole stored document to the provider, which sends it all.
      const { room, committer, joinAs } = await openRoom();
      const template = new Y.Doc();
      room.receive(joinAs(staticGrant(true)).connection, updateFrame(typeInto(template, 'Template')));
      const b = joinAs(writerGrant(ben));
      Y.applyUpdate(b.doc, Y.encodeStateAsUpdate(room.doc));
      room.receive(b.connection, updateFrame(Y.encodeStateAsUpdate(b.doc)));
      await committer.whenDurable();
      expect(room.doc.getMap(AUTHORS_FIELD).has(String(template.clientID))).toBe(false);
    });

    it('drops a client’s own write to the authors map', async () => {
      const { room, committer, joinAs } = await openRoom();
      const b = joinAs(writerGrant(ben));
      const before = Y.encodeStateVector(b.doc);
      b.doc.getMap(AUTHORS_FIELD).set('42', { participantId: 'p-ada', name: 'Ada', color: '#f00' });
      room.receive(b.connection, updateFrame(Y.encodeStateAsUpdate(b.doc, before)));
      await committer.whenDurable();
      expect(room.doc.getMap(AUTHORS_FIELD).get('42')).toBeUndefined();
      expect(room.droppedUpdates).toBe(1);
    });
  });

  describe('updates', () => {
    it('sends an update from A to B and never echoes it back to A', async () => {
      // Pins echo suppression: the sender already has its edit; echoing doubles fan-out traffic.
      const { room, committer, join } = await openRoom();
      const a = join();
      const b = join();

      room.receive(a.connection, a.type('hello'));
      await committer.whenDurable();

      expect(b.receivedText()).toBe('hello');
      expect(b.frames().filter((f) => f.kind === 'update')).toHaveLength(1);
      expect(a.frames().map((f) => f.kind)).toEqual(['sync-step-1']);
      expect(roomText(room)).toBe('hello');
    });

    it('counts only what an update adds against the size limit: a resend of stored text passes, new text past it does not', async () => {
      const { room, committer, join, store } = await openRoom({ maxDocumentBytes: 2_000 });
      const a = join();
      const b = join();
      const greetedWith = Y.encodeStateVector(a.doc);
      room.receive(a.connection, a.type('x'.repeat(1_200)));
      await committer.whenDurable();
      // A sync step 2 answering the state vector the client was greeted with repeats the 1 200
      // characters it already sent, with one new word: only the word is stored.
      typeInto(a.doc, ' more');
      room.receive(a.connection, syncStep2Frame(Y.encodeStateAsUpdate(a.doc, greetedWith)));
      await committer.whenDurable();
      expect(a.connection.isOpen).toBe(true);
      expect(roomText(room)).toBe(`${'x'.repeat(1_200)} more`);
      expect(store.appendCalls.flat().reduce((sum, { update }) => sum + update.byteLength, 0)).toBeLessThan(2_000);
      // Text the document lacks still counts in full.
      expect(() => room.receive(b.connection, b.type('y'.repeat(1_000)))).toThrow(
        expect.objectContaining({ closeCode: CloseCode.DocumentTooLarge }),
      );
    });

    it('sends nothing to B before the store has resolved the append', async () => {
      // Pins "append before broadcast": an edit anyone saw must survive kill -9.
      const store = new InstrumentedStore();
      const held = deferred();
      store.beforeAppend = () => held.promise;
      const { room, join } = await openRoom({}, store);
      const a = join();
      const b = join();

      room.receive(a.connection, a.type('hello'));
      await eventually(() => expect(store.appendCalls).toHaveLength(1));
      await turns();
      expect(b.frames().map((f) => f.kind)).toEqual(['sync-step-1']);

      held.resolve();
      await eventually(() => expect(b.receivedText()).toBe('hello'));
    });

    it('accepts sync step 2 (offline edits) like an update', async () => {
      const { room, committer, join } = await openRoom();
      const a = join();
      const b = join();
      room.receive(a.connection, syncStep2Frame(typeInto(a.doc, 'offline')));
      await committer.whenDurable();
      expect(b.receivedText()).toBe('offline');
    });

    it("drops a read-only connection's updates: doc unchanged, store untouched, counted", async () => {
      // Pins read-only enforcement at the message level (readers and locked drafts rely on it).
      const { room, store, join } = await openRoom();
      const reader = join(true);
      const writer = join();

      room.receive(reader.connection, reader.type('forged'));
      room.receive(reader.connection, syncStep2Frame(typeInto(reader.doc, ' again')));
      await turns();

      expect(roomText(room)).toBe('');
      expect(store.appendCalls).toEqual([]);
      expect(room.droppedUpdates).toBe(2);
      expect(writer.frames().map((f) => f.kind)).toEqual(['sync-step-1']);
      expect(reader.socket.closedWith).toBeUndefined();
    });

    it('still answers a read-only connection with the document', async () => {
      const { room, committer, join } = await openRoom();
      const writer = join();
      room.receive(writer.connection, writer.type('visible'));
      await committer.whenDurable();

      const reader = join(true);
      room.receive(reader.connection, syncStep1Frame(reader.doc));
      expect(reader.receivedText()).toBe('visible');
    });
  });

  describe('sync step 1 replies', () => {
    it('answers at once when nothing is pending', async () => {
      const { room, committer, join } = await openRoom();
      const a = join();
      room.receive(a.connection, a.type('stored'));
      await committer.whenDurable();

      const c = join();
      room.receive(c.connection, syncStep1Frame(c.doc));
      // The greeting carried our state vector; the first step 1 gets the reply alone.
      expect(c.frames().map((f) => f.kind)).toEqual(['sync-step-1', 'sync-step-2']);
      expect(c.receivedText()).toBe('stored');
    });

    it('follows the reply with its own state vector once what the asker sent before is stored: the acknowledgement', async () => {
      // Pins what the client's "All changes saved" rests on (docs/protocol.md): our state vector,
      // sent after the asker's earlier updates are durable, covers them.
      const store = new InstrumentedStore();
      const held = deferred();
      store.beforeAppend = () => held.promise;
      const { room, join } = await openRoom({}, store);
      const a = join();
      room.receive(a.connection, syncStep1Frame(a.doc)); // the provider's own, on open
      const greeting = a.frames().length;

      room.receive(a.connection, a.type('typed at the venue'));
      room.receive(a.connection, syncStep1Frame(a.doc));
      await eventually(() => expect(store.appendCalls).toHaveLength(1));
      await turns();
      expect(a.frames().slice(greeting), 'nothing confirmed before it is stored').toEqual([]);

      held.resolve();
      await eventually(() =>
        expect(
          a
            .frames()
            .slice(greeting)
            .map((f) => f.kind),
        ).toEqual(['sync-step-2', 'sync-step-1']),
      );
      const answer = a.frames().at(-1);
      if (answer?.kind !== 'sync-step-1') throw new Error('no state vector');
      expect(Y.decodeStateVector(answer.stateVector).get(a.doc.clientID)).toBe(Y.getState(a.doc.store, a.doc.clientID));
    });

    it('holds a reply that contains an update queued in this same turn until it is stored', async () => {
      // Pins that sync step 2 is not a side door around "append before broadcast".
      const store = new InstrumentedStore();
      const held = deferred();
      store.beforeAppend = () => held.promise;
      const { room, join } = await openRoom({}, store);
      const a = join();
      const c = join();

      room.receive(a.connection, a.type('unstored'));
      room.receive(c.connection, syncStep1Frame(c.doc));
      await eventually(() => expect(store.appendCalls).toHaveLength(1));
      await turns();
      expect(c.frames().map((f) => f.kind)).toEqual(['sync-step-1']);

      held.resolve();
      await eventually(() => expect(c.frames().map((f) => f.kind)).toContain('sync-step-2'));
      expect(c.receivedText()).toBe('unstored');
    });

    it('holds a reply that contains an update whose commit is in flight until it is stored', async () => {
      const store = new InstrumentedStore();
      const held = deferred();
      store.beforeAppend = () => held.promise;
      const { room, join } = await openRoom({}, store);
      const a = join();

      room.receive(a.connection, a.type('in flight'));
      await eventually(() => expect(store.appendCalls).toHaveLength(1));
      const late = join();
      room.receive(late.connection, syncStep1Frame(late.doc));
      await turns();
      expect(late.frames().map((f) => f.kind)).toEqual(['sync-step-1']);

      held.resolve();
      await eventually(() => expect(late.receivedText()).toBe('in flight'));
    });
  });

  describe('awareness', () => {
    it("relays A's awareness to B, not back to A, and removes A's state for B when A leaves", async () => {
      // Pins presence: B sees A's caret while A is here and not after A left.
      const { room, join } = await openRoom();
      const a = join();
      const b = join();

      room.receive(a.connection, a.announce({ user: { name: 'Ada', color: '#f00' } }));
      expect(b.socket.frames().some((f) => f.kind === 'awareness')).toBe(true);
      expect(a.frames().some((f) => f.kind === 'awareness')).toBe(false);
      expect(awarenessStates(b).get(a.doc.clientID)).toEqual({ user: { name: 'Ada', color: '#f00' } });

      room.removeConnection(a.connection);
      expect(awarenessStates(b).has(a.doc.clientID)).toBe(false);
      expect(room.awareness.getStates().has(a.doc.clientID)).toBe(false);
    });

    it('sends a client its own renewal back, and no cursor move: a stock provider alone would hear nothing for 30 s and reconnect', async () => {
      const { room, join } = await openRoom();
      const a = join();
      const ownAwareness = () => a.frames().filter((f) => f.kind === 'awareness');
      room.receive(a.connection, a.announce({ user: { name: 'Ada', color: '#f00' } }));
      room.receive(a.connection, a.announce({ user: { name: 'Ada', color: '#f00' }, cursor: 3 }));
      expect(ownAwareness()).toHaveLength(0);

      room.receive(a.connection, a.announce({ user: { name: 'Ada', color: '#f00' }, cursor: 3 }));
      expect(ownAwareness()).toHaveLength(1);
      expect(awarenessStates(a).get(a.doc.clientID)).toEqual({ user: { name: 'Ada', color: '#f00' }, cursor: 3 });
    });

    it('sends the current awareness to a connection that joins later', async () => {
      const { room, join } = await openRoom();
      const a = join();
      room.receive(a.connection, a.announce({ user: { name: 'Ada', color: '#f00' } }));
      const late = join();
      expect(awarenessStates(late).get(a.doc.clientID)).toEqual({ user: { name: 'Ada', color: '#f00' } });
    });

    it('answers query-awareness with every known state', async () => {
      const { room, join } = await openRoom();
      const a = join();
      const c = join();
      room.receive(a.connection, a.announce({ user: { name: 'Ada', color: '#f00' } }));
      const before = c.frames().length;

      room.receive(c.connection, queryAwarenessFrame());
      const replies = c.frames().slice(before);
      expect(replies.map((f) => f.kind)).toEqual(['awareness']);
      expect(awarenessStates(c).get(a.doc.clientID)).toEqual({ user: { name: 'Ada', color: '#f00' } });
    });

    it('takes a closed tab’s cursor away although the same person’s other tab echoed it back', async () => {
      // Pins two tabs of one participant: a stock provider sends back every cursor it hears of
      // (at the clock it heard), and that echo used to move the closed tab's cursor over to the
      // open tab's connection, so it stayed on everyone's screen until awareness expired (30 s).
      const { room, join, joinAs } = await openRoom();
      const observer = join();
      const ada = { participantId: 'p-ada', inviteId: 'i-1', name: 'Ada', color: '#f00' };
      const grant = () => ({ canWrite: () => true, canReact: () => false, canComment: () => false, identity: ada });
      const laptop = joinAs(grant());
      const phone = joinAs(grant());
      room.receive(laptop.connection, laptop.announce({ cursor: 1 }));
      room.receive(phone.connection, phone.announce({ cursor: 2 }));
      // The laptop's provider echoes the phone's cursor as the server sent it.
      room.receive(laptop.connection, awarenessFrame(phone.awareness, [phone.doc.clientID]));

      room.removeConnection(phone.connection);
      expect([...room.awareness.getStates().keys()]).not.toContain(phone.doc.clientID);
      expect(awarenessStates(observer).has(phone.doc.clientID)).toBe(false);
      expect(awarenessStates(observer).get(laptop.doc.clientID)).toMatchObject({ cursor: 1, user: { name: 'Ada' } });
    });

    it('keeps the presence of a participant who reconnected before their old connection was seen closed', async () => {
      // Pins flaky venue Wi-Fi: the provider reconnects with the same Y.Doc (same awareness client
      // id) while the server still holds the dead socket until the heartbeat notices; neither the
      // new announcement may be ignored nor the live caret erased when the dead socket is closed.
      const { room, join, joinAs } = await openRoom();
      const observer = join();
      const ada = { participantId: 'p-ada', inviteId: 'i-1', name: 'Ada', color: '#f00' };
      const grant = { canWrite: () => true, canReact: () => false, canComment: () => false, identity: ada };
      const stale = joinAs(grant);
      room.receive(stale.connection, stale.announce({ cursor: 1 }));

      const reconnected = joinAs(grant);
      // The same client Y.Doc announces again (newer clock) over the new socket.
      room.receive(reconnected.connection, stale.announce({ cursor: 2 }));
      room.removeConnection(stale.connection);

      const clientId = stale.doc.clientID;
      expect(room.awareness.getStates().get(clientId)).toMatchObject({ cursor: 2, user: { name: 'Ada' } });
      expect(awarenessStates(observer).get(clientId)).toMatchObject({ cursor: 2, user: { name: 'Ada' } });
    });
  });

  describe('malformed frames', () => {
    const cases: Array<[string, Uint8Array]> = [
      ['an empty frame', new Uint8Array([])],
      ['an unknown message type (7)', new Uint8Array([7])],
      ['an auth message, which this server does not speak', new Uint8Array([2, 0])],
      ['an unknown sync message type', new Uint8Array([0, 9, 0])],
      ['a sync frame with no sync type', new Uint8Array([0])],
      ['a bad state vector', syncFrame(0, new Uint8Array([3, 1]))],
      ['an update whose length prefix runs past the end', new Uint8Array([0, 2, 50, 1, 2, 3])],
      ['an awareness frame that is not awareness', new Uint8Array([1, 3, 1, 200, 1])],
    ];

    it.each(cases)('rejects %s with a ProtocolError that closes with BadMessage', async (_name, frame) => {
      // Pins that bad input is a protocol error for the sender only, not a crash or a corrupt doc.
      const { room, store, join } = await openRoom();
      const a = join();
      const b = join();
      let thrown: unknown;
      try {
        room.receive(a.connection, frame);
      } catch (error) {
        thrown = error;
      }
      expect(thrown).toBeInstanceOf(ProtocolError);
      expect((thrown as ProtocolError).closeCode).toBe(CloseCode.BadMessage);
      await turns();
      expect(store.appendCalls).toEqual([]);
      expect(b.frames().map((f) => f.kind)).toEqual(['sync-step-1']);
    });

    it('rejects a truncated update and keeps the document as it was', async () => {
      const { room, committer, join } = await openRoom();
      const a = join();
      room.receive(a.connection, a.type('before'));
      await committer.whenDurable();
      const whole = a.type(' after');

      expect(() => room.receive(a.connection, whole.slice(0, whole.length - 4))).toThrow(ProtocolError);
      await turns();
      expect(roomText(room)).toBe('before');
    });

    it('names the unknown message type in the error', async () => {
      const { room, join } = await openRoom();
      const a = join();
      expect(() => room.receive(a.connection, new Uint8Array([7]))).toThrow(/unknown message type 7/);
      const encoder = encoding.createEncoder();
      encoding.writeVarUint(encoder, 0);
      encoding.writeVarUint(encoder, 5);
      expect(() => room.receive(a.connection, encoding.toUint8Array(encoder))).toThrow(/unknown sync message type 5/);
    });
  });

  describe('compaction', () => {
    it('compacts after compactAfterUpdates rows into one snapshot with identical content', async () => {
      // Pins bounded load time: a long-edited document must not replay its whole log.
      const { room, store, committer, join } = await openRoom({ compactAfterUpdates: 3 });
      const a = join();
      for (const word of ['one ', 'two ']) {
        room.receive(a.connection, a.type(word));
        await committer.whenDurable();
      }
      expect(await store.stats(DOC)).toMatchObject({ updateRows: 2, hasSnapshot: false });

      room.receive(a.connection, a.type('three'));
      await committer.whenDurable();
      await eventually(async () => expect(await store.stats(DOC)).toMatchObject({ updateRows: 0, hasSnapshot: true }));

      expect(store.compactCalls).toHaveLength(1);
      expect(await store.storedText(DOC)).toBe('one two three');
      expect(room.pendingRows).toBe(0);
    });

    it('compacts once the document has been idle for compactIdleMs, counted from the last write', async () => {
      vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
      const { room, store, committer, join } = await openRoom({ compactIdleMs: 10_000 });
      const a = join();

      room.receive(a.connection, a.type('first'));
      await committer.whenDurable();
      await vi.advanceTimersByTimeAsync(9_000);
      room.receive(a.connection, a.type(' second'));
      await committer.whenDurable();
      await vi.advanceTimersByTimeAsync(9_999);
      expect(store.compactCalls).toEqual([]);

      await vi.advanceTimersByTimeAsync(1);
      await eventually(async () => expect(await store.stats(DOC)).toMatchObject({ updateRows: 0, hasSnapshot: true }));
      expect(store.compactCalls).toHaveLength(1);
      expect(await store.storedText(DOC)).toBe('first second');
    });

    it('keeps rows stored during a compaction and compacts them once the document is idle', async () => {
      // Pins that edits landing while a size-triggered compaction runs are not left in the log
      // indefinitely: an idle document should end as one snapshot.
      vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
      const store = new InstrumentedStore();
      const heldCompaction = deferred();
      store.beforeCompact = () => (store.compactCalls.length === 1 ? heldCompaction.promise : undefined);
      const { room, committer, join } = await openRoom({ compactAfterUpdates: 2, compactIdleMs: 10_000 }, store);
      const a = join();

      for (const word of ['a', 'b', 'c']) {
        room.receive(a.connection, a.type(word));
        await committer.whenDurable();
      }
      expect(store.compactCalls).toHaveLength(1);
      heldCompaction.resolve();
      await eventually(() => expect(room.pendingRows).toBe(1));
      expect(await store.stats(DOC)).toMatchObject({ updateRows: 1, hasSnapshot: true });

      await vi.advanceTimersByTimeAsync(10_000);
      await eventually(async () => expect(await store.stats(DOC)).toMatchObject({ updateRows: 0, hasSnapshot: true }));
      expect(await store.storedText(DOC)).toBe('abc');
    });

    it('leaves the rows in place when compaction fails, so nothing is lost', async () => {
      const store = new InstrumentedStore();
      store.beforeCompact = () => {
        throw new Error('disk full');
      };
      const { room, committer, join } = await openRoom({ compactAfterUpdates: 1 }, store);
      const a = join();
      room.receive(a.connection, a.type('safe'));
      await committer.whenDurable();
      await eventually(() => expect(store.compactCalls).toHaveLength(1));
      await turns();

      expect(room.pendingRows).toBe(1);
      expect(await store.stats(DOC)).toMatchObject({ updateRows: 1, hasSnapshot: false });
      expect(await store.storedText(DOC)).toBe('safe');
      expect(a.socket.closedWith).toBeUndefined();
    });

    it('leaves no timer behind once destroyed', async () => {
      // Pins that an unloaded document cannot fire a compaction against a closed store.
      vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
      const { room, committer, join } = await openRoom({ compactIdleMs: 10_000 });
      const a = join();
      room.receive(a.connection, a.type('x'));
      await committer.whenDurable();
      expect(vi.getTimerCount()).toBe(1);

      room.destroy();
      expect(vi.getTimerCount()).toBe(0);
    });
  });

  describe('storage failure', () => {
    it('closes every connection with StorageFailure and reports the room broken', async () => {
      // Pins that an edit that could not be stored is never shown, and clients reconnect to retry.
      const store = new InstrumentedStore();
      store.beforeAppend = () => {
        throw new Error('disk full');
      };
      const { room, committer, join, onBroken } = await openRoom({}, store);
      const a = join();
      const b = join();

      room.receive(a.connection, a.type('lost'));
      await committer.whenDurable();

      expect(a.socket.closedWith?.code).toBe(CloseCode.StorageFailure);
      expect(b.socket.closedWith?.code).toBe(CloseCode.StorageFailure);
      expect(b.receivedText()).toBe('');
      expect(onBroken).toHaveBeenCalledWith(room);
      expect(room.connections.size).toBe(0);
    });
  });

  describe("a reader writing under someone else's client id", () => {
    it('is dropped when the id is credited to another participant, and her offline typing still arrives whole', async () => {
      const { room, joinAs, committer, store } = await openRoom();
      const adaPeer = joinAs(writerGrant(ada));
      room.receive(adaPeer.connection, adaPeer.type('online '));
      await committer.whenDurable();
      expect(room.doc.getMap(AUTHORS_FIELD).get(String(adaPeer.doc.clientID))).toMatchObject({
        participantId: ada.participantId,
      });
      room.removeConnection(adaPeer.connection);
      const offline = adaPeer.type('typed offline');

      // What CollabServer does before a connection that may not write joins.
      await room.loadClaims();
      const benPeer = joinAs(readerGrant(ben));
      room.receive(benPeer.connection, endorseUnder(room, adaPeer.doc.clientID));
      await committer.whenDurable();
      expect(room.doc.getMap(ENDORSEMENTS_FIELD).size).toBe(0);
      expect(room.droppedUpdates).toBe(1);

      const back = joinAs(writerGrant(ada));
      room.receive(back.connection, offline);
      await committer.whenDurable();
      expect(roomText(room)).toBe('online typed offline');
      expect(await store.storedText(DOC)).toBe('online typed offline');
    });

    it("is dropped when the id was announced as another participant's cursor, also after she left", async () => {
      const { room, joinAs, committer } = await openRoom();
      const adaPeer = joinAs(writerGrant(ada));
      room.receive(adaPeer.connection, adaPeer.announce({ cursor: null }));
      // What CollabServer does before a connection that may not write joins.
      await room.loadClaims();
      const benPeer = joinAs(readerGrant(ben));
      room.receive(benPeer.connection, endorseUnder(room, adaPeer.doc.clientID));
      room.removeConnection(adaPeer.connection);
      room.receive(benPeer.connection, endorseUnder(room, adaPeer.doc.clientID));
      // Nor may he take her cursor id over once she is gone.
      room.receive(benPeer.connection, benPeer.announce({ cursor: null }));
      const forged = new awarenessProtocol.Awareness(new Y.Doc());
      forged.clientID = adaPeer.doc.clientID;
      forged.setLocalState({ cursor: 'forged' });
      room.receive(benPeer.connection, awarenessFrame(forged, [adaPeer.doc.clientID]));
      await committer.whenDurable();
      expect(room.doc.getMap(ENDORSEMENTS_FIELD).size).toBe(0);
      expect(room.droppedUpdates).toBe(2);
      expect(room.awareness.getStates().has(adaPeer.doc.clientID)).toBe(false);
      forged.destroy();

      // His own endorsement, under his own id, is still taken.
      const own = new Y.Doc();
      Y.applyUpdate(own, Y.encodeStateAsUpdate(room.doc));
      const before = Y.encodeStateVector(own);
      own.getMap(ENDORSEMENTS_FIELD).set(endorsementKey('rec1', ben.participantId), { name: ben.name });
      room.receive(benPeer.connection, updateFrame(Y.encodeStateAsUpdate(own, before)));
      await committer.whenDurable();
      expect(room.doc.getMap(ENDORSEMENTS_FIELD).size).toBe(1);
      own.destroy();
    });
  });

  it("keeps a cursor's claim after the room was unloaded: her offline work still arrives whole", async () => {
    const store = new InstrumentedStore();
    const first = await openRoom({}, store);
    const adaPeer = first.joinAs(writerGrant(ada));
    // She only showed her cursor, then went offline and typed there.
    first.room.receive(adaPeer.connection, adaPeer.announce({ cursor: null }));
    first.room.removeConnection(adaPeer.connection);
    const offline = adaPeer.type('written offline');
    await first.committer.whenDurable();
    first.room.destroy();

    const second = await openRoom({}, store);
    await second.room.loadClaims();
    const benPeer = second.joinAs(readerGrant(ben));
    second.room.receive(benPeer.connection, endorseUnder(second.room, adaPeer.doc.clientID));
    await second.committer.whenDurable();
    expect(second.room.doc.getMap(ENDORSEMENTS_FIELD).size).toBe(0);

    const back = second.joinAs(writerGrant(ada));
    second.room.receive(back.connection, offline);
    await second.committer.whenDurable();
    expect(roomText(second.room)).toBe('written offline');
  });

  it("drops a writer's update that writes someone else's endorsement or position, and takes their own", async () => {
    const { room, joinAs, committer } = await openRoom();
    const adaPeer = joinAs(writerGrant(ada));
    const capture = (change: () => void) => {
      const before = Y.encodeStateVector(adaPeer.doc);
      change();
      return updateFrame(Y.encodeStateAsUpdate(adaPeer.doc, before));
    };
    room.receive(
      adaPeer.connection,
      capture(() => adaPeer.doc.getMap(ENDORSEMENTS_FIELD).set(endorsementKey('rec1', ben.participantId), {})),
    );
    await committer.whenDurable();
    expect(room.doc.getMap(ENDORSEMENTS_FIELD).size).toBe(0);
    expect(room.droppedUpdates).toBe(1);

    const own = new Y.Doc();
    Y.applyUpdate(own, Y.encodeStateAsUpdate(room.doc));
    const before = Y.encodeStateVector(own);
    own.getMap(ENDORSEMENTS_FIELD).set(endorsementKey('rec1', ada.participantId), { name: ada.name });
    room.receive(adaPeer.connection, updateFrame(Y.encodeStateAsUpdate(own, before)));
    await committer.whenDurable();
    expect([...room.doc.getMap(ENDORSEMENTS_FIELD).keys()]).toEqual([endorsementKey('rec1', ada.participantId)]);
    own.destroy();
  });

  it('reports itself empty when the last connection leaves', async () => {
    const { room, join, onEmpty } = await openRoom();
    const a = join();
    const b = join();
    room.removeConnection(a.connection);
    expect(onEmpty).not.toHaveBeenCalled();
    room.removeConnection(b.connection);
    expect(onEmpty).toHaveBeenCalledWith(room);
  });
});

function awarenessStates(peer: FakePeer): Map<number, Record<string, unknown>> {
  return awarenessFromFrames(peer.frames());
}
