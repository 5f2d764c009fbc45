import {
  Brief,
  type CreateGroupBody,
  type CreateWorkshopBody,
  Dashboard,
  Group,
  type UpdateGroupBody,
  type UpdateWorkshopBody,
  Workshop,
  WorkshopHome,
} from '@plenary/shared/api';
import { z } from 'zod';
import { apiRequest } from './http';
import { getWithOfflineCopy } from './offlineCache';

const base = (workshopId: string) => `/api/workshops/${encodeURIComponent(workshopId)}`;
const WorkshopList = z.array(Workshop);

export const listWorkshops = () => apiRequest('GET', '/api/workshops', WorkshopList);

export const createWorkshop = (body: z.input<typeof CreateWorkshopBody>) =>
  apiRequest('POST', '/api/workshops', Workshop, body);

/** The workshop with the groups and briefs the caller may open; the last copy when offline. */
export const getWorkshopHome = (workshopId: string) => getWithOfflineCopy(base(workshopId), WorkshopHome);

export const updateWorkshop = (workshopId: string, body: UpdateWorkshopBody) =>
  apiRequest('PATCH', base(workshopId), Workshop, body);

export const createGroup = (workshopId: string, body: z.input<typeof CreateGroupBody>) =>
  apiRequest('POST', `${base(workshopId)}/groups`, Group, body);

export const updateGroup = (workshopId: string, groupId: string, body: UpdateGroupBody) =>
  apiRequest('PATCH', `${base(workshopId)}/groups/${encodeURIComponent(groupId)}`, Group, body);

export const deleteGroup = (workshopId: string, groupId: string) =>
  apiRequest('DELETE', `${base(workshopId)}/groups/${encodeURIComponent(groupId)}`, null);

export const setGroupLocked = (workshopId: string, groupId: string, locked: boolean) =>
  apiRequest('PUT', `${base(workshopId)}/groups/${encodeURIComponent(groupId)}/lock`, Group, { locked });

export const createBrief = (workshopId: string, title: string) =>
  apiRequest('POST', `${base(workshopId)}/briefs`, Brief, { title });

export const renameBrief = (workshopId: string, briefId: string, title: string) =>
  apiRequest('PATCH', `${base(workshopId)}/briefs/${encodeURIComponent(briefId)}`, Brief, { title });

export const deleteBrief = (workshopId: string, briefId: string) =>
  apiRequest('DELETE', `${base(workshopId)}/briefs/${encodeURIComponent(briefId)}`, null);

export const startTimer = (workshopId: string, durationMinutes: number, label: string) =>
  apiRequest('PUT', `${base(workshopId)}/timer`, Workshop, { durationMinutes, label });

export const stopTimer = (workshopId: string) => apiRequest('DELETE', `${base(workshopId)}/timer`, Workshop);

export const getDashboard = (workshopId: string) => apiRequest('GET', `${base(workshopId)}/dashboard`, Dashboard);

/** The server-sent event stream of a workshop (`workshop.changed`, `session.ended`). */
export const workshopEventsUrl = (workshopId: string) => `${base(workshopId)}/events`;
