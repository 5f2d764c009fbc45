import { randomUUID } from 'node:crypto';
import express, { type Express } from 'express';
import type { TrustProxy } from '../clientAddress';
import type { EventBus } from '../events/EventBus';
import type { Logger } from '../logger';
import type { Metrics } from '../metrics';
import type { AccessService } from '../services/AccessService';
import type { BriefService } from '../services/BriefService';
import type { ExportService } from '../services/ExportService';
import type { PublicationService } from '../services/PublicationService';
import type { VersionService } from '../services/VersionService';
import type { WorkshopService } from '../services/WorkshopService';
import type { DocumentStore } from '../storage/ports';
import { authenticate, checkOrigin } from './auth';
import { errorMiddleware } from './errorMiddleware';
import { refuseUnexpectedBody } from './refuseUnexpectedBody';
import { apiRouteNotFound, pageRouteNotFound } from './routeNotFound';
import { briefsRouter } from './routes/briefs';
import { eventsRouter } from './routes/events';
import { exportsRouter } from './routes/exports';
import { healthRouter } from './routes/health';
import { openApiRouter } from './routes/openapi';
import { publicationsRouter } from './routes/publications';
import { publishedPagesRouter } from './routes/publishedPages';
import { type JoinLimits, sessionRouter } from './routes/session';
import { versionsRouter } from './routes/versions';
import { workshopsRouter } from './routes/workshops';
import { securityHeaders } from './securityHeaders';
import { staticClientRouter } from './staticClient';

export interface HttpAppDeps {
  store: DocumentStore;
  access: AccessService;
  workshops: WorkshopService;
  briefs: BriefService;
  publications: PublicationService;
  versions: VersionService;
  exports: ExportService;
  events: EventBus;
  logger: Logger;
  version: string;
  clientDist: string;
  joinLimits: JoinLimits;
  /** Which proxies may name the client (TRUST_PROXY): the join rate limit counts that address. */
  trustProxy: TrustProxy;
  /** Serve /metrics when given (off by default: METRICS=true). */
  metrics: Metrics | null;
}

/** The express application: health, the REST API under /api, and the built client. */
export function createHttpApp(deps: HttpAppDeps): Express {
  const { logger } = deps;
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', deps.trustProxy);
  app.use((request, response, next) => {
    response.locals.requestId = randomUUID();
    const started = performance.now();
    response.on('finish', () => {
      logger.debug(
        {
          requestId: response.locals.requestId,
          method: request.method,
          // The path only: invite secrets travel in paths under /api/invites and /join, so mask them.
          path: request.path.replace(/(\/(?:invites|join)\/)[^/]+/, '$1[redacted]'),
          status: response.statusCode,
          ms: Math.round(performance.now() - started),
        },
        'request',
      );
    });
    next();
  });
  app.use(securityHeaders());
  app.use(healthRouter(deps.store, deps.version));
  const { metrics } = deps;
  app.get('/metrics', (_request, response) => {
    if (!metrics) {
      response.status(404).json({ error: { code: 'not_found', message: 'Metrics are off (set METRICS=true).' } });
      return;
    }
    response.type('text/plain; version=0.0.4').send(metrics.render());
  });

  const api = express.Router();
  api.use(express.json({ limit: '1mb' }));
  api.use(checkOrigin);
  api.use(openApiRouter(deps.version));
  api.use(authenticate(deps.access));
  api.use(refuseUnexpectedBody);
  api.use(sessionRouter(deps.access, deps.joinLimits));
  api.use(eventsRouter(deps.workshops, deps.events));
  api.use(workshopsRouter(deps.workshops, deps.access));
  api.use(briefsRouter(deps.briefs));
  api.use(publicationsRouter(deps.publications));
  api.use(exportsRouter(deps.exports));
  api.use(versionsRouter(deps.versions));
  api.use(apiRouteNotFound);
  app.use('/api', api);
  app.use(publishedPagesRouter(deps.publications, deps.exports));
  app.use(staticClientRouter(deps.clientDist));
  app.use(pageRouteNotFound);
  app.use(errorMiddleware(logger));
  return app;
}
