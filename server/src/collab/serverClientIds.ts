import type * as Y from 'yjs';

/**
 * The Yjs client id under which the server writes the changes it makes through the API (imports,
 * merges, restores) into a loaded document. It cannot be the document's own id: those changes
 * reach the document as an applied update, and Yjs takes new items under its own id in a remote
 * transaction as a sign that another client uses that id, and picks a new one. Derived from the
 * document's id, so a room needs nothing more to remember it.
 */
export function changeClientIdOf(doc: Y.Doc): number {
  return (doc.clientID ^ 0x9e3779b9) >>> 0;
}

/** Whether `client` is one the server writes under in `doc`: never anybody's authorship. */
export function isServerClient(doc: Y.Doc, client: number): boolean {
  return client === doc.clientID || client === changeClientIdOf(doc);
}
