import { DocumentId, EntityId } from '@plenary/shared/api';
import type { Router } from 'express';
import { z } from 'zod';
import { validate } from './validate';

const ID_PARAMS: Record<string, z.ZodType> = {
  workshopId: EntityId,
  groupId: EntityId,
  inviteId: EntityId,
  briefId: EntityId,
  documentId: DocumentId,
  versionId: EntityId,
};

/**
 * Checks every id in a router's paths before any handler runs, so a malformed id is a 400 that
 * names the parameter rather than a lookup that happens to find nothing.
 */
export function validatePathIds(router: Router): Router {
  for (const [name, schema] of Object.entries(ID_PARAMS)) {
    router.param(name, (_request, _response, next, value) => {
      try {
        validate(z.object({ [name]: schema }), { [name]: value }, 'path');
        next();
      } catch (error) {
        next(error);
      }
    });
  }
  return router;
}
