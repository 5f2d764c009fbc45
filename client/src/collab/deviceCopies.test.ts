import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { ConnectionState } from './connectionMonitor';
import { type DatabaseDeleter, DeviceCopies, type KeyValueStorage, localCopyName } from './deviceCopies';

function memoryStorage(): KeyValueStorage & { items: Map<string, string> } {
  const items = new Map<string, string>();
  return {
    items,
    getItem: (key) => items.get(key) ?? null,
    setItem: (key, value) => void items.set(key, value),
    removeItem: (key) => void items.delete(key),
  };
}

function memoryDatabases(names: string[]): DatabaseDeleter & { deleted: string[] } {
  const deleted: string[] = [];
  return {
    deleted,
    databaseNames: async () => names,
    deleteDatabase: async (name) => void deleted.push(name),
  };
}

/** A status line the test sets by hand. */
function statusLine(initial: ConnectionState) {
  let state = initial;
  const listeners = new Set<() => void>();
  return {
    getSnapshot: () => ({ state, terminalCloseCode: null }),
    subscribe: (listener: () => void) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    set(next: ConnectionState) {
      state = next;
      for (const listener of listeners) listener();
    },
  };
}

const type = (doc: Y.Doc, text: string, origin: unknown = null) =>
  doc.transact(() => doc.getText('t').insert(0, text), origin);

describe('DeviceCopies', () => {
  it('marks a document unsent when it is changed here, and sent once the status line says saved', () => {
    const copies = new DeviceCopies(memoryStorage(), memoryDatabases([]));
    const doc = new Y.Doc();
    const status = statusLine('saved');
    copies.follow('draft-1', doc, status, []);
    expect(copies.unsentDocuments()).toEqual([]);

    status.set('offline');
    type(doc, 'typed offline');
    expect(copies.unsentDocuments()).toEqual(['draft-1']);
    status.set('connected');
    expect(copies.unsentDocuments()).toEqual(['draft-1']);
    status.set('saved');
    expect(copies.unsentDocuments()).toEqual([]);
  });

  it('keeps the mark after the document is closed, for the next page of this device', () => {
    const storage = memoryStorage();
    const doc = new Y.Doc();
    const stop = new DeviceCopies(storage, memoryDatabases([])).follow('draft-1', doc, statusLine('offline'), []);
    type(doc, 'left offline');
    stop();
    // A later page (a new registry over the same storage) still sees it.
    expect(new DeviceCopies(storage, memoryDatabases([])).unsentDocuments()).toEqual(['draft-1']);
  });

  it('is not changed by what the server sent or the local copy loaded', () => {
    const copies = new DeviceCopies(memoryStorage(), memoryDatabases([]));
    const doc = new Y.Doc();
    const provider = { name: 'provider' };
    const persistence = { name: 'persistence' };
    copies.follow('draft-1', doc, statusLine('connecting'), [provider, persistence]);
    type(doc, 'from the server', provider);
    type(doc, 'from IndexedDB', persistence);
    expect(copies.unsentDocuments()).toEqual([]);
  });

  it('stops following when asked: a later change of the closed doc marks nothing', () => {
    const copies = new DeviceCopies(memoryStorage(), memoryDatabases([]));
    const doc = new Y.Doc();
    const status = statusLine('saved');
    const stop = copies.follow('draft-1', doc, status, []);
    stop();
    type(doc, 'after close');
    expect(copies.unsentDocuments()).toEqual([]);
  });

  it('forgets every copy it knows of and every plenary copy the browser lists, and nothing else', async () => {
    const storage = memoryStorage();
    const databases = memoryDatabases([localCopyName('old-draft'), 'some-other-app']);
    const copies = new DeviceCopies(storage, databases);
    const doc = new Y.Doc();
    copies.follow('draft-1', doc, statusLine('offline'), []);
    copies.follow('draft-2', new Y.Doc(), statusLine('saved'), []);
    type(doc, 'unsent');

    await copies.forgetAll();
    expect(databases.deleted.sort()).toEqual(
      [localCopyName('draft-1'), localCopyName('draft-2'), localCopyName('old-draft')].sort(),
    );
    expect(copies.unsentDocuments()).toEqual([]);
  });

  it('reads a damaged registry as empty rather than failing sign-out', async () => {
    const storage = memoryStorage();
    storage.setItem('plenary:device-copies', '{not json');
    const copies = new DeviceCopies(storage, {
      databaseNames: () => Promise.reject(new Error('not supported')),
      deleteDatabase: async () => undefined,
    });
    expect(copies.unsentDocuments()).toEqual([]);
    await expect(copies.forgetAll()).resolves.toBeUndefined();
  });
});
