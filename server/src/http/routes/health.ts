import { Router } from 'express';
import type { DocumentStore } from '../../storage/ports';

/** `GET /healthz`: 200 with the version when storage answers, 503 otherwise. */
export function healthRouter(store: DocumentStore, version: string): Router {
  const router = Router();
  router.get('/healthz', async (_request, response) => {
    try {
      await store.checkHealth();
      response.json({ status: 'ok', version, storage: 'ok' });
    } catch {
      response.status(503).json({ status: 'degraded', version, storage: 'unavailable' });
    }
  });
  return router;
}
