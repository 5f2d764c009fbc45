import { z } from 'zod';

/**
 * Who wrote what: every Yjs item carries its author's client id (a random number per editor
 * session), and the server — which knows which participant each connection is — records
 * client id → participant in the document's `AUTHORS_FIELD` map the first time it accepts an
 * update from that client. Clients may never write the map, so nobody can claim another's text.
 */
export const AuthorRecord = z.object({
  participantId: z.string().min(1).max(64),
  name: z.string().max(200),
  color: z.string().max(32),
});
export type AuthorRecord = z.infer<typeof AuthorRecord>;

/** Every well-formed entry of an authors map, by Yjs client id. */
export function readAuthors(entries: Iterable<[string, unknown]>): Map<number, AuthorRecord> {
  const authors = new Map<number, AuthorRecord>();
  for (const [key, value] of entries) {
    const clientId = Number(key);
    const record = AuthorRecord.safeParse(value);
    if (Number.isSafeInteger(clientId) && record.success) authors.set(clientId, record.data);
  }
  return authors;
}

/** The client ids in `clientIds` that the authors map does not name yet (first claim wins). */
export function unclaimedClients(authors: { has(key: string): boolean }, clientIds: Iterable<number>): number[] {
  return [...new Set(clientIds)].filter((clientId) => !authors.has(String(clientId)));
}
