import type { DocumentStorageStats, DocumentStore, StoredDocument, UpdateToAppend, VersionRecord } from '../ports';

interface MemoryDocument {
  snapshot: Uint8Array | null;
  snapshotSeq: number;
  updates: Array<{ seq: number; data: Uint8Array }>;
  updatedAt: number;
}

/** DocumentStore in memory, for unit tests of code above the port. Loses everything on exit. */
export class MemoryDocumentStore implements DocumentStore {
  private readonly documents = new Map<string, MemoryDocument>();
  private readonly versions = new Map<string, { record: VersionRecord; state: Uint8Array | null }>();
  private readonly claims = new Map<string, Map<number, string>>();
  private nextSeq = 1;
  private closed = false;

  async load(documentId: string): Promise<StoredDocument | null> {
    this.assertOpen();
    const doc = this.documents.get(documentId);
    if (!doc) return null;
    const last = doc.updates.at(-1);
    return {
      snapshot: doc.snapshot ? doc.snapshot.slice() : null,
      updates: doc.updates.map((u) => u.data.slice()),
      lastSeq: last ? last.seq : doc.snapshotSeq,
    };
  }

  async appendUpdates(updates: readonly UpdateToAppend[]): Promise<number[]> {
    this.assertOpen();
    return updates.map(({ documentId, update }) => {
      const seq = this.nextSeq++;
      const doc = this.documentFor(documentId);
      doc.updates.push({ seq, data: update.slice() });
      doc.updatedAt = Date.now();
      return seq;
    });
  }

  async compact(documentId: string, state: Uint8Array, throughSeq: number): Promise<void> {
    this.assertOpen();
    const doc = this.documentFor(documentId);
    doc.snapshot = state.slice();
    doc.snapshotSeq = throughSeq;
    doc.updates = doc.updates.filter((u) => u.seq > throughSeq);
    doc.updatedAt = Date.now();
  }

  async stats(documentId: string): Promise<DocumentStorageStats> {
    this.assertOpen();
    const doc = this.documents.get(documentId);
    return {
      updateRows: doc?.updates.length ?? 0,
      hasSnapshot: Boolean(doc?.snapshot),
      bytes: (doc?.snapshot?.length ?? 0) + (doc?.updates.reduce((sum, u) => sum + u.data.length, 0) ?? 0),
      updatedAt: doc ? new Date(doc.updatedAt).toISOString() : null,
    };
  }

  async listDocumentIds(): Promise<string[]> {
    this.assertOpen();
    return [...this.documents.keys()].sort();
  }

  async saveVersion(record: Omit<VersionRecord, 'bytes' | 'deletedAt'>, state: Uint8Array): Promise<VersionRecord> {
    this.assertOpen();
    if (this.versions.has(record.id)) throw new Error(`version ${record.id} exists`);
    const stored: VersionRecord = { ...record, bytes: state.length, deletedAt: null };
    this.versions.set(record.id, { record: stored, state: state.slice() });
    return { ...stored };
  }

  async listVersions(documentId: string): Promise<VersionRecord[]> {
    this.assertOpen();
    return [...this.versions.values()]
      .map((v) => v.record)
      .filter((record) => record.documentId === documentId && record.deletedAt === null)
      .sort((a, b) => (a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : 0))
      .map((record) => ({ ...record }));
  }

  async getVersion(id: string): Promise<{ record: VersionRecord; state: Uint8Array | null } | null> {
    this.assertOpen();
    const version = this.versions.get(id);
    return version ? { record: { ...version.record }, state: version.state?.slice() ?? null } : null;
  }

  async deleteVersion(id: string, at: string): Promise<void> {
    this.assertOpen();
    const version = this.versions.get(id);
    if (version && version.record.deletedAt === null) {
      this.versions.set(id, { record: { ...version.record, deletedAt: at }, state: null });
    }
  }

  async claimClients(
    documentId: string,
    claims: ReadonlyArray<{ clientId: number; participantId: string }>,
  ): Promise<void> {
    this.assertOpen();
    const ofDocument = this.claims.get(documentId) ?? new Map<number, string>();
    for (const { clientId, participantId } of claims) {
      if (!ofDocument.has(clientId)) ofDocument.set(clientId, participantId);
    }
    this.claims.set(documentId, ofDocument);
  }

  async clientClaims(documentId: string): Promise<Map<number, string>> {
    this.assertOpen();
    return new Map(this.claims.get(documentId));
  }

  async checkHealth(): Promise<void> {
    this.assertOpen();
  }

  async close(): Promise<void> {
    this.closed = true;
  }

  private documentFor(documentId: string): MemoryDocument {
    let doc = this.documents.get(documentId);
    if (!doc) {
      doc = { snapshot: null, snapshotSeq: 0, updates: [], updatedAt: Date.now() };
      this.documents.set(documentId, doc);
    }
    return doc;
  }

  private assertOpen(): void {
    if (this.closed) throw new Error('MemoryDocumentStore is closed');
  }
}
