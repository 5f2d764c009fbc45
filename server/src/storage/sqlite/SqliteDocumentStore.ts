import type Database from 'better-sqlite3';
import type { DocumentStorageStats, DocumentStore, StoredDocument, UpdateToAppend, VersionRecord } from '../ports';

interface VersionRow {
  id: string;
  document_id: string;
  kind: 'auto' | 'named';
  name: string | null;
  created_by: string | null;
  created_at: string;
  bytes: number;
  deleted_at: string | null;
}
const VERSION_COLUMNS = 'id, document_id, kind, name, created_by, created_at, bytes, deleted_at';

interface DocumentRow {
  snapshot: Buffer | null;
  snapshot_seq: number;
  updated_at: number;
}

/**
 * DocumentStore on SQLite (better-sqlite3, WAL). Calls are synchronous underneath, so a resolved
 * append is already committed; the async signature is the port's, for adapters that need it.
 * Sequence numbers come from a counter read at open: one store (the server process) appends to a
 * database, as only one server runs on a data folder.
 */
export class SqliteDocumentStore implements DocumentStore {
  private readonly statements;
  private readonly appendAll: (updates: readonly UpdateToAppend[]) => number[];
  private readonly compactOne: (documentId: string, state: Uint8Array, throughSeq: number) => void;
  /** The last sequence number given to an update (or covered by a snapshot). */
  private lastSeq: number;

  constructor(private readonly db: Database.Database) {
    this.statements = {
      selectDocument: db.prepare<[string], DocumentRow>(
        'SELECT snapshot, snapshot_seq, updated_at FROM documents WHERE id = ?',
      ),
      selectUpdates: db.prepare<[string, number], { seq: number; data: Buffer }>(
        'SELECT seq, data FROM document_updates WHERE document_id = ? AND seq > ? ORDER BY seq',
      ),
      ensureDocument: db.prepare<[string, number, number]>(
        'INSERT INTO documents (id, created_at, updated_at) VALUES (?, ?, ?) ON CONFLICT(id) DO NOTHING',
      ),
      insertUpdate: db.prepare<[string, number, number, Buffer]>(
        'INSERT INTO document_updates (document_id, seq, at, data) VALUES (?, ?, ?, ?)',
      ),
      writeSnapshot: db.prepare<[Buffer, number, number, string]>(
        'UPDATE documents SET snapshot = ?, snapshot_seq = ?, updated_at = ? WHERE id = ?',
      ),
      deleteUpdatesThrough: db.prepare<[string, number]>(
        'DELETE FROM document_updates WHERE document_id = ? AND seq <= ?',
      ),
      countUpdates: db.prepare<[string], { rows: number; bytes: number | null; last_at: number | null }>(
        'SELECT COUNT(*) AS rows, SUM(LENGTH(data)) AS bytes, MAX(at) AS last_at FROM document_updates WHERE document_id = ?',
      ),
      listIds: db.prepare<[], { id: string }>('SELECT id FROM documents ORDER BY id'),
      insertClaim: db.prepare<[string, number, string]>(
        'INSERT INTO client_claims (document_id, client_id, participant_id) VALUES (?, ?, ?) ON CONFLICT DO NOTHING',
      ),
      selectClaims: db.prepare<[string], { client_id: number; participant_id: string }>(
        'SELECT client_id, participant_id FROM client_claims WHERE document_id = ?',
      ),
      insertVersion: db.prepare<[string, string, string, string | null, string | null, string, number, Buffer]>(
        'INSERT INTO document_versions (id, document_id, kind, name, created_by, created_at, bytes, state) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
      ),
      listVersions: db.prepare<[string], VersionRow>(
        `SELECT ${VERSION_COLUMNS} FROM document_versions WHERE document_id = ? AND deleted_at IS NULL ORDER BY created_at, rowid`,
      ),
      selectVersion: db.prepare<[string], VersionRow & { state: Buffer | null }>(
        `SELECT ${VERSION_COLUMNS}, state FROM document_versions WHERE id = ?`,
      ),
      deleteVersion: db.prepare<[string, string]>(
        'UPDATE document_versions SET state = NULL, deleted_at = ? WHERE id = ? AND deleted_at IS NULL',
      ),
    };

    const highest = db
      .prepare<[], { seq: number | null }>(
        'SELECT MAX(seq) AS seq FROM (SELECT MAX(seq) AS seq FROM document_updates UNION ALL SELECT MAX(snapshot_seq) FROM documents)',
      )
      .get();
    this.lastSeq = highest?.seq ?? 0;

    const append = db.transaction((updates: readonly UpdateToAppend[], firstSeq: number) => {
      const now = Date.now();
      const seqs: number[] = [];
      let previous = '';
      for (const { documentId, update } of updates) {
        // A batch is mostly one document's updates in a row; a repeat ensure is harmless anyway.
        if (documentId !== previous) this.statements.ensureDocument.run(documentId, now, now);
        previous = documentId;
        const seq = firstSeq + seqs.length;
        this.statements.insertUpdate.run(documentId, seq, now, toBuffer(update));
        seqs.push(seq);
      }
      return seqs;
    });
    this.appendAll = (updates) => {
      const seqs = append(updates, this.lastSeq + 1);
      // Only once committed: a failed transaction gives its numbers out again.
      this.lastSeq += seqs.length;
      return seqs;
    };

    this.compactOne = db.transaction((documentId: string, state: Uint8Array, throughSeq: number) => {
      const now = Date.now();
      this.statements.ensureDocument.run(documentId, now, now);
      this.statements.writeSnapshot.run(toBuffer(state), throughSeq, now, documentId);
      this.statements.deleteUpdatesThrough.run(documentId, throughSeq);
    });
  }

