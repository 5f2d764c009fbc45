import { ENDORSEMENTS_FIELD, POSITIONS_FIELD } from '@plenary/shared/protocol';
import * as Y from 'yjs';

/**
 * Whether `update` changes nothing but `participantId`'s own endorsement and position entries.
 * Judged by applying it to a copy of the document and looking at what changed, because a Yjs
 * update does not name the map key it overwrites (it points at the previous entry instead). The
 * copy costs one encode and apply of the document, which is fine for the rare reactions of
 * read-only readers; editors never take this path.
 */
export function changesOnlyOwnReactions(doc: Y.Doc, update: Uint8Array, participantId: string): boolean {
  const copy = new Y.Doc({ gc: doc.gc });
  try {
    Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc));
    const allowed = new Set<unknown>([copy.getMap(ENDORSEMENTS_FIELD), copy.getMap(POSITIONS_FIELD)]);
    const suffix = `/${participantId}`;
    let onlyOwn = true;
    copy.on('afterTransaction', (transaction: Y.Transaction) => {
      for (const [type, keys] of transaction.changed) {
        if (!allowed.has(type)) {
          onlyOwn = false;
          continue;
        }
        for (const key of keys) if (key === null || !key.endsWith(suffix)) onlyOwn = false;
      }
    });
    Y.applyUpdate(copy, update);
    // Structs waiting for missing dependencies cannot be judged yet: refuse them.
    return onlyOwn && copy.store.pendingStructs === null && copy.store.pendingDs === null;
  } finally {
    copy.destroy();
  }
}
