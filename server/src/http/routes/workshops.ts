import {
  CreateBriefBody,
  CreateGroupBody,
  CreateInviteBody,
  CreateWorkshopBody,
  LockGroupBody,
  RecommendationQuery,
  SetTimerBody,
  UpdateBriefBody,
  UpdateGroupBody,
  UpdateWorkshopBody,
} from '@plenary/shared/api';
import { Router } from 'express';
import type { AccessService } from '../../services/AccessService';
import type { WorkshopService } from '../../services/WorkshopService';
import { requireAuth } from '../auth';
import { validatePathIds } from '../pathParams';
import { bodyOf, queryOf } from '../validate';

/** Workshops and everything in them: groups, briefs, invites, the timer and the dashboard. */
export function workshopsRouter(workshops: WorkshopService, access: AccessService): Router {
  const router = validatePathIds(Router());
  router.get('/workshops', async (_request, response) => {
    response.json(await workshops.listWorkshops(requireAuth(response)));
  });
  router.post('/workshops', async (request, response) => {
    const auth = requireAuth(response);
    response.status(201).json(await workshops.createWorkshop(auth, bodyOf(CreateWorkshopBody, request)));
  });
  router.get('/workshops/:workshopId', async (request, response) => {
    response.json(await workshops.home(requireAuth(response), request.params.workshopId));
  });
  router.patch('/workshops/:workshopId', async (request, response) => {
    const auth = requireAuth(response);
    const body = bodyOf(UpdateWorkshopBody, request);
    response.json(await workshops.updateWorkshop(auth, request.params.workshopId, body));
  });

  router.get('/workshops/:workshopId/groups', async (request, response) => {
    response.json(await workshops.listGroups(requireAuth(response), request.params.workshopId));
  });
  router.post('/workshops/:workshopId/groups', async (request, response) => {
    const auth = requireAuth(response);
    const body = bodyOf(CreateGroupBody, request);
    response.status(201).json(await workshops.createGroup(auth, request.params.workshopId, body));
  });
  router.patch('/workshops/:workshopId/groups/:groupId', async (request, response) => {
    const auth = requireAuth(response);
    const body = bodyOf(UpdateGroupBody, request);
    response.json(await workshops.updateGroup(auth, request.params.workshopId, request.params.groupId, body));
  });
  router.delete('/workshops/:workshopId/groups/:groupId', async (request, response) => {
    await workshops.deleteGroup(requireAuth(response), request.params.workshopId, request.params.groupId);
    response.status(204).end();
  });
  router.put('/workshops/:workshopId/groups/:groupId/lock', async (request, response) => {
    const auth = requireAuth(response);
    const body = bodyOf(LockGroupBody, request);
    response.json(await workshops.setLocked(auth, request.params.workshopId, request.params.groupId, body));
  });

  router.get('/workshops/:workshopId/briefs', async (request, response) => {
    response.json(await workshops.listBriefs(requireAuth(response), request.params.workshopId));
  });
  router.post('/workshops/:workshopId/briefs', async (request, response) => {
    const auth = requireAuth(response);
    const body = bodyOf(CreateBriefBody, request);
    response.status(201).json(await workshops.createBrief(auth, request.params.workshopId, body));
  });
  router.patch('/workshops/:workshopId/briefs/:briefId', async (request, response) => {
    const auth = requireAuth(response);
    const body = bodyOf(UpdateBriefBody, request);
    response.json(await workshops.renameBrief(auth, request.params.workshopId, request.params.briefId, body));
  });
  router.delete('/workshops/:workshopId/briefs/:briefId', async (request, response) => {
    await workshops.deleteBrief(requireAuth(response), request.params.workshopId, request.params.briefId);
    response.status(204).end();
  });

  router.put('/workshops/:workshopId/timer', async (request, response) => {
    const auth = requireAuth(response);
    response.json(await workshops.setTimer(auth, request.params.workshopId, bodyOf(SetTimerBody, request)));
  });
  router.delete('/workshops/:workshopId/timer', async (request, response) => {
    response.json(await workshops.clearTimer(requireAuth(response), request.params.workshopId));
  });

  router.get('/workshops/:workshopId/dashboard', async (request, response) => {
    response.json(await workshops.dashboard(requireAuth(response), request.params.workshopId));
  });

  router.get('/workshops/:workshopId/recommendations', async (request, response) => {
    const auth = requireAuth(response);
    response.json(
      await workshops.recommendations(auth, request.params.workshopId, queryOf(RecommendationQuery, request)),
    );
  });

  router.get('/workshops/:workshopId/invites', async (request, response) => {
    response.json(await access.listInvites(requireAuth(response), request.params.workshopId));
  });
  router.post('/workshops/:workshopId/invites', async (request, response) => {
    const auth = requireAuth(response);
    const body = bodyOf(CreateInviteBody, request);
    response.status(201).json(await access.createInvite(auth, request.params.workshopId, body));
  });
  router.post('/workshops/:workshopId/invites/:inviteId/revoke', async (request, response) => {
    const auth = requireAuth(response);
    response.json(await access.revokeInvite(auth, request.params.workshopId, request.params.inviteId));
  });
  router.post('/workshops/:workshopId/invites/:inviteId/reissue', async (request, response) => {
    const auth = requireAuth(response);
    response.status(201).json(await access.reissueInvite(auth, request.params.workshopId, request.params.inviteId));
  });

  router.get('/documents/:documentId', async (request, response) => {
    response.json(await workshops.documentInfo(requireAuth(response), request.params.documentId));
  });

  return router;
}
