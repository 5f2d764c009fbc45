import type { Brief, Invite } from '@plenary/shared/api';
import type { Role } from '@plenary/shared/domain';
import { type ServerProcess, startServer } from './serverProcess';
import { api, createWorkshop, type WorkshopFixture } from './workshopFixture';

/**
 * A server for access tests: info logs (the one-time operator link is printed at that level),
 * no demo seed, and a join limit high enough for the many joins a test file makes.
 */
export function startAccessServer(env: Record<string, string> = {}): Promise<ServerProcess> {
  return startServer({
    env: {
      LOG_LEVEL: 'info',
      SEED_DEMO: 'false',
      JOIN_RATE_LIMIT_PER_MINUTE: '100000',
      JOINS_PER_MINUTE: '100000',
      ...env,
    },
  });
}

/** Tokens of one person per role in a workshop; the member belongs to its first group. */
export type PeopleByRole = Record<Role, string> & { operator: string };

/** Two workshops on one server, with people in the first and spare links and briefs in both. */
export interface TwoWorkshops {
  a: WorkshopFixture;
  b: WorkshopFixture;
  /** People of workshop A; `facilitator` joined through an A link, unlike the operator. */
  people: PeopleByRole;
  briefs: { a: Brief; b: Brief };
  /** An unused reader link in each workshop, for invite routes. */
  invites: { a: Invite; b: Invite };
}

export async function createTwoWorkshops(server: ServerProcess, groupCount = 2): Promise<TwoWorkshops> {
  const a = await createWorkshop(server, groupCount, 'Workshop A');
  const b = await createWorkshop(server, groupCount, 'Workshop B');
  const firstGroup = a.groups[0]?.id;
  if (!firstGroup) throw new Error('workshop A has no group');
  const people: PeopleByRole = {
    operator: a.facilitatorToken,
    facilitator: (await a.participant('facilitator', 'Farah Facilitator')).token,
    rapporteur: (await a.participant('rapporteur', 'Rafiq Rapporteur')).token,
    member: (await a.participant('member', 'Maryam Member', firstGroup)).token,
    reader: (await a.participant('reader', 'Rashid Reader')).token,
  };
  return {
    a,
    b,
    people,
    briefs: { a: await createBrief(server, a), b: await createBrief(server, b) },
    invites: { a: await createInvite(server, a, 'reader'), b: await createInvite(server, b, 'reader') },
  };
}

/** The secret part of an invite's `/join/<secret>` link. */
export function secretOf(invite: Pick<Invite, 'url'>): string {
  const secret = invite.url.split('/join/')[1];
  if (!secret) throw new Error(`not an invite link: ${invite.url}`);
  return secret;
}

async function createBrief(server: ServerProcess, fixture: WorkshopFixture): Promise<Brief> {
  const created = await api<Brief>(server, 'POST', `/api/workshops/${fixture.workshop.id}/briefs`, {
    token: fixture.facilitatorToken,
    body: { title: 'Plenary brief' },
  });
  if (created.status !== 201) throw new Error(`create brief: ${created.status} ${JSON.stringify(created.body)}`);
  return created.body;
}

export async function createInvite(
  server: ServerProcess,
  fixture: WorkshopFixture,
  role: Role,
  groupId: string | null = null,
): Promise<Invite> {
  const created = await api<Invite>(server, 'POST', `/api/workshops/${fixture.workshop.id}/invites`, {
    token: fixture.facilitatorToken,
    body: { role, groupId },
  });
  if (created.status !== 201) throw new Error(`create invite: ${created.status} ${JSON.stringify(created.body)}`);
  return created.body;
}
