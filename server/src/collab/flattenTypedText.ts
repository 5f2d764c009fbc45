import * as Y from 'yjs';

/**
 * Yjs merges each keystroke into the item before it with `str += …`. V8 keeps such a string as a
 * chain of concatenations (a ~32-byte node plus the keystroke's own string, per keystroke) until
 * something reads it whole, and the server never does between compactions: about a kilobyte per
 * forty keystrokes in a loaded draft. Reading one character makes V8 flatten the chain into one
 * string (an engine behaviour, not a language guarantee: if it ever stops, only memory is lost).
 *
 * Call after a transaction that applied typing, with its state vector before and the clients whose
 * updates it applied (not every client the document knows: a long draft has hundreds): the one
 * item each client's new text was merged into is the item holding that client's first new clock.
 * Returns how many strings were read, for tests.
 */
export function flattenTypedText(doc: Y.Doc, before: Map<number, number>, clients: Iterable<number>): number {
  let read = 0;
  for (const client of clients) {
    const from = before.get(client) ?? 0;
    const structs = doc.store.clients.get(client);
    const last = structs?.[structs.length - 1];
    if (!structs || !last || last.id.clock + last.length <= from) continue;
    const struct = structs[Y.findIndexSS(structs, from)];
    if (struct instanceof Y.Item && struct.content instanceof Y.ContentString && struct.content.str.length > 1) {
      struct.content.str.charCodeAt(0);
      read += 1;
    }
  }
  return read;
}
