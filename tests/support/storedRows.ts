import { join } from 'node:path';
import Database from 'better-sqlite3';

/** What the server's data folder holds for one document. */
export interface StoredRows {
  /** Rows in the update log not yet merged into the snapshot. */
  updateRows: number;
  /** Size of the compacted snapshot; 0 when there is none. */
  snapshotBytes: number;
}

/**
 * Reads the SQLite file (`<dataDir>/plenary.sqlite`) read-only, next to a running server: WAL
 * lets a reader see every committed transaction without blocking the writer.
 */
export function readStoredRows(dataDir: string, documentId: string): StoredRows {
  const db = new Database(join(dataDir, 'plenary.sqlite'), { readonly: true, fileMustExist: true });
  try {
    const updates = db
      .prepare<[string], { rows: number }>('SELECT COUNT(*) AS rows FROM document_updates WHERE document_id = ?')
      .get(documentId);
    const document = db
      .prepare<[string], { bytes: number | null }>('SELECT LENGTH(snapshot) AS bytes FROM documents WHERE id = ?')
      .get(documentId);
    return { updateRows: updates?.rows ?? 0, snapshotBytes: document?.bytes ?? 0 };
  } finally {
    db.close();
  }
}
