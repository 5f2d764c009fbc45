import { readThreads, recordedNames } from '@plenary/shared/domain';
import { AUTHORS_FIELD, COMMENTS_FIELD, DOCUMENT_FIELD } from '@plenary/shared/protocol';
import { anchorToRange, getDocumentSchema } from '@plenary/shared/schema';
import { initProseMirrorDoc } from '@tiptap/y-tiptap';
import type * as Y from 'yjs';
import type { ExportCommentSource } from '../export/exportModel';

/**
 * A document's comment threads for an export that asked for them: every thread not deleted,
 * oldest first, with its replies, and whether the text it was about still exists.
 */
export function commentsForExport(doc: Y.Doc): ExportCommentSource[] {
  const names = recordedNames(doc.getMap(AUTHORS_FIELD).entries());
  const threads = readThreads(doc.getMap(COMMENTS_FIELD).entries(), names).filter((thread) => !thread.deleted);
  if (threads.length === 0) return [];
  const fragment = doc.getXmlFragment(DOCUMENT_FIELD);
  let stillThere: (thread: (typeof threads)[number]) => boolean = () => true;
  try {
    const { mapping } = initProseMirrorDoc(fragment, getDocumentSchema());
    stillThere = (thread) => anchorToRange(doc, fragment, mapping, thread.anchor) !== null;
  } catch {
    // A body the schema cannot render: print the comments without judging their anchors.
  }
  return threads.map((thread) => ({
    quote: thread.quote,
    onDeletedText: !stillThere(thread),
    resolved: thread.resolved,
    entries: [thread, ...thread.replies].map((entry) => ({
      author: entry.authorName,
      at: new Date(entry.createdAt),
      text: entry.text,
    })),
  }));
}
