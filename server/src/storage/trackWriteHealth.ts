import type { DocumentStorageStats, DocumentStore, StoredDocument, UpdateToAppend } from './ports';

/** Why the store is unhealthy, in words safe to show on a public health endpoint. */
export class StorageUnhealthyError extends Error {
  constructor(
    message: string,
    readonly since: Date,
  ) {
    super(message);
    this.name = 'StorageUnhealthyError';
  }
}

/**
 * Wraps any DocumentStore so `checkHealth` also fails while writes fail. A store that answers
 * reads on a full disk is not healthy: every edit sent to it is refused. The failure clears with
 * the next write that succeeds (clients resend what was refused when they reconnect).
 */
export function trackWriteHealth(store: DocumentStore): DocumentStore {
  let failure: StorageUnhealthyError | null = null;

  async function write<T>(run: () => Promise<T>): Promise<T> {
    try {
      const result = await run();
      failure = null;
      return result;
    } catch (error) {
      // SQLite's codes (SQLITE_FULL, SQLITE_IOERR…) say what went wrong without any content.
      const code = typeof (error as { code?: unknown }).code === 'string' ? (error as { code: string }).code : null;
      failure ??= new StorageUnhealthyError(`the last write failed${code ? ` (${code})` : ''}`, new Date());
      throw error;
    }
  }

  return {
    load: (documentId: string): Promise<StoredDocument | null> => store.load(documentId),
    appendUpdates: (updates: readonly UpdateToAppend[]) => write(() => store.appendUpdates(updates)),
    compact: (documentId: string, state: Uint8Array, throughSeq: number) =>
      write(() => store.compact(documentId, state, throughSeq)),
    stats: (documentId: string): Promise<DocumentStorageStats> => store.stats(documentId),
    listDocumentIds: () => store.listDocumentIds(),
    saveVersion: (record, state) => write(() => store.saveVersion(record, state)),
    listVersions: (documentId) => store.listVersions(documentId),
    getVersion: (id) => store.getVersion(id),
    deleteVersion: (id, at) => write(() => store.deleteVersion(id, at)),
    claimClients: (documentId, claims) => write(() => store.claimClients(documentId, claims)),
    clientClaims: (documentId) => store.clientClaims(documentId),
    async checkHealth() {
      await store.checkHealth();
      if (failure) throw failure;
    },
    close: () => store.close(),
  };
}
