import { join } from 'node:path';
import Database from 'better-sqlite3';
import * as Y from 'yjs';

/**
 * The document as the data folder holds it: its snapshot and update log applied to a fresh Y.Doc,
 * read-only next to a running server (WAL lets a reader see each committed transaction). This is
 * what a restart would load, so it must hold everything anyone was shown.
 */
export function storedDoc(dataDir: string, documentId: string): Y.Doc {
  const db = new Database(join(dataDir, 'plenary.sqlite'), { readonly: true, fileMustExist: true });
  try {
    const document = db
      .prepare<[string], { snapshot: Buffer | null }>('SELECT snapshot FROM documents WHERE id = ?')
      .get(documentId);
    const updates = db
      .prepare<[string], { data: Buffer }>('SELECT data FROM document_updates WHERE document_id = ? ORDER BY seq')
      .all(documentId);
    const doc = new Y.Doc();
    if (document?.snapshot) Y.applyUpdate(doc, document.snapshot);
    for (const { data } of updates) Y.applyUpdate(doc, data);
    return doc;
  } finally {
    db.close();
  }
}

/** Whether `doc` still waits for structs or deletions it cannot apply yet (it has gaps). */
export function hasPending(doc: Y.Doc): boolean {
  return doc.store.pendingStructs !== null || doc.store.pendingDs !== null;
}
