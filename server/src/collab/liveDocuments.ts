import type { AwarenessUser } from '@plenary/shared/protocol';
import * as Y from 'yjs';
import type { LiveDocuments, PresentCursor } from '../services/LiveDocuments';
import type { DocumentStore } from '../storage/ports';
import type { RoomRegistry } from './RoomRegistry';
import { changeClientIdOf } from './serverClientIds';

/** LiveDocuments backed by the room registry: loaded rooms answer from memory, others from storage. */
export function liveDocuments(registry: RoomRegistry, store: DocumentStore): LiveDocuments {
  return {
    presence(documentId: string): PresentCursor[] {
      const room = registry.peek(documentId);
      if (!room) return [];
      const cursors: PresentCursor[] = [];
      for (const state of room.awareness.getStates().values()) {
        // `id` is set by the server's stamp (awarenessStamp), never taken from what a client claims.
        const user = (state as { user?: Partial<AwarenessUser> & { id?: unknown } }).user;
        if (user && typeof user.name === 'string') {
          cursors.push({
            name: user.name,
            color: typeof user.color === 'string' ? user.color : '#555',
            participantId: typeof user.id === 'string' ? user.id : null,
          });
        }
      }
      return cursors;
    },
    async read(documentId: string): Promise<Y.Doc> {
      const room = registry.peek(documentId);
      if (room) {
        room.integrateQueued();
        return room.doc;
      }
      // Read without loading a room: a dashboard refresh must not keep every draft in memory.
      const doc = new Y.Doc();
      const stored = await store.load(documentId);
      if (stored) {
        const parts = stored.snapshot ? [stored.snapshot, ...stored.updates] : stored.updates;
        if (parts.length > 0) Y.applyUpdate(doc, Y.mergeUpdates(parts));
      }
      return doc;
    },
    async change<T>(documentId: string, change: (doc: Y.Doc) => T): Promise<T> {
      const room = await registry.acquire(documentId);
      try {
        room.integrateQueued();
        const { result, update } = changeOnCopy(room.doc, change);
        if (update) Y.applyUpdate(room.doc, update, SERVER_ORIGIN);
        await registry.whenDurable();
        return result;
      } finally {
        registry.releaseIfUnused(room);
      }
    },
  };
}

/** Origin of the copy's initial load, so its 'update' is told apart from the change's. */
const COPY_LOAD = Symbol('copy load');

/**
 * Yjs cannot roll a transaction back: a change that threw halfway through the live document would
 * stay there, half made, and be stored and sent to everyone. So the change runs on a copy, and only
 * a change that returned is applied, as the one update it made. A throw leaves the live document
 * as it was. The copy writes under the room's change client id (see serverClientIds), so one
 * change follows on from the last. Formatting Yjs tidies on the copy's load comes along, so the
 * update never waits for items the live document lacks.
 */
function changeOnCopy<T>(live: Y.Doc, change: (doc: Y.Doc) => T): { result: T; update: Uint8Array | null } {
  const copy = new Y.Doc({ gc: live.gc });
  const updates: Uint8Array[] = [];
  copy.on('update', (update: Uint8Array, origin: unknown) => {
    if (origin !== COPY_LOAD) updates.push(update);
  });
  try {
    Y.applyUpdate(copy, Y.encodeStateAsUpdate(live), COPY_LOAD);
    // Only after the load, which holds earlier changes under this id: Yjs would take those, arriving
    // under its own id in a remote transaction, for another client's and pick a new id.
    copy.clientID = changeClientIdOf(live);
    let result!: T;
    copy.transact(() => {
      result = change(copy);
    }, SERVER_ORIGIN);
    return { result, update: updates.length === 0 ? null : Y.mergeUpdates(updates) };
  } finally {
    copy.destroy();
  }
}

/** Transaction origin of changes the server makes itself (imports, merges): broadcast to everyone. */
export const SERVER_ORIGIN = 'plenary-server';
