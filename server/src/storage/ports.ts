/**
 * Storage ports. Collaboration and services depend only on these interfaces; main.ts picks the
 * adapter (SQLite today, PostgreSQL later). Every adapter passes documentStoreContract.ts.
 */

/** What is stored for one document: a compacted snapshot plus the updates appended after it. */
export interface StoredDocument {
  /** `Y.encodeStateAsUpdate` of everything up to `snapshotSeq`, or null before the first compaction. */
  snapshot: Uint8Array | null;
  /** Updates appended after the snapshot, oldest first. */
  updates: Uint8Array[];
  /** Sequence number of the newest stored update (or of the snapshot when none follow); 0 when empty. */
  lastSeq: number;
}

/** One Yjs update to append to one document's log. */
export interface UpdateToAppend {
  documentId: string;
  update: Uint8Array;
}

/** Counts for tests, metrics and compaction decisions. */
export interface DocumentStorageStats {
  updateRows: number;
  hasSnapshot: boolean;
  bytes: number;
}

/** Durable, append-only storage of Yjs documents. */
export interface DocumentStore {
  /** Loads a document, or null if nothing was ever stored under this id. */
  load(documentId: string): Promise<StoredDocument | null>;
  /**
   * Appends updates in order, all or nothing, durably before resolving: a caller may broadcast
   * them once this resolves. Returns the sequence number given to each update, in input order.
   */
  appendUpdates(updates: readonly UpdateToAppend[]): Promise<number[]>;
  /**
   * Replaces the snapshot and every update with seq ≤ `throughSeq` by `state`, in one transaction.
   * Updates appended after `throughSeq` are kept.
   */
  compact(documentId: string, state: Uint8Array, throughSeq: number): Promise<void>;
  /** Storage counters for one document. */
  stats(documentId: string): Promise<DocumentStorageStats>;
  /** Ids of every stored document. */
  listDocumentIds(): Promise<string[]>;
  /** Throws if the store cannot serve requests. */
  checkHealth(): Promise<void>;
  /** Releases the underlying resources; pending calls settle first. */
  close(): Promise<void>;
}
