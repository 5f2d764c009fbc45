/** The roles an invite link can grant. */
export const ROLES = ['facilitator', 'rapporteur', 'member', 'reader'] as const;
export type Role = (typeof ROLES)[number];

/** Who is asking: a participant's role within one workshop (or, for the operator, every workshop). */
export interface Principal {
  role: Role;
  /** The participant's workshop; null only for the operator's facilitator link, which spans every workshop. */
  workshopId: string | null;
  /** The member's working group; null for every other role. */
  groupId: string | null;
}

/** Default audiences of a new workshop (editable per workshop). */
export const DEFAULT_AUDIENCES = [
  'Parliamentarians',
  'Policy makers',
  'Law enforcement agencies (police, FIA)',
  'Judiciary',
] as const;
