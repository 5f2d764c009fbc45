import { exhaustiveSwitchError } from '../lib/assert';
import type { Principal } from './roles';

/** Everything the server checks. One name per question a route or socket message asks. */
export const ACTIONS = [
  'workshop.create',
  'workshop.view',
  'workshop.edit',
  'groups.manage',
  'invites.manage',
  'dashboard.view',
  'timer.manage',
  'draft.read',
  'draft.write',
  'draft.react',
  'draft.comment',
  'draft.lock',
  'brief.read',
  'brief.write',
  'brief.publish',
  'brief.comment',
  'published.read',
  'version.read',
  'version.create',
  'version.restore',
  'version.delete',
] as const;
export type Action = (typeof ACTIONS)[number];

/** What is being acted on. `groupId` names a draft's group; `locked` is that draft's breakout lock. */
export interface Resource {
  workshopId: string | null;
  groupId?: string | null;
  locked?: boolean;
  /** Which kind of document a `version.*` question is about; a draft when omitted. */
  document?: 'draft' | 'brief';
}

/**
 * The one permission function. facilitator: everything in their workshop; rapporteur: read every
 * draft, write and publish briefs; member of group G: write G's draft, read the other drafts;
 * reader: published briefs only. Anyone (even signed out) may read a published brief. A locked
 * draft is read-only for everyone until a facilitator unlocks it. `draft.react` (endorse, record a
 * position) is open to everyone who may read the draft, under their own name only, unless locked.
 * `draft.comment` likewise: a member reading another group's draft may comment on it (that is how
 * groups review each other's work) but not change its text; a lock closes comments too, so a
 * locked draft stays exactly as it was. `brief.comment` is open to whoever may read the brief.
 */
export function can(principal: Principal | null, action: Action, resource: Resource): boolean {
  if (action === 'published.read') return true;
  if (!principal) return false;
  if (action === 'workshop.create') return principal.role === 'facilitator' && principal.workshopId === null;
  // The operator's link (workshopId null) spans every workshop; everyone else stays in their own.
  const inWorkshop =
    resource.workshopId !== null && (principal.workshopId === null || principal.workshopId === resource.workshopId);
  if (!inWorkshop) return false;

  if (action === 'draft.react' || action === 'draft.comment') {
    return !resource.locked && can(principal, 'draft.read', resource);
  }
  if (action.startsWith('version.')) return canVersion(principal, action, resource);
  if (action === 'brief.comment') return can(principal, 'brief.read', resource);

  switch (principal.role) {
    case 'facilitator':
      return action === 'draft.write' ? !resource.locked : true;
    case 'rapporteur':
      switch (action) {
        case 'workshop.view':
        case 'dashboard.view':
        case 'draft.read':
        case 'brief.read':
        case 'brief.write':
        case 'brief.publish':
          return true;
        default:
          return false;
      }
    case 'member':
      switch (action) {
        case 'workshop.view':
        case 'draft.read':
          return true;
        case 'draft.write':
          return !resource.locked && resource.groupId != null && resource.groupId === principal.groupId;
        default:
          return false;
      }
    case 'reader':
      return action === 'workshop.view';
    default:
      return exhaustiveSwitchError(principal.role);
  }
}

/**
 * Versions follow the document: whoever may read it may list, open and compare its versions;
 * whoever may write it may name a version and restore one (a restore is an edit, so a lock stops
 * it). A facilitator may also name a version of a locked draft ("End of breakout" is named after
 * the lock), and only a facilitator may delete one, since deleting loses history.
 */
function canVersion(principal: Principal, action: Action, resource: Resource): boolean {
  const brief = resource.document === 'brief';
  const read = can(principal, brief ? 'brief.read' : 'draft.read', resource);
  const write = can(principal, brief ? 'brief.write' : 'draft.write', resource);
  switch (action) {
    case 'version.read':
      return read;
    case 'version.create':
      return write || (read && principal.role === 'facilitator');
    case 'version.restore':
      return write;
    case 'version.delete':
      return read && principal.role === 'facilitator';
    default:
      return false;
  }
}
