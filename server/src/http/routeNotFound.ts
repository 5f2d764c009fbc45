import type { RequestHandler } from 'express';
import { HttpError } from './HttpError';
import { apiPathOf } from './routeTable';

/**
 * Runs after every API route: a path the API has, asked with another method, is 405 with `Allow`
 * (so a client sees it used the wrong verb, not a wrong address); anything else is 404. Both JSON.
 */
export const apiRouteNotFound: RequestHandler = (request, response, next) => {
  const path = request.originalUrl.split('?')[0] ?? '';
  const known = apiPathOf(path);
  if (known) {
    const allow = [...known.methods].sort().join(', ');
    response.setHeader('Allow', allow);
    next(new HttpError(405, 'method_not_allowed', `${path} answers ${allow}, not ${request.method}.`));
    return;
  }
  next(new HttpError(404, 'not_found', `No API route for ${request.method} ${path}`));
};

/**
 * Runs after the client's pages: every path outside the API answers GET and HEAD (a page, an
 * asset, the health check), so another method is 405 in the API's JSON shape, not express's HTML.
 */
export const pageRouteNotFound: RequestHandler = (request, response, next) => {
  const path = request.path;
  if (request.method === 'GET' || request.method === 'HEAD') {
    next(new HttpError(404, 'not_found', `Nothing at ${path}`));
    return;
  }
  response.setHeader('Allow', 'GET, HEAD');
  next(new HttpError(405, 'method_not_allowed', `${path} answers GET, HEAD, not ${request.method}.`));
};

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
