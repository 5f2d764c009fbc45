import { readProseMirrorJson } from '@plenary/shared/schema';
import type { JSONContent } from '@tiptap/core';
import { IndexeddbPersistence } from 'y-indexeddb';
import * as Y from 'yjs';
import { localCopyName } from './deviceCopies';

/** The draft `documentId` as this device's local copy holds it, read without a server. */
export async function readLocalCopy(documentId: string): Promise<JSONContent> {
  const doc = new Y.Doc();
  const persistence = new IndexeddbPersistence(localCopyName(documentId), doc);
  try {
    await persistence.whenSynced;
    return readProseMirrorJson(doc);
  } finally {
    // Closes the database; the copy itself stays (sign-out decides when it goes).
    await persistence.destroy();
    doc.destroy();
  }
}
