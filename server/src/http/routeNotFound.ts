import type { RequestHandler } from 'express';
import { HttpError } from './HttpError';
import { OPENAPI_PATH, OPERATIONS } from './routes/openapi';

/** Each documented path as a pattern, with the methods it answers (HEAD wherever GET is). */
const PATHS: Array<{ pattern: RegExp; allow: string }> = (() => {
  const methods = new Map<string, Set<string>>([[OPENAPI_PATH, new Set(['GET', 'HEAD'])]]);
  for (const op of OPERATIONS) {
    const set = methods.get(op.path) ?? new Set<string>();
    set.add(op.method.toUpperCase());
    if (op.method === 'get') set.add('HEAD');
    methods.set(op.path, set);
  }
  return [...methods].map(([path, set]) => ({
    pattern: new RegExp(`^${path.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{\w+\}/g, '[^/]+')}/?$`),
    allow: [...set].sort().join(', '),
  }));
})();

/**
 * Runs after every API route: a path the API has, asked with another method, is 405 with `Allow`
 * (so a client sees it used the wrong verb, not a wrong address); anything else is 404. Both JSON.
 */
export const apiRouteNotFound: RequestHandler = (request, response, next) => {
  const path = request.originalUrl.split('?')[0] ?? '';
  const known = PATHS.find(({ pattern }) => pattern.test(path));
  if (known) {
    response.setHeader('Allow', known.allow);
    next(new HttpError(405, 'method_not_allowed', `${path} answers ${known.allow}, not ${request.method}.`));
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
