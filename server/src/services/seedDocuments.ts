import { type JSONContent, proseMirrorJsonToUpdate } from '@plenary/shared/schema';
import type { DocumentStore } from '../storage/ports';

/** Stores `content` as document `documentId` unless something is stored there already. Returns whether it wrote. */
export async function seedDocumentIfAbsent(
  store: DocumentStore,
  documentId: string,
  content: JSONContent,
): Promise<boolean> {
  if (await store.load(documentId)) return false;
  await store.appendUpdates([{ documentId, update: proseMirrorJsonToUpdate(content) }]);
  return true;
}
