import { Router } from 'express';
import type { EventBus } from '../../events/EventBus';
import type { AuthContext } from '../../services/AccessService';
import type { WorkshopService } from '../../services/WorkshopService';
import { requireAuth } from '../auth';
import { validatePathIds } from '../pathParams';

/**
 * `GET /api/workshops/:id/events`: a server-sent event stream telling open pages that the
 * workshop changed (timer, lock, groups) so they refetch, and that their session ended.
 */
export function eventsRouter(workshops: WorkshopService, events: EventBus, heartbeatMs = 25_000): Router {
  const router = validatePathIds(Router());
  router.get('/workshops/:workshopId/events', async (request, response) => {
    const auth: AuthContext = requireAuth(response);
    const { workshopId } = request.params;
    // Throws 404/403 before any stream starts when the caller may not see this workshop.
    await workshops.home(auth, workshopId);
    response.writeHead(200, {
      'Content-Type': 'text/event-stream',
      'Cache-Control': 'no-cache, no-transform',
      Connection: 'keep-alive',
      'X-Accel-Buffering': 'no',
    });
    // A HEAD request gets the headers and nothing else: Node drops what a HEAD response writes, so
    // a stream would send nothing at all and hold the subscription open.
    if (request.method === 'HEAD') {
      response.end();
      return;
    }
    response.write('retry: 3000\n\n');
    const send = (type: string, data: unknown) => response.write(`event: ${type}\ndata: ${JSON.stringify(data)}\n\n`);
    const unsubscribe = events.subscribe((event) => {
      if (event.type === 'invite.revoked' && event.inviteId === auth.participant.inviteId) {
        send('session.ended', { reason: event.reason ?? 'link_revoked' });
        response.end();
        return;
      }
      // Signed out: nothing more of this workshop goes to that session's other tabs.
      if (event.type === 'participant.signedOut' && event.participantId === auth.participant.id) {
        response.end();
        return;
      }
      if (event.type === 'workshop.changed' && event.workshopId === workshopId)
        send('workshop.changed', { workshopId });
    });
    const heartbeat = setInterval(() => response.write(': keep-alive\n\n'), heartbeatMs);
    request.on('close', () => {
      clearInterval(heartbeat);
      unsubscribe();
    });
  });
  return router;
}
