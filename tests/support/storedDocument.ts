import { join } from 'node:path';
import Database from 'better-sqlite3';

/**
 * Every stored byte of one document: its snapshot followed by its update log in order, read
 * read-only from `<dataDir>/plenary.sqlite` next to the running server (WAL lets a reader see each
 * committed transaction without blocking the writer). Equal results mean nothing was written.
 */
export function storedDocumentBytes(dataDir: string, documentId: string): Buffer {
  const db = new Database(join(dataDir, 'plenary.sqlite'), { readonly: true, fileMustExist: true });
  try {
    const document = db
      .prepare<[string], { snapshot: Buffer | null }>('SELECT snapshot FROM documents WHERE id = ?')
      .get(documentId);
    const updates = db
      .prepare<[string], { data: Buffer }>('SELECT data FROM document_updates WHERE document_id = ? ORDER BY seq')
      .all(documentId);
    return Buffer.concat([document?.snapshot ?? Buffer.alloc(0), ...updates.map((row) => row.data)]);
  } finally {
    db.close();
  }
}
