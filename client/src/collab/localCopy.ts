import type { IndexeddbPersistence } from 'y-indexeddb';
import type * as Y from 'yjs';

/** Whether this device holds every change of the document so far. */
export interface LocalCopyStatus {
  isStored(): boolean;
  /** Calls `listener` whenever `isStored()` may have changed; returns the unsubscribe function. */
  subscribe(listener: () => void): () => void;
}

/** y-indexeddb's object store of updates; not exported by the library. */
const UPDATES_STORE = 'updates';

/**
 * Follows y-indexeddb's writes so the status line can say "kept on this device" only when it is
 * true. y-indexeddb writes each update in its own read-write transaction and reports nothing
 * back; a page that is reloaded or closed aborts the transactions still in flight. IndexedDB
 * runs a read-only transaction only after every earlier read-write transaction on the same store
 * has finished, so when a read-only transaction opened after an update completes, that update
 * is on disk. One such probe is in flight at a time; updates that arrive meanwhile are covered by
 * the next one. (A write that failed, say over quota, finishes too: y-indexeddb keeps such
 * failures to itself, so this cannot see them.)
 */
export class IndexedDbCopyTracker implements LocalCopyStatus {
  private updateSeq = 0;
  private storedSeq = -1;
  private probing = false;
  private destroyed = false;
  private readonly listeners = new Set<() => void>();

  /** Register after `persistence` was created, so its update listener has run before ours. */
  constructor(
    private readonly persistence: IndexeddbPersistence,
    private readonly doc: Y.Doc,
  ) {
    doc.on('update', this.onUpdate);
    // Until the first load finishes, y-indexeddb has not yet written the state it started with.
    void persistence.whenSynced.then(() => this.probe());
  }

  isStored = (): boolean => this.storedSeq === this.updateSeq;

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  destroy(): void {
    this.destroyed = true;
    this.doc.off('update', this.onUpdate);
    this.listeners.clear();
  }

  private onUpdate = (_update: Uint8Array, origin: unknown): void => {
    // What y-indexeddb itself loaded is already on disk.
    if (origin === this.persistence) return;
    const wasStored = this.isStored();
    this.updateSeq += 1;
    if (wasStored) this.notify();
    this.probe();
  };

  private probe(): void {
    const db = this.persistence.db;
    if (this.probing || this.destroyed || db === null || !this.persistence.synced) return;
    const target = this.updateSeq;
    let transaction: IDBTransaction;
    try {
      transaction = db.transaction([UPDATES_STORE], 'readonly');
    } catch {
      // The database is closing (the document was closed): nothing more will be stored.
      return;
    }
    this.probing = true;
    transaction.objectStore(UPDATES_STORE).count();
    transaction.oncomplete = () => {
      this.probing = false;
      this.storedSeq = target;
      this.notify();
      if (target !== this.updateSeq) this.probe();
    };
    transaction.onabort = () => {
      this.probing = false;
    };
  }

  private notify(): void {
    if (this.destroyed) return;
    for (const listener of this.listeners) listener();
  }
}
