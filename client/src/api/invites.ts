import { type CreateInviteBody, Invite } from '@plenary/shared/api';
import { z } from 'zod';
import { apiRequest } from './http';

const base = (workshopId: string) => `/api/workshops/${encodeURIComponent(workshopId)}/invites`;
const InviteList = z.array(Invite);

export const listInvites = (workshopId: string) => apiRequest('GET', base(workshopId), InviteList);

export const createInvite = (workshopId: string, body: z.input<typeof CreateInviteBody>) =>
  apiRequest('POST', base(workshopId), Invite, body);

/** Revokes a link: it stops working and everyone who joined with it is signed out. */
export const revokeInvite = (workshopId: string, inviteId: string) =>
  apiRequest('POST', `${base(workshopId)}/${encodeURIComponent(inviteId)}/revoke`, Invite);

/** Revokes a link and returns its replacement (same role and group). */
export const reissueInvite = (workshopId: string, inviteId: string) =>
  apiRequest('POST', `${base(workshopId)}/${encodeURIComponent(inviteId)}/reissue`, Invite);
