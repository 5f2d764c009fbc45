import { afterEach, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { deferred, eventually, InstrumentedStore, silentLogger, turns, typeInto } from './collabTestKit';
import { type CommitTarget, UpdateCommitter } from './UpdateCommitter';

interface RecordingTarget extends CommitTarget {
  onCommitted: ReturnType<typeof vi.fn<CommitTarget['onCommitted']>>;
  onCommitFailed: ReturnType<typeof vi.fn<CommitTarget['onCommitFailed']>>;
}

function target(documentId: string): RecordingTarget {
  return { documentId, onCommitted: vi.fn(), onCommitFailed: vi.fn() };
}

const docs: Y.Doc[] = [];
function edit(text: string): Uint8Array {
  const doc = new Y.Doc();
  docs.push(doc);
  return typeInto(doc, text);
}

afterEach(() => {
  for (const doc of docs.splice(0)) doc.destroy();
});

describe('UpdateCommitter', () => {
  it('commits every update of one event-loop turn, across documents, in one appendUpdates call', async () => {
    // Pins group commit: one storage transaction per turn, not one per update or per document.
    const store = new InstrumentedStore();
    const committer = new UpdateCommitter(store, silentLogger);
    const one = target('one');
    const two = target('two');
    const [a, b, c] = [edit('a'), edit('b'), edit('c')];

    committer.enqueue(one, a, 'origin-a');
    committer.enqueue(two, b, 'origin-b');
    committer.enqueue(one, c, 'origin-c');
    await committer.whenDurable();

    expect(store.appendCalls).toEqual([
      [
        { documentId: 'one', update: a },
        { documentId: 'two', update: b },
        { documentId: 'one', update: c },
      ],
    ]);
    expect(one.onCommitted).toHaveBeenCalledTimes(1);
    expect(one.onCommitted).toHaveBeenCalledWith(
      [
        { update: a, origin: 'origin-a' },
        { update: c, origin: 'origin-c' },
      ],
      3,
    );
    expect(two.onCommitted).toHaveBeenCalledWith([{ update: b, origin: 'origin-b' }], 2);
  });

  it('has batching targets release what they hold at the end of the turn, into the same commit', async () => {
    const store = new InstrumentedStore();
    const committer = new UpdateCommitter(store, silentLogger);
    const one = target('one');
    const [a, b] = [edit('a'), edit('b')];
    const held = { releaseQueued: vi.fn(() => committer.enqueue(one, b, 'held')) };
    committer.releaseBeforeCommit(held);
    committer.releaseBeforeCommit(held);
    committer.enqueue(one, a, 'direct');
    const durable = committer.whenDurable();
    expect(durable).not.toBeNull();
    expect(held.releaseQueued).not.toHaveBeenCalled();
    await durable;
    expect(held.releaseQueued).toHaveBeenCalledTimes(1);
    expect(store.appendCalls).toEqual([
      [
        { documentId: 'one', update: a },
        { documentId: 'one', update: b },
      ],
    ]);
  });

  it('schedules one turn per batch, also when the batch is enqueued while it is released', async () => {
    // Typing reaches the committer through releaseQueued, which enqueues at the end of the turn:
    // that enqueue must join the commit running, not schedule an empty one for the next turn.
    const store = new InstrumentedStore();
    const committer = new UpdateCommitter(store, silentLogger);
    const one = target('one');
    const held = { releaseQueued: () => committer.enqueue(one, edit('a'), 'held') };
    const immediates = vi.spyOn(globalThis, 'setImmediate');
    let scheduled: number;
    try {
      committer.releaseBeforeCommit(held);
      await committer.whenDurable();
      scheduled = immediates.mock.calls.length;
    } finally {
      immediates.mockRestore();
    }
    await turns();
    expect(scheduled).toBe(1);
    expect(store.appendCalls).toHaveLength(1);
  });

  it('waits for a batching target alone: whenDurable covers what it still holds', async () => {
    const store = new InstrumentedStore();
    const committer = new UpdateCommitter(store, silentLogger);
    const one = target('one');
    const a = edit('a');
    committer.releaseBeforeCommit({ releaseQueued: () => committer.enqueue(one, a, 'held') });
    await committer.whenDurable();
    expect(store.appendCalls).toEqual([[{ documentId: 'one', update: a }]]);
  });

  it('puts an update of a later turn into its own commit', async () => {
    const store = new InstrumentedStore();
    const committer = new UpdateCommitter(store, silentLogger);
    const one = target('one');

    committer.enqueue(one, edit('a'), null);
    await committer.whenDurable();
    committer.enqueue(one, edit('b'), null);
    await committer.whenDurable();

    expect(store.appendCalls).toHaveLength(2);
    expect(await store.storedText('one')).toHaveLength(2);
  });

  it('tells a target its updates are committed only after the store resolved', async () => {
    // Pins "append before broadcast": onCommitted is what lets DocRoom show an edit to others.
    const store = new InstrumentedStore();
    const held = deferred();
    store.beforeAppend = () => held.promise;
    const committer = new UpdateCommitter(store, silentLogger);
    const one = target('one');

    committer.enqueue(one, edit('a'), null);
    await eventually(() => expect(store.appendCalls).toHaveLength(1));
    await turns();
    expect(one.onCommitted).not.toHaveBeenCalled();

    held.resolve();
    await eventually(() => expect(one.onCommitted).toHaveBeenCalledTimes(1));
    expect(await store.storedText('one')).toBe('a');
  });

  it('reports a failed store to every target in the batch and never reports it committed', async () => {
    // Pins that a failed append is never broadcast: none of these updates is durable.
    const store = new InstrumentedStore();
    const failure = new Error('disk full');
    store.beforeAppend = () => {
      throw failure;
    };
    const committer = new UpdateCommitter(store, silentLogger);
    const one = target('one');
    const two = target('two');

    committer.enqueue(one, edit('a'), null);
    committer.enqueue(two, edit('b'), null);
    committer.enqueue(one, edit('c'), null);
    await committer.whenDurable();

    expect(one.onCommitFailed).toHaveBeenCalledTimes(1);
    expect(one.onCommitFailed).toHaveBeenCalledWith(failure);
    expect(two.onCommitFailed).toHaveBeenCalledWith(failure);
    expect(one.onCommitted).not.toHaveBeenCalled();
    expect(two.onCommitted).not.toHaveBeenCalled();
    expect(await store.listDocumentIds()).toEqual([]);
  });

  it('keeps committing after one target throws from onCommitted', async () => {
    // Pins that one document's broken broadcast cannot starve the other documents of the batch.
    const store = new InstrumentedStore();
    const committer = new UpdateCommitter(store, silentLogger);
    const faulty = target('faulty');
    faulty.onCommitted.mockImplementation(() => {
      throw new Error('broadcast bug');
    });
    const healthy = target('healthy');

    committer.enqueue(faulty, edit('a'), null);
    committer.enqueue(healthy, edit('b'), null);
    await committer.whenDurable();

    expect(healthy.onCommitted).toHaveBeenCalledTimes(1);
    committer.enqueue(healthy, edit('c'), null);
    await committer.whenDurable();
    expect(healthy.onCommitted).toHaveBeenCalledTimes(2);
  });

  describe('whenDurable', () => {
    it('is null when nothing is queued or in flight', async () => {
      // Pins the fast path: DocRoom answers sync step 1 synchronously when nothing is pending.
      const store = new InstrumentedStore();
      const committer = new UpdateCommitter(store, silentLogger);
      expect(committer.whenDurable()).toBeNull();

      committer.enqueue(target('one'), edit('a'), null);
      expect(committer.whenDurable()).not.toBeNull();
      await committer.whenDurable();
      expect(committer.whenDurable()).toBeNull();
    });

    it('resolves only once the batch holding the queued updates is stored', async () => {
      // Pins that a reply held on whenDurable() cannot leak an update that is still in flight.
      const store = new InstrumentedStore();
      const gates = [deferred(), deferred()];
      store.beforeAppend = () => gates[store.appendCalls.length - 1]?.promise;
      const committer = new UpdateCommitter(store, silentLogger);
      const one = target('one');

      committer.enqueue(one, edit('a'), null);
      await eventually(() => expect(store.appendCalls).toHaveLength(1));
      // A second update arrives while the first batch is still being written.
      committer.enqueue(one, edit('b'), null);
      let durable = false;
      void committer.whenDurable()?.then(() => {
        durable = true;
      });

      gates[0]?.resolve();
      await eventually(() => expect(one.onCommitted).toHaveBeenCalledTimes(1));
      await turns();
      expect(durable).toBe(false);

      gates[1]?.resolve();
      await eventually(() => expect(durable).toBe(true));
      expect(await store.storedText('one')).toHaveLength(2);
    });

    it('waits for a commit in flight when nothing is queued', async () => {
      const store = new InstrumentedStore();
      const held = deferred();
      store.beforeAppend = () => held.promise;
      const committer = new UpdateCommitter(store, silentLogger);

      committer.enqueue(target('one'), edit('a'), null);
      await eventually(() => expect(store.appendCalls).toHaveLength(1));
      let durable = false;
      const pending = committer.whenDurable();
      expect(pending).not.toBeNull();
      void pending?.then(() => {
        durable = true;
      });
      await turns();
      expect(durable).toBe(false);

      held.resolve();
      await eventually(() => expect(durable).toBe(true));
    });
  });

  it('commits batches strictly in order even when the store is slow', async () => {
    // Pins the commit chain: a later batch must not overtake (or run beside) a slow earlier one,
    // or sequence numbers and broadcasts would come out of order.
    const store = new InstrumentedStore();
    const slowFirst = deferred();
    store.beforeAppend = () => (store.appendCalls.length === 1 ? slowFirst.promise : undefined);
    const committer = new UpdateCommitter(store, silentLogger);
    const one = target('one');
    const order: string[] = [];
    one.onCommitted.mockImplementation((updates) => {
      order.push(updates.map(({ origin }) => String(origin)).join(','));
    });

    committer.enqueue(one, edit('a'), 'first');
    await eventually(() => expect(store.appendCalls).toHaveLength(1));
    committer.enqueue(one, edit('b'), 'second');
    await turns();
    expect(store.appendCalls).toHaveLength(1);

    slowFirst.resolve();
    await eventually(() => expect(order).toEqual(['first', 'second']));
    const stored = await store.load('one');
    expect(stored?.updates).toEqual(store.appendCalls.flat().map(({ update }) => update));
  });

  it('flush commits what is queued without waiting for the end of the turn', async () => {
    // Pins shutdown: closeAll flushes in the same turn as the last edit and must not lose it.
    const store = new InstrumentedStore();
    const committer = new UpdateCommitter(store, silentLogger);
    const one = target('one');

    committer.enqueue(one, edit('a'), null);
    await committer.flush();

    expect(one.onCommitted).toHaveBeenCalledTimes(1);
    expect(await store.storedText('one')).toBe('a');
    await turns();
    expect(store.appendCalls).toHaveLength(1);
  });
});
