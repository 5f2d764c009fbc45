import { existsSync } from 'node:fs';
import { join } from 'node:path';
import express, { type Router } from 'express';

/**
 * Serves the built client and answers every other non-API GET with index.html, so client-side
 * routes (/d/:id) survive a reload. Hashed assets are cached for a year; index.html never.
 */
export function staticClientRouter(clientDist: string): Router {
  const router = express.Router();
  const indexHtml = join(clientDist, 'index.html');
  const assets = express.static(join(clientDist, 'assets'), { immutable: true, maxAge: '365d', fallthrough: false });
  // serve-static answers other methods with an empty 405 itself; those go on to the JSON one.
  router.use('/assets', (request, response, next) =>
    request.method === 'GET' || request.method === 'HEAD' ? assets(request, response, next) : next(),
  );
  router.use(express.static(clientDist, { index: false, maxAge: 0 }));
  router.get(/^\/(?!api\/|api$|collab\/|healthz$).*/, (_request, response) => {
    if (!existsSync(indexHtml)) {
      response
        .status(503)
        .type('text/plain')
        .send(
          'The web client is not built. Run `npm start` (it builds the client) or `pnpm --filter @plenary/client build`.',
        );
      return;
    }
    response.setHeader('Cache-Control', 'no-cache');
    response.sendFile(indexHtml);
  });
  return router;
}
