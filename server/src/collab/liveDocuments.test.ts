import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { eventually, FakePeer, InstrumentedStore, silentLogger, TEXT } from './collabTestKit';
import { liveDocuments } from './liveDocuments';
import { RoomRegistry } from './RoomRegistry';
import { UpdateCommitter } from './UpdateCommitter';

const DOC = 'brief';
const cleanups: Array<() => Promise<void> | void> = [];

afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function world() {
  const store = new InstrumentedStore();
  const registry = new RoomRegistry(store, new UpdateCommitter(store, silentLogger), silentLogger, {
    unloadGraceMs: 60_000,
    compactAfterUpdates: 1_000,
    compactIdleMs: 60_000,
  });
  cleanups.push(() => registry.closeAll());
  const live = liveDocuments(registry, store);
  // An editor with the document open, who has typed something.
  const room = await registry.acquire(DOC);
  const peer = new FakePeer(DOC);
  cleanups.push(() => peer.destroy());
  room.addConnection(peer.connection);
  room.receive(peer.connection, peer.type('Draft. '));
  await eventually(async () => expect(await store.storedText(DOC)).toBe('Draft. '));
  return { store, registry, live, room, peer };
}

const append = (doc: Y.Doc, text: string) => doc.getText(TEXT).insert(doc.getText(TEXT).length, text);

/** The peer's text once it has applied everything the server sent it, as a real editor would. */
function catchUp(peer: FakePeer): string {
  for (const frame of peer.frames()) {
    if (frame.kind === 'sync-step-2' || frame.kind === 'update') Y.applyUpdate(peer.doc, frame.update);
  }
  return peer.doc.getText(TEXT).toString();
}

describe('liveDocuments.change', () => {
  it('applies a change whole: the editor receives it, it is stored, and the result comes back', async () => {
    const { store, live, room, peer } = await world();
    const result = await live.change(DOC, (doc) => {
      append(doc, 'Imported.');
      return 'done';
    });
    expect(result).toBe('done');
    expect(room.doc.getText(TEXT).toString()).toBe('Draft. Imported.');
    expect(await store.storedText(DOC)).toBe('Draft. Imported.');
    await eventually(() => expect(catchUp(peer)).toBe('Draft. Imported.'));

    // Changes and typing go on interleaving after it: the server's own clock stays in step.
    await live.change(DOC, (doc) => append(doc, ' Merged.'));
    await eventually(() => expect(catchUp(peer)).toBe('Draft. Imported. Merged.'));
    room.receive(peer.connection, peer.type(' Typed.'));
    await eventually(async () => expect(await store.storedText(DOC)).toBe('Draft. Imported. Merged. Typed.'));
    expect(room.doc.getText(TEXT).toString()).toBe('Draft. Imported. Merged. Typed.');
  });

  it('writes every change under one server client id, and never makes the document change its own', async () => {
    const { live, room } = await world();
    // The server has written under the document's own id (as it does when it records an author).
    room.doc.getMap('own').set('written', true);
    const ownId = room.doc.clientID;
    const clientsBefore = Y.decodeStateVector(Y.encodeStateVector(room.doc)).size;

    await live.change(DOC, (doc) => append(doc, 'One.'));
    await live.change(DOC, (doc) => append(doc, ' Two.'));

    // Yjs picks a new id for a document that sees its own id used by an applied update.
    expect(room.doc.clientID).toBe(ownId);
    expect(Y.decodeStateVector(Y.encodeStateVector(room.doc)).size).toBe(clientsBefore + 1);
    expect(room.doc.getText(TEXT).toString()).toBe('Draft. One. Two.');
  });

  it('leaves the document as it was when the change throws halfway: nothing stored, nothing sent', async () => {
    const { store, live, room, peer } = await world();
    const framesBefore = peer.frames().length;
    const appendsBefore = store.appendCalls.length;

    await expect(
      live.change(DOC, (doc) => {
        append(doc, 'Half of a merge.');
        doc.getText(TEXT).delete(0, 3);
        throw new Error('the second half failed');
      }),
    ).rejects.toThrow('the second half failed');

    expect(room.doc.getText(TEXT).toString()).toBe('Draft. ');
    expect(store.appendCalls.length).toBe(appendsBefore);
    expect(peer.frames().length).toBe(framesBefore);
    // The next change and the next keystroke are not held up by the one that failed.
    await live.change(DOC, (doc) => append(doc, 'Whole.'));
    await eventually(() => expect(catchUp(peer)).toBe('Draft. Whole.'));
    room.receive(peer.connection, peer.type('!'));
    await eventually(async () => expect(await store.storedText(DOC)).toBe('Draft. Whole.!'));
  });
});
