import { CompareQuery, CreateVersionBody } from '@plenary/shared/api';
import { Router } from 'express';
import type { VersionService } from '../../services/VersionService';
import { requireAuth } from '../auth';
import { validatePathIds } from '../pathParams';
import { bodyOf, queryOf } from '../validate';

/** Versions of a draft or brief: list, name, open, compare, restore, delete. */
export function versionsRouter(versions: VersionService): Router {
  const router = validatePathIds(Router());
  const base = '/documents/:documentId/versions';

  router.get(base, async (request, response) => {
    const auth = requireAuth(response);
    response.json({ versions: await versions.list(auth, request.params.documentId) });
  });
  router.post(base, async (request, response) => {
    const auth = requireAuth(response);
    response
      .status(201)
      .json(await versions.create(auth, request.params.documentId, bodyOf(CreateVersionBody, request)));
  });
  // Before `:versionId`, so "compare" is never read as a version id.
  router.get(`${base}/compare`, async (request, response) => {
    const auth = requireAuth(response);
    response.json(await versions.compare(auth, request.params.documentId, queryOf(CompareQuery, request)));
  });
  // "compare" is a path of its own, never a version id: other methods on it are a 405 that says it
  // answers GET (apiRouteNotFound), not a 404 for a version called "compare".
  router.all(`${base}/compare`, (_request, _response, next) => next('router'));
  router.get(`${base}/:versionId`, async (request, response) => {
    const auth = requireAuth(response);
    const { documentId, versionId } = request.params;
    response.json(await versions.content(auth, documentId, versionId));
  });
  router.post(`${base}/:versionId/restore`, async (request, response) => {
    const auth = requireAuth(response);
    const { documentId, versionId } = request.params;
    response.json(await versions.restore(auth, documentId, versionId));
  });
  router.delete(`${base}/:versionId`, async (request, response) => {
    const auth = requireAuth(response);
    const { documentId, versionId } = request.params;
    await versions.delete(auth, documentId, versionId);
    response.status(204).end();
  });
  return router;
}
