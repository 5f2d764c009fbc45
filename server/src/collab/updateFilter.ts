import { judgeCommentChange } from '@plenary/shared/domain';
import {
  AUTHORS_FIELD,
  COMMENTS_FIELD,
  ENDORSEMENTS_FIELD,
  POSITIONS_FIELD,
  parseEndorsementKey,
} from '@plenary/shared/protocol';
import * as Y from 'yjs';

/** What one update's sender may change, as the permission function answered for this connection. */
export interface UpdateRights {
  /** The sender's participant id; null for connections without one (tools, tests). */
  participantId: string | null;
  /** The text and everything else in the document, except comments and authors. */
  text: boolean;
  /** Their own endorsement and position entries (implied by `text`). */
  reactions: boolean;
  /** Threads, replies and statuses under their own id, judged entry by entry. */
  comments: boolean;
}

/**
 * Whether `update` changes only what `rights` allow. Judged by applying it to a copy of the
 * document and looking at what changed, because a Yjs update does not name the map key it
 * overwrites (it points at the previous entry instead). The copy costs one encode and apply of
 * the document: fine for comments and for the reactions of read-only readers; typing never
 * takes this path.
 */
export function admitsUpdate(doc: Y.Doc, update: Uint8Array, rights: UpdateRights): boolean {
  const copy = new Y.Doc({ gc: doc.gc });
  try {
    Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc));
    const reactionMaps = new Set<unknown>([copy.getMap(ENDORSEMENTS_FIELD), copy.getMap(POSITIONS_FIELD)]);
    const comments = copy.getMap(COMMENTS_FIELD);
    const authors: unknown = copy.getMap(AUTHORS_FIELD);
    const commentsType: unknown = comments;
    const before = doc.getMap(COMMENTS_FIELD);
    let admitted = true;
    copy.on('afterTransaction', (transaction: Y.Transaction) => {
      for (const [type, keys] of transaction.changed) {
        if (type === authors) {
          admitted = false;
        } else if (type === commentsType) {
          const who = rights.participantId;
          if (!rights.comments || who === null) admitted = false;
          else
            for (const key of keys)
              if (key === null || judgeCommentChange(key, who, before, comments)) admitted = false;
        } else if (reactionMaps.has(type)) {
          const who = rights.participantId;
          // Connections without a participant (tools) that may write take the maps as they are.
          if (who === null) admitted &&= rights.text;
          else if (!rights.text && !rights.reactions) admitted = false;
          else
            for (const key of keys)
              if (key === null || parseEndorsementKey(key)?.participantId !== who) admitted = false;
        } else if (rights.text) {
          // A writer may change the text and anything else that is not guarded.
        } else {
          admitted = false;
        }
      }
    });
    Y.applyUpdate(copy, update);
    // Structs waiting for missing dependencies cannot be judged yet: refuse them.
    return admitted && copy.store.pendingStructs === null && copy.store.pendingDs === null;
  } finally {
    copy.destroy();
  }
}
