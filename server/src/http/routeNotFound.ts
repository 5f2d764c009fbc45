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
