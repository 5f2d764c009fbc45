import type { RequestHandler } from 'express';
import { HttpError } from './HttpError';
import { apiPathOf } from './routeTable';

/**
 * Runs before the API routes: a request whose route takes no body (publish, revoke, restore, the
 * DELETEs) is refused when it carries one, as a body field a route does not take is refused, so
 * `{"zzz": 1}` never rides along on an action that then happens anyway. An empty object is no body.
 * Signed out, the route's own 401 comes first.
 */
export const refuseUnexpectedBody: RequestHandler = (request, response, next) => {
  const body: unknown = request.body;
  const empty = body === undefined || (isPlainObject(body) && Object.keys(body).length === 0);
  if (
    empty ||
    !response.locals.auth ||
    !apiPathOf(request.originalUrl.split('?')[0] ?? '')?.bodyless.has(request.method)
  ) {
    next();
    return;
  }
  next(
    new HttpError(400, 'invalid_request', 'Invalid request body: this request takes none', {
      '(root)': ['this request takes no body'],
    }),
  );
};

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
