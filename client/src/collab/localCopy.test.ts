import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { IndexeddbPersistence } from 'y-indexeddb';
import * as Y from 'yjs';
import { IndexedDbCopyTracker } from './localCopy';

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

let nextName = 0;

function open(name: string) {
  const doc = new Y.Doc();
  const persistence = new IndexeddbPersistence(name, doc);
  const tracker = new IndexedDbCopyTracker(persistence, doc);
  cleanups.push(async () => {
    tracker.destroy();
    await persistence.destroy();
    doc.destroy();
  });
  return { doc, persistence, tracker };
}

/** Resolves once the tracker says stored (the probe is asynchronous). */
function whenStored(tracker: IndexedDbCopyTracker): Promise<void> {
  return new Promise((resolve) => {
    if (tracker.isStored()) return resolve();
    const stop = tracker.subscribe(() => {
      if (!tracker.isStored()) return;
      stop();
      resolve();
    });
  });
}

describe('IndexedDbCopyTracker', () => {
  it('is not stored until the first load finished, then is', async () => {
    const { persistence, tracker } = open(`copy-${nextName++}`);
    expect(tracker.isStored()).toBe(false);
    await persistence.whenSynced;
    await whenStored(tracker);
    expect(tracker.isStored()).toBe(true);
  });

  it('turns unstored with each edit and stored again once a fresh copy opened from disk has it', async () => {
    const name = `copy-${nextName++}`;
    const { doc, persistence, tracker } = open(name);
    await persistence.whenSynced;
    await whenStored(tracker);

    for (const word of ['Provincial ', 'police ', 'need ', 'a ', 'desk.']) {
      doc.getText('t').insert(doc.getText('t').length, word);
      expect(tracker.isStored(), 'an edit was just made').toBe(false);
    }
    await whenStored(tracker);

    // What a reload would find: a second copy opened from the same database.
    const reloaded = open(name);
    await reloaded.persistence.whenSynced;
    expect(reloaded.doc.getText('t').toString()).toBe('Provincial police need a desk.');
  });

  it('counts edits from the server too, since an offline reload needs them as well', async () => {
    const { doc, persistence, tracker } = open(`copy-${nextName++}`);
    await persistence.whenSynced;
    await whenStored(tracker);
    const remote = new Y.Doc();
    remote.getText('t').insert(0, 'from the other group member');
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(remote), 'the provider');
    expect(tracker.isStored()).toBe(false);
    await whenStored(tracker);
  });
});
