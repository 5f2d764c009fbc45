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
