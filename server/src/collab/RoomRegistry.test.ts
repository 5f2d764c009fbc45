import { MessageType } from '@plenary/shared/protocol';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { outdatedTimeout } from 'y-protocols/awareness';
import { deferred, eventually, FakePeer, InstrumentedStore, silentLogger, TEXT, turns } from './collabTestKit';
import type { DocRoom } from './DocRoom';
import { AWARENESS_SWEEP_MS } from './expireQuietAwareness';
import { RoomRegistry } from './RoomRegistry';
import { UpdateCommitter } from './UpdateCommitter';

const DOC = 'doc';
const GRACE_MS = 5_000;
const cleanups: Array<() => Promise<void> | void> = [];

afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  vi.useRealTimers();
});

function createRegistry(store = new InstrumentedStore()) {
  const committer = new UpdateCommitter(store, silentLogger);
  const registry = new RoomRegistry(store, committer, silentLogger, {
    unloadGraceMs: GRACE_MS,
    compactAfterUpdates: 1_000,
    compactIdleMs: 60_000,
  });
  cleanups.push(() => registry.closeAll());
  return { store, committer, registry };
}

function connect(room: DocRoom): FakePeer {
  const peer = new FakePeer(room.documentId);
  cleanups.push(() => peer.destroy());
  room.addConnection(peer.connection);
  return peer;
}

/** A connection that types `text` and leaves in the same turn: its write is still pending. */
function editAndLeave(room: DocRoom, text: string): void {
  const peer = connect(room);
  room.receive(peer.connection, peer.type(text));
  peer.connection.markClosed();
  room.removeConnection(peer.connection);
}

