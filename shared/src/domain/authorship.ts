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

/**
 * The names the server recorded for each participant in a document's authors map: stamped from
 * their session when they first wrote there (and rewritten when they rename themselves), so, unlike
 * the name a client puts beside its own comment or endorsement, nobody else can choose them.
 */
export type RecordedNames = ReadonlyMap<string, ReadonlySet<string>>;

export function recordedNames(authors: Iterable<[string, unknown]>): RecordedNames {
  const names = new Map<string, Set<string>>();
  for (const record of readAuthors(authors).values()) {
    const known = names.get(record.participantId) ?? new Set<string>();
    known.add(record.name);
    names.set(record.participantId, known);
  }
  return names;
}

/**
 * The name to show beside something `participantId` wrote that says it is by `claimed`: that name
 * when the server recorded it for them, else the one it recorded (a client can write any name
 * beside its entry, but only under its own id); `claimed` when the server recorded none (entries
 * from before authors were kept).
 */
export function shownName(participantId: string, claimed: string, names: RecordedNames | undefined): string {
  const known = names?.get(participantId);
  if (!known || known.size === 0 || known.has(claimed)) return claimed;
  return [...known].at(-1) ?? claimed;
}
