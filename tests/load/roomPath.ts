import { COLLAB_PATH, isValidDocumentId } from '@plenary/shared/protocol';

/** The document id in a `/collab/<id>` request URL, or null when the URL is not one. */
export function documentIdFromUrl(url: string | undefined): string | null {
  const path = (url ?? '').split('?')[0] ?? '';
  if (!path.startsWith(`${COLLAB_PATH}/`)) return null;
  const id = path.slice(COLLAB_PATH.length + 1);
  return isValidDocumentId(id) ? id : null;
}
