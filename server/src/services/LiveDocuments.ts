import type { AwarenessUser } from '@plenary/shared/protocol';
import type * as Y from 'yjs';

/**
 * What services may ask of the collaboration layer, without importing it: who is in a document
 * now, and its current content. main wires the room registry behind this.
 */
export interface LiveDocuments {
  /** People connected to the document now (from awareness), one entry per connection. */
  presence(documentId: string): AwarenessUser[];
  /** The document's current state: the live doc when loaded, else a copy read from storage. */
  read(documentId: string): Promise<Y.Doc>;
  /**
   * Changes the live document in one update (loading it if needed) and resolves once the change is
   * stored; open editors receive it like any other update. All or nothing: if `change` throws, at
   * any point, the document is left as it was and the error is passed on.
   */
  change<T>(documentId: string, change: (doc: Y.Doc) => T): Promise<T>;
}
