import type { Group, Invite, JoinResponse, Workshop } from '@plenary/shared/api';
import type { ServerProcess } from './serverProcess';

/** A small REST client for tests: JSON in, JSON out, with an optional bearer token. */
export async function api<T>(
  server: Pick<ServerProcess, 'httpUrl'>,
  method: string,
  path: string,
  options: { token?: string; body?: unknown } = {},
): Promise<{ status: number; body: T }> {
  const response = await fetch(`${server.httpUrl}${path}`, {
    method,
    headers: {
      ...(options.body !== undefined ? { 'content-type': 'application/json' } : {}),
      ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
    },
    body: options.body !== undefined ? JSON.stringify(options.body) : undefined,
  });
  const text = await response.text();
  return { status: response.status, body: (text ? JSON.parse(text) : undefined) as T };
}

/** The one-time operator link a fresh data folder prints at first start. */
export function operatorSecret(server: ServerProcess): string {
  const match = /Operator link[^:]*: \S+\/join\/([A-Za-z0-9_-]+)/.exec(server.output());
  if (!match?.[1]) throw new Error(`no operator link in the server output:\n${server.output()}`);
  return match[1];
}

/** Joins through an invite secret; returns the session and its token. */
export async function join(server: ServerProcess, secret: string, displayName: string): Promise<JoinResponse> {
  const { status, body } = await api<JoinResponse>(server, 'POST', '/api/join', { body: { secret, displayName } });
  if (status !== 201) throw new Error(`join failed with ${status}: ${JSON.stringify(body)}`);
  return body;
}

const secretOf = (invite: Invite) => invite.url.split('/join/')[1] ?? '';

export interface WorkshopFixture {
  workshop: Workshop;
  groups: Group[];
  /** Token of the operator (a facilitator of every workshop). */
  facilitatorToken: string;
  /** Creates an invite and joins through it: a new participant's token. */
  participant(
    role: Invite['role'],
    displayName: string,
    groupId?: string,
  ): Promise<{ token: string; invite: Invite; participantId: string; name: string }>;
  /** Document id of group `index`'s draft. */
  draft(index: number): string;
}

/** Sets up a workshop with `groupCount` groups through the public API, as a facilitator would. */
export async function createWorkshop(
  server: ServerProcess,
  groupCount = 2,
  title = 'Test workshop',
): Promise<WorkshopFixture> {
  const operator = await join(server, operatorSecret(server), 'Operator');
  const token = operator.token;
  const created = await api<Workshop>(server, 'POST', '/api/workshops', { token, body: { title, venue: 'Islamabad' } });
  if (created.status !== 201) throw new Error(`create workshop: ${created.status} ${JSON.stringify(created.body)}`);
  const workshop = created.body;
  const groups: Group[] = [];
  for (let i = 0; i < groupCount; i++) {
    const group = await api<Group>(server, 'POST', `/api/workshops/${workshop.id}/groups`, {
      token,
      body: { name: `Group ${i + 1}`, focusAudience: workshop.audiences[i % workshop.audiences.length] },
    });
    if (group.status !== 201) throw new Error(`create group: ${group.status} ${JSON.stringify(group.body)}`);
    groups.push(group.body);
  }
  return {
    workshop,
    groups,
    facilitatorToken: token,
    draft: (index) => {
      const group = groups[index];
      if (!group) throw new Error(`no group ${index}`);
      return group.documentId;
    },
    async participant(role, displayName, groupId) {
      const invite = await api<Invite>(server, 'POST', `/api/workshops/${workshop.id}/invites`, {
        token,
        body: { role, groupId: groupId ?? null },
      });
      if (invite.status !== 201) throw new Error(`create invite: ${invite.status} ${JSON.stringify(invite.body)}`);
      const joined = await join(server, secretOf(invite.body), displayName);
      return { token: joined.token, invite: invite.body, participantId: joined.participant.id, name: displayName };
    },
  };
}
