import { Router } from 'express';
import type { PublicationService } from '../../services/PublicationService';
import { requireAuth } from '../auth';
import { validatePathIds } from '../pathParams';

/** Publishing a brief (rapporteurs, facilitators) and listing its published versions. */
export function publicationsRouter(publications: PublicationService): Router {
  const router = validatePathIds(Router());
  const path = '/workshops/:workshopId/briefs/:briefId/publications';
  router.post(path, async (request, response) => {
    const { workshopId, briefId } = request.params;
    response.status(201).json(await publications.publish(requireAuth(response), workshopId, briefId));
  });
  router.get(path, async (request, response) => {
    const { workshopId, briefId } = request.params;
    response.json(await publications.list(requireAuth(response), workshopId, briefId));
  });
  return router;
}
