/** Why a use-case refused; the HTTP layer maps each kind to a status. */
export type ServiceErrorKind =
  | 'invalid'
  | 'unauthorized'
  | 'forbidden'
  | 'not_found'
  | 'conflict'
  | 'gone'
  | 'rate_limited';

/** A refusal with a stable snake_case `code` for clients and a sentence for people. */
export class ServiceError extends Error {
  constructor(
    readonly kind: ServiceErrorKind,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'ServiceError';
  }
}

export const notFound = (what: string) => new ServiceError('not_found', `${what}_not_found`, `No such ${what}.`);
export const forbidden = (message = 'You are not allowed to do that.') =>
  new ServiceError('forbidden', 'forbidden', message);
export const unauthorized = (message = 'Sign in with an invite link first.') =>
  new ServiceError('unauthorized', 'unauthorized', message);

/** Why a session that once worked no longer does (the 401's code). */
export type SessionRefusal = 'session_expired' | 'link_revoked' | 'group_deleted';

const ENDED: Record<SessionRefusal, string> = {
  session_expired: 'Your session has ended. Open your invite link again.',
  link_revoked: 'The invite link this device joined with was revoked. Ask the facilitator for a new link.',
  group_deleted: 'The working group this device joined was deleted. Ask the facilitator for a link to another group.',
};

/** The 401 for a session that worked once, with why it ended as its code. */
export const sessionEnded = (refusal: SessionRefusal) => new ServiceError('unauthorized', refusal, ENDED[refusal]);
