import type { AwarenessUser } from '@plenary/shared/protocol';
import type * as Y from 'yjs';

/** A cursor as the server stamped it: whose it is, when a participant announced it. */
export interface PresentCursor extends AwarenessUser {
  /** null for a connection with no participant behind it (tools, tests). */
  participantId: string | null;
}

/**
 * What services may ask of the collaboration layer, without importing it: who is in a document
 * now, and its current content. main wires the room registry behind this.
 */
export interface LiveDocuments {
  /** Cursors in the document now (from awareness), one entry per tab: a person may have several. */
  presence(documentId: string): PresentCursor[];
  /** The document's current state: the live doc when loaded, else a copy read from storage. */
  read(documentId: string): Promise<Y.Doc>;
  /**
   * Changes the live document in one update (loading it if needed) and resolves once the change is
   * stored; open editors receive it like any other update. All or nothing: if `change` throws, at
   * any point, the document is left as it was and the error is passed on.
   */
  change<T>(documentId: string, change: (doc: Y.Doc) => T): Promise<T>;
}
