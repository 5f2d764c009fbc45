import { JoinBody, UpdateSessionBody } from '@plenary/shared/api';
import { Router } from 'express';
import type { AccessService } from '../../services/AccessService';
import { clearSessionCookie, requireAuth, setSessionCookie } from '../auth';
import { type RateLimitOptions, rateLimit } from '../rateLimit';
import { validate } from '../validate';

/** Per client address and window: failed join and preview attempts, and all of them. */
export interface JoinLimits {
  failures: RateLimitOptions;
  all: RateLimitOptions;
}

/** Joining with an invite link, and the caller's own session. */
export function sessionRouter(access: AccessService, limits: JoinLimits): Router {
  const router = Router();
  // Failures (an unknown or revoked link, a refused name) are what guessing looks like; a room
  // behind one venue address joining at once is many successes, allowed up to a far higher bound.
  // A refusal by the other limit (429) or a server fault (5xx) is nobody guessing.
  const limitFailures = rateLimit({
    ...limits.failures,
    counts: (status) => status >= 400 && status < 500 && status !== 429,
  });
  const limitJoins = rateLimit(limits.all);

  router.get('/invites/:secret', limitFailures, limitJoins, async (request, response) => {
    response.json(await access.previewInvite(String(request.params.secret)));
  });

  router.post('/join', limitFailures, limitJoins, async (request, response) => {
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
