import { Router } from 'express';
import type { DocumentStore } from '../../storage/ports';
import { StorageUnhealthyError } from '../../storage/trackWriteHealth';

/**
 * `GET /healthz`: 200 with the version when storage answers and its writes succeed; 503 when it
 * does not answer ("unavailable") or its last write failed, e.g. on a full disk ("failing").
 */
export function healthRouter(store: DocumentStore, version: string): Router {
  const router = Router();
  router.get('/healthz', async (_request, response) => {
    try {
      await store.checkHealth();
      response.json({ status: 'ok', version, storage: 'ok' });
    } catch (error) {
      if (error instanceof StorageUnhealthyError) {
        response.status(503).json({
          status: 'degraded',
          version,
          storage: 'failing',
          reason: error.message,
          since: error.since.toISOString(),
        });
        return;
      }
      response.status(503).json({ status: 'degraded', version, storage: 'unavailable' });
    }
  });
  return router;
}
