import type { Role } from '@plenary/shared/domain';
import { strings } from './strings';

/** "Facilitator", "Member · Group 2", "Operator": how the header names a participant's role. */
export function roleLabelFor(role: Role, workshopId: string | null, groupName?: string): string {
  if (role === 'facilitator' && workshopId === null) return strings.operatorRole;
  if (role === 'member' && groupName) return strings.memberOf(groupName);
  return strings.roleTitle[role];
}
