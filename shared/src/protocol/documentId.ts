/** The only document ids the server accepts: URL-safe, no path separators, at most 128 chars. */
export const DOCUMENT_ID_PATTERN = /^[A-Za-z0-9_-]{1,128}$/;

/** Whether `id` is a well-formed document id. */
export function isValidDocumentId(id: string): boolean {
  return DOCUMENT_ID_PATTERN.test(id);
}

/** The path prefix of the collaboration endpoint; a document lives at `${COLLAB_PATH}/<id>`. */
export const COLLAB_PATH = '/collab';

/** The Y.XmlFragment that holds the rich-text body (Tiptap Collaboration's default field). */
export const DOCUMENT_FIELD = 'default';

/** Y.Map of endorsements: key `endorsementKey(recommendationId, participantId)`. */
export const ENDORSEMENTS_FIELD = 'endorsements';

/** Y.Map of stakeholder positions: same keys as endorsements. */
export const POSITIONS_FIELD = 'positions';

/** The key of one participant's endorsement or position on one recommendation. */
export function endorsementKey(recommendationId: string, participantId: string): string {
  return `${recommendationId}/${participantId}`;
}

/**
 * The parts of an endorsement or position key; null unless it is exactly
 * `<recommendationId>/<participantId>`, so `rec/made-up/<me>` never counts as one more person.
 */
export function parseEndorsementKey(key: string): { recommendationId: string; participantId: string } | null {
  const slash = key.indexOf('/');
  if (slash <= 0 || slash === key.length - 1 || key.includes('/', slash + 1)) return null;
  return { recommendationId: key.slice(0, slash), participantId: key.slice(slash + 1) };
}

/** Y.Map of comment threads, replies and their status (see `domain/comments.ts` for the keys). */
export const COMMENTS_FIELD = 'comments';

/**
 * Y.Map the server alone writes: Yjs client id → who that client is (`domain/authorship.ts`).
 * Every update that touches it from a client is refused, so nobody can claim another's text.
 */
export const AUTHORS_FIELD = 'authors';
