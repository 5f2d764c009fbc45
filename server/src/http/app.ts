import { randomUUID } from 'node:crypto';
import express, { type Express } from 'express';
import type { Logger } from '../logger';
import type { DocumentStore } from '../storage/ports';
import { apiNotFound, errorMiddleware } from './errorMiddleware';
import { healthRouter } from './routes/health';
import { staticClientRouter } from './staticClient';

export interface HttpAppDeps {
  store: DocumentStore;
  logger: Logger;
  version: string;
  clientDist: string;
}

/** The express application: health, the REST API under /api, and the built client. */
export function createHttpApp({ store, logger, version, clientDist }: HttpAppDeps): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', 'loopback');
  app.use((request, response, next) => {
    response.locals.requestId = randomUUID();
    const started = performance.now();
    response.on('finish', () => {
      logger.debug(
        {
          requestId: response.locals.requestId,
          method: request.method,
          path: request.path,
          status: response.statusCode,
          ms: Math.round(performance.now() - started),
        },
        'request',
      );
    });
    next();
  });
  app.use(healthRouter(store, version));
  const api = express.Router();
  api.use(express.json({ limit: '1mb' }));
  api.use(apiNotFound);
  app.use('/api', api);
  app.use(staticClientRouter(clientDist));
  app.use(errorMiddleware(logger));
  return app;
}
