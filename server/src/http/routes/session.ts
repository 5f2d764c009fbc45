import { JoinBody, UpdateSessionBody } from '@plenary/shared/api';
import { Router } from 'express';
import type { AccessService } from '../../services/AccessService';
import { clearSessionCookie, requireAuth, setSessionCookie } from '../auth';
import { rateLimit } from '../rateLimit';
import { validate } from '../validate';

/** Joining with an invite link, and the caller's own session. */
export function sessionRouter(access: AccessService, joinRateLimit: { limit: number; windowMs: number }): Router {
  const router = Router();
  const limitJoin = rateLimit(joinRateLimit);

  router.get('/invites/:secret', limitJoin, async (request, response) => {
    response.json(await access.previewInvite(String(request.params.secret)));
  });

  router.post('/join', limitJoin, async (request, response) => {
    const body = validate(JoinBody, request.body);
    const joined = await access.join(body.secret, body.displayName);
    setSessionCookie(request, response, joined.token);
    response.status(201).json(joined);
  });

  router.get('/session', async (_request, response) => {
    response.json(await access.toSession(requireAuth(response).participant));
  });

  router.patch('/session', async (request, response) => {
    const auth = requireAuth(response);
    const body = validate(UpdateSessionBody, request.body);
    response.json(await access.rename(auth, body.displayName));
  });

  router.delete('/session', async (_request, response) => {
    await access.signOut(requireAuth(response));
    clearSessionCookie(response);
    response.status(204).end();
  });

  return router;
}
