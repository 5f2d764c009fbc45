import type { AwarenessUser } from '@plenary/shared/protocol';
import * as Y from 'yjs';
import type { LiveDocuments } from '../services/LiveDocuments';
import type { DocumentStore } from '../storage/ports';
import type { RoomRegistry } from './RoomRegistry';

/** LiveDocuments backed by the room registry: loaded rooms answer from memory, others from storage. */
export function liveDocuments(registry: RoomRegistry, store: DocumentStore): LiveDocuments {
  return {
    presence(documentId: string): AwarenessUser[] {
      const room = registry.peek(documentId);
      if (!room) return [];
      const people: AwarenessUser[] = [];
      for (const state of room.awareness.getStates().values()) {
        const user = (state as { user?: Partial<AwarenessUser> }).user;
        if (user && typeof user.name === 'string') {
          people.push({ name: user.name, color: typeof user.color === 'string' ? user.color : '#555' });
        }
      }
      return people;
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
        let result!: T;
        room.integrateQueued();
        room.doc.transact(() => {
          result = change(room.doc);
        }, SERVER_ORIGIN);
        await registry.whenDurable();
        return result;
      } finally {
        registry.releaseIfUnused(room);
      }
    },
  };
}

/** Transaction origin of changes the server makes itself (imports, merges): broadcast to everyone. */
export const SERVER_ORIGIN = 'plenary-server';
