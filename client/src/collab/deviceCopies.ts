import type * as Y from 'yjs';
import type { ConnectionSnapshot } from './connectionMonitor';

/** The IndexedDB database that keeps this device's copy of `documentId` (y-indexeddb's name). */
export const localCopyName = (documentId: string): string => `plenary:${documentId}`;

const REGISTRY_KEY = 'plenary:device-copies';

/** The part of `localStorage` the registry uses; injectable for tests. */
export type KeyValueStorage = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

/** The part of IndexedDB the registry uses; injectable for tests. */
export interface DatabaseDeleter {
  /** Every database name this origin holds, where the browser can tell (else none). */
  databaseNames(): Promise<string[]>;
  deleteDatabase(name: string): Promise<void>;
}

/** What the registry follows while a document is open: its status line. */
export interface StatusSource {
  getSnapshot(): ConnectionSnapshot;
  subscribe(listener: () => void): () => void;
}

/** Per document id: whether this device made changes the server had not confirmed yet. */
type Registry = Record<string, { unsent: boolean }>;

/**
 * Which documents this device keeps a local copy of, and which of those hold changes made here
 * that the status line never called saved. The flag outlives the tab (a draft edited offline and
 * then left keeps it), so sign-out can warn before it deletes words nobody else has, and delete
 * every copy otherwise: on a shared laptop the next person must not find this one's drafts.
 */
export class DeviceCopies {
  constructor(
    private readonly storage: KeyValueStorage,
    private readonly databases: DatabaseDeleter,
  ) {}

  /**
   * Follows the open document `documentId` until the returned function is called: a change made
   * here marks it unsent, the status line saying "saved" marks it sent. What `ignoredOrigins`
   * applied (the local copy loading its own stored updates) and what came from the server change
   * nothing: whether those were sent was decided when they were made.
   */
  follow(documentId: string, doc: Y.Doc, status: StatusSource, ignoredOrigins: readonly unknown[]): () => void {
    this.mark(documentId, false, { unlessKnown: true });
    const onUpdate = (_update: Uint8Array, origin: unknown) => {
      if (!ignoredOrigins.includes(origin)) this.mark(documentId, true);
    };
    const onStatus = () => {
      if (status.getSnapshot().state === 'saved') this.mark(documentId, false);
    };
    doc.on('update', onUpdate);
    const stopStatus = status.subscribe(onStatus);
    return () => {
      doc.off('update', onUpdate);
      stopStatus();
    };
  }

  /** The documents holding changes made on this device that the server may not have. */
  unsentDocuments(): string[] {
    return Object.entries(this.read())
      .filter(([, entry]) => entry.unsent)
      .map(([documentId]) => documentId);
  }

  /**
   * Deletes every local copy this device keeps, unsent changes included: call it only once the
   * person agreed to that. A copy still open is deleted as soon as its page closes it.
   */
  async forgetAll(): Promise<void> {
    const names = new Set(Object.keys(this.read()).map(localCopyName));
    // Copies made before this registry existed are found by name, where the browser lists them.
    for (const name of await this.databases.databaseNames().catch(() => [])) {
      if (name.startsWith(localCopyName(''))) names.add(name);
    }
    this.storage.removeItem(REGISTRY_KEY);
    await Promise.all([...names].map((name) => this.databases.deleteDatabase(name).catch(() => undefined)));
  }

  /** Records whether `documentId` holds unsent changes; one read, and a write only on a change. */
  private mark(documentId: string, unsent: boolean, { unlessKnown = false } = {}): void {
    const registry = this.read();
    const known = registry[documentId];
    if (known !== undefined && (unlessKnown || known.unsent === unsent)) return;
    registry[documentId] = { unsent };
    try {
      this.storage.setItem(REGISTRY_KEY, JSON.stringify(registry));
    } catch {
      // Storage full or blocked: sign-out then finds nothing to warn about, as before.
    }
  }

  private read(): Registry {
    try {
      const parsed: unknown = JSON.parse(this.storage.getItem(REGISTRY_KEY) ?? '{}');
      if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return {};
      const registry: Registry = {};
      for (const [documentId, entry] of Object.entries(parsed)) {
        registry[documentId] = { unsent: (entry as { unsent?: unknown } | null)?.unsent === true };
      }
      return registry;
    } catch {
      return {};
    }
  }
}

const browserDatabases: DatabaseDeleter = {
  databaseNames: async () => (await indexedDB.databases()).flatMap((info) => (info.name ? [info.name] : [])),
  deleteDatabase: (name) =>
    new Promise((resolve, reject) => {
      // While a page still has the copy open the request waits ("blocked") and completes once it
      // is closed, which unmounting the document does.
      const request = indexedDB.deleteDatabase(name);
      request.onsuccess = () => resolve();
      request.onerror = () => reject(request.error);
    }),
};

let browserCopies: DeviceCopies | null = null;

/** This browser's registry (localStorage and IndexedDB of the app's origin). */
export function deviceCopies(): DeviceCopies {
  browserCopies ??= new DeviceCopies(window.localStorage, browserDatabases);
  return browserCopies;
}