  async load(documentId: string): Promise<StoredDocument | null> {
    const row = this.statements.selectDocument.get(documentId);
    if (!row) return null;
    const rows = this.statements.selectUpdates.all(documentId, row.snapshot_seq);
    const last = rows.at(-1);
    return {
      snapshot: row.snapshot ? new Uint8Array(row.snapshot) : null,
      updates: rows.map((r) => new Uint8Array(r.data)),
      lastSeq: last ? last.seq : row.snapshot_seq,
    };
  }

  async appendUpdates(updates: readonly UpdateToAppend[]): Promise<number[]> {
    if (updates.length === 0) return [];
    return this.appendAll(updates);
  }

  async compact(documentId: string, state: Uint8Array, throughSeq: number): Promise<void> {
    this.compactOne(documentId, state, throughSeq);
  }

  async stats(documentId: string): Promise<DocumentStorageStats> {
    const row = this.statements.selectDocument.get(documentId);
    const counts = this.statements.countUpdates.get(documentId);
    const updatedAt = row ? Math.max(row.updated_at, counts?.last_at ?? 0) : null;
    return {
      updateRows: counts?.rows ?? 0,
      hasSnapshot: Boolean(row?.snapshot),
      bytes: (counts?.bytes ?? 0) + (row?.snapshot?.length ?? 0),
      updatedAt: updatedAt === null ? null : new Date(updatedAt).toISOString(),
    };
  }

  async listDocumentIds(): Promise<string[]> {
    return this.statements.listIds.all().map((row) => row.id);
  }

  async saveVersion(record: Omit<VersionRecord, 'bytes' | 'deletedAt'>, state: Uint8Array): Promise<VersionRecord> {
    const { id, documentId, kind, name, createdBy, createdAt } = record;
    this.statements.insertVersion.run(id, documentId, kind, name, createdBy, createdAt, state.length, toBuffer(state));
    return { ...record, bytes: state.length, deletedAt: null };
  }

  async listVersions(documentId: string): Promise<VersionRecord[]> {
    return this.statements.listVersions.all(documentId).map(toVersionRecord);
  }

  async getVersion(id: string): Promise<{ record: VersionRecord; state: Uint8Array | null } | null> {
    const row = this.statements.selectVersion.get(id);
    if (!row) return null;
    return { record: toVersionRecord(row), state: row.state ? new Uint8Array(row.state) : null };
  }

  async deleteVersion(id: string, at: string): Promise<void> {
    this.statements.deleteVersion.run(at, id);
  }

  async claimClients(
    documentId: string,
    claims: ReadonlyArray<{ clientId: number; participantId: string }>,
  ): Promise<void> {
    for (const { clientId, participantId } of claims)
      this.statements.insertClaim.run(documentId, clientId, participantId);
  }

  async clientClaims(documentId: string): Promise<Map<number, string>> {
    return new Map(this.statements.selectClaims.all(documentId).map((row) => [row.client_id, row.participant_id]));
  }

  async checkHealth(): Promise<void> {
    this.db.prepare('SELECT 1').get();
  }

  async close(): Promise<void> {
    if (this.db.open) this.db.close();
  }
}

/** better-sqlite3 binds Buffers as BLOBs; a Uint8Array view is wrapped without copying. */
function toBuffer(bytes: Uint8Array): Buffer {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

function toVersionRecord(row: VersionRow): VersionRecord {
  return {
    id: row.id,
    documentId: row.document_id,
    kind: row.kind,
    name: row.name,
    createdBy: row.created_by,
    createdAt: row.created_at,
    bytes: row.bytes,
    deletedAt: row.deleted_at,
  };
}
