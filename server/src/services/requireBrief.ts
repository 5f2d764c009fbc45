import { can } from '@plenary/shared/domain';
import type { BriefRecord, WorkshopRecord, WorkshopStore } from '../storage/ports';
import type { AuthContext } from './AccessService';
import { forbidden, notFound } from './ServiceError';

/**
 * The brief `briefId` of workshop `workshopId`, with that workshop, if the caller may `action` it:
 * a workshop outside the caller's reach answers like a missing one (404), a role without the right
 * gets 403.
 */
export async function requireBrief(
  store: WorkshopStore,
  auth: AuthContext,
  workshopId: string,
  briefId: string,
  action: 'brief.read' | 'brief.write' | 'brief.publish',
): Promise<{ brief: BriefRecord; workshop: WorkshopRecord }> {
  const workshop = await store.getWorkshop(workshopId);
  if (!workshop || !can(auth.principal, 'workshop.view', { workshopId })) throw notFound('workshop');
  if (!can(auth.principal, action, { workshopId })) throw forbidden();
  const brief = await store.getBrief(briefId);
  if (!brief || brief.workshopId !== workshopId) throw notFound('brief');
  return { brief, workshop };
}
