import { ImportBody, MergeBody, SourceActionBody, SplitBody } from '@plenary/shared/api';
import { Router } from 'express';
import type { BriefService } from '../../services/BriefService';
import { requireAuth } from '../auth';
import { validatePathIds } from '../pathParams';
import { bodyOf } from '../validate';

/** The brief composer's operations: status (provenance, coverage), import, merge, split, pull/dismiss. */
export function briefsRouter(briefs: BriefService): Router {
  const router = validatePathIds(Router());
  const base = '/workshops/:workshopId/briefs/:briefId';

  router.get(`${base}/status`, async (request, response) => {
    const { workshopId, briefId } = request.params;
    response.json(await briefs.status(requireAuth(response), workshopId, briefId));
  });
  router.post(`${base}/imports`, async (request, response) => {
    const auth = requireAuth(response);
    const body = bodyOf(ImportBody, request);
    response
      .status(201)
      .json(await briefs.importRecommendations(auth, request.params.workshopId, request.params.briefId, body));
  });
  router.post(`${base}/merge`, async (request, response) => {
    const auth = requireAuth(response);
    const body = bodyOf(MergeBody, request);
    response.status(201).json(await briefs.merge(auth, request.params.workshopId, request.params.briefId, body));
  });
  router.post(`${base}/split`, async (request, response) => {
    const auth = requireAuth(response);
    const body = bodyOf(SplitBody, request);
    response.json(await briefs.split(auth, request.params.workshopId, request.params.briefId, body));
  });
  router.post(`${base}/source-actions`, async (request, response) => {
    const auth = requireAuth(response);
    const body = bodyOf(SourceActionBody, request);
    await briefs.actOnSource(auth, request.params.workshopId, request.params.briefId, body);
    response.status(204).end();
  });
  return router;
}