describe('RoomRegistry', () => {
  it('loads a document once for concurrent first connections', async () => {
    // Pins the map of load promises: two loads would give two diverging Y.Docs for one id.
    const store = new InstrumentedStore();
    const slowLoad = deferred();
    store.beforeLoad = () => slowLoad.promise;
    const { registry } = createRegistry(store);

    const acquires = [registry.acquire(DOC), registry.acquire(DOC), registry.acquire(DOC)];
    slowLoad.resolve();
    const [first, ...others] = await Promise.all(acquires);

    for (const other of others) expect(other).toBe(first);
    expect(store.loadCalls).toEqual([DOC]);
    expect(registry.loadCount).toBe(1);
    expect(await registry.acquire(DOC)).toBe(first);
    expect(store.loadCalls).toHaveLength(1);
  });

  it('rejects every waiter when the load fails, stores nothing, and retries on the next acquire', async () => {
    // Pins that a failed load never turns into an empty document that overwrites the real one.
    const store = new InstrumentedStore();
    const failingLoad = deferred();
    store.beforeLoad = () => failingLoad.promise;
    const { registry } = createRegistry(store);

    const acquires = [registry.acquire(DOC), registry.acquire(DOC)];
    failingLoad.reject(new Error('disk unreadable'));
    for (const acquire of acquires) await expect(acquire).rejects.toThrow('disk unreadable');
    expect(store.loadCalls).toHaveLength(1);
    expect(store.appendCalls).toEqual([]);
    expect(await store.listDocumentIds()).toEqual([]);
    expect(registry.loadedCount).toBe(0);

    store.beforeLoad = undefined;
    const room = await registry.acquire(DOC);
    expect(room.isDestroyed).toBe(false);
    expect(store.loadCalls).toHaveLength(2);
  });

  it('unloads an unused room only after the grace period and after its writes settled and compacted', async () => {
    // Pins the y-websocket flaw we must not repeat: the doc left memory before its last write.
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    const store = new InstrumentedStore();
    const slowAppend = deferred();
    store.beforeAppend = () => slowAppend.promise;
    const { registry } = createRegistry(store);
    const room = await registry.acquire(DOC);

    editAndLeave(room, 'last words');
    await eventually(() => expect(store.appendCalls).toHaveLength(1));
    await vi.advanceTimersByTimeAsync(GRACE_MS - 1);
    expect(registry.peek(DOC)).toBe(room);

    await vi.advanceTimersByTimeAsync(1);
    expect(registry.peek(DOC)).toBeUndefined();
    await turns();
    expect(room.isDestroyed).toBe(false);
    expect(store.compactCalls).toEqual([]);

    slowAppend.resolve();
    await eventually(() => expect(room.isDestroyed).toBe(true));
    expect(await store.stats(DOC)).toMatchObject({ updateRows: 0, hasSnapshot: true });
    expect(await store.storedText(DOC)).toBe('last words');
    expect(vi.getTimerCount()).toBe(0);
  });

  it('cancels the unload when the document is acquired during the grace period', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    const { registry, store } = createRegistry();
    const room = await registry.acquire(DOC);
    const first = connect(room);
    room.removeConnection(first.connection);

    await vi.advanceTimersByTimeAsync(GRACE_MS - 1);
    expect(await registry.acquire(DOC)).toBe(room);
    // The caller may attach its connection later (CollabServer does so after an await).
    await vi.advanceTimersByTimeAsync(GRACE_MS * 10);

    expect(registry.peek(DOC)).toBe(room);
    expect(room.isDestroyed).toBe(false);
    expect(store.loadCalls).toHaveLength(1);
  });

  it('makes an acquire during an unload wait, then load fresh content with everything written', async () => {
    // Pins that a reconnect racing the unload neither joins a dying room nor reads stale rows.
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    const store = new InstrumentedStore();
    const slowAppend = deferred();
    store.beforeAppend = () => slowAppend.promise;
    const { registry } = createRegistry(store);
    const room = await registry.acquire(DOC);
    editAndLeave(room, 'written before unload');
    await eventually(() => expect(store.appendCalls).toHaveLength(1));
    await vi.advanceTimersByTimeAsync(GRACE_MS);
    expect(registry.peek(DOC)).toBeUndefined();

    let reacquired: DocRoom | undefined;
    void registry.acquire(DOC).then((fresh) => {
      reacquired = fresh;
    });
    await turns();
    expect(reacquired).toBeUndefined();
    expect(store.loadCalls).toHaveLength(1);

    slowAppend.resolve();
    await eventually(() => expect(reacquired).toBeDefined());
    expect(reacquired).not.toBe(room);
    expect(room.isDestroyed).toBe(true);
    expect(reacquired?.doc.getText(TEXT).toString()).toBe('written before unload');
    expect(store.loadCalls).toHaveLength(2);
  });

  it('drops a room whose writes failed, so the next acquire loads it afresh from storage', async () => {
    // Pins that a broken in-memory doc (holding edits that were never stored) is never reused.
    const store = new InstrumentedStore();
    const { registry, committer } = createRegistry(store);
    const room = await registry.acquire(DOC);
    const peer = connect(room);
    store.beforeAppend = () => {
      throw new Error('disk full');
    };
    room.receive(peer.connection, peer.type('never stored'));
    await committer.whenDurable();

    expect(room.isDestroyed).toBe(true);
    expect(registry.peek(DOC)).toBeUndefined();
    store.beforeAppend = undefined;
    const fresh = await registry.acquire(DOC);
    expect(fresh).not.toBe(room);
    expect(fresh.doc.getText(TEXT).toString()).toBe('');
  });

  it('closeAll flushes pending writes, compacts and unloads every room', async () => {
    // Pins graceful shutdown: an edit accepted in the last turn before SIGTERM is kept.
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    const { registry, store } = createRegistry();
    const one = await registry.acquire('one');
    const two = await registry.acquire('two');
    editAndLeave(one, 'first');
    editAndLeave(two, 'second');

    await registry.closeAll();

    expect(await store.storedText('one')).toBe('first');
    expect(await store.storedText('two')).toBe('second');
    expect(await store.stats('one')).toMatchObject({ updateRows: 0, hasSnapshot: true });
    expect(one.isDestroyed && two.isDestroyed).toBe(true);
    expect(registry.loadedCount).toBe(0);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('closeAll waits for a load in progress', async () => {
    const store = new InstrumentedStore();
    const slowLoad = deferred();
    store.beforeLoad = () => slowLoad.promise;
    const { registry } = createRegistry(store);
    const loading = registry.acquire(DOC);
    let closed = false;
    void registry.closeAll().then(() => {
      closed = true;
    });
    await turns();
    expect(closed).toBe(false);

    slowLoad.resolve();
    const room = await loading;
    await eventually(() => expect(closed).toBe(true));
    expect(room.isDestroyed).toBe(true);
    expect(registry.loadedCount).toBe(0);
  });

  it('drops cursors nobody renewed, in every loaded room, on one timer for all of them', async () => {
    // Pins the shared sweep that replaced y-protocols' interval per room (~200 bytes per room).
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval', 'Date'] });
    const { registry } = createRegistry();
    const rooms = await Promise.all(['a', 'b', 'c'].map((id) => registry.acquire(id)));
    expect(vi.getTimerCount()).toBe(1);

    const [room] = rooms as [DocRoom];
    const quiet = connect(room);
    const watcher = connect(room);
    room.receive(quiet.connection, quiet.announce({ cursor: 1 }));
    const cursors = () => [...room.awareness.getStates().keys()];
    expect(cursors()).toEqual([quiet.doc.clientID]);
    const framesBefore = watcher.socket.sent.length;

    vi.advanceTimersByTime(outdatedTimeout - AWARENESS_SWEEP_MS);
    expect(cursors()).toEqual([quiet.doc.clientID]);
    vi.advanceTimersByTime(2 * AWARENESS_SWEEP_MS);
    expect(cursors()).toEqual([]);
    // Everyone still in the room is told the cursor is gone: an awareness frame (type 1).
    const told = watcher.socket.sent.slice(framesBefore);
    expect(told.map((frame) => frame[0])).toEqual([MessageType.Awareness]);
  });
});
