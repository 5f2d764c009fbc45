import { InvitePreview, Session } from '@plenary/shared/api';
import { apiRequest } from './http';
import { forgetOfflineCopies, getWithOfflineCopy, keepOfflineCopy } from './offlineCache';

/** The signed-in participant (401 when signed out); the last copy when offline. */
export const getSession = () => getWithOfflineCopy('/api/session', Session);

/** What an invite link grants, before the person gives a name (404 `invite_invalid` when revoked). */
export const previewInvite = (secret: string) =>
  apiRequest('GET', `/api/invites/${encodeURIComponent(secret)}`, InvitePreview);

/** Joins with an invite secret; the server sets the session cookie. */
export async function joinWithInvite(secret: string, displayName: string): Promise<Session> {
  forgetOfflineCopies(); // whatever the previous session on this device could see
  // Parsed as a Session, which drops the token: the cookie carries it, and nothing else should.
  return apiRequest('POST', '/api/join', Session, { secret, displayName });
}

export const renameSelf = (displayName: string) => apiRequest('PATCH', '/api/session', Session, { displayName });

/** Keeps `session` on this device so a reload without network still knows who is signed in. */
export const rememberSession = (session: Session) => keepOfflineCopy('/api/session', session);

export async function signOut(): Promise<void> {
  await apiRequest('DELETE', '/api/session', null);
  forgetOfflineCopies();
}
