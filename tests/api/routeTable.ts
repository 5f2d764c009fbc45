import {
  ApiError,
  Brief,
  BriefStatus,
  Dashboard,
  DocumentInfo,
  Group,
  ImportResult,
  Invite,
  InvitePreview,
  JoinResponse,
  Publication,
  RecommendationItem,
  RestoreResult,
  Session,
  Version,
  VersionComparison,
  VersionContent,
  VersionList,
  Workshop,
  WorkshopHome,
} from '@plenary/shared/api';
import type { Role } from '@plenary/shared/domain';
import { expect } from 'vitest';
import { secretOf, type TwoWorkshops } from '../support/accessWorld';
import {
  type BriefContent,
  type BriefStage,
  briefStatus,
  GROUP_RECOMMENDATIONS,
  NO_CONTENT,
  SOURCE_EDIT,
  VERSION_NAME,
} from '../support/briefContent';
import type { ServerProcess } from '../support/serverProcess';

/** Who calls a route: the operator (facilitator of every workshop) or someone of workshop A. */
export type Actor = 'operator' | Role;

/** The ids a route's path and body are filled with. */
export interface RouteIds {
  workshopId: string;
  groupId: string;
  inviteId: string;
  documentId: string;
  briefId: string;
  secret: string;
  /** '' until a case fills it: then the version `setup` named in the route's document. */
  versionId: string;
}
export type IdName = keyof RouteIds;

/** What a success check may look at besides the answer's body. */
export interface CheckContext {
  server: ServerProcess;
  world: TwoWorkshops;
  ids: RouteIds;
  content: BriefContent;
}

export interface RouteCase {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** The path exactly as the OpenAPI document names it. */
  path: string;
  /** Tells apart two cases of one route. */
  label?: string;
  /** Which document `{documentId}` (or the body's `documentId`) names. */
  document?: 'draft' | 'brief';
  /** A query string (without `?`) every call of the case carries; a function when it names prepared ids. */
  query?: string | ((ids: RouteIds, content: BriefContent) => string);
  /** What the workshop's brief needs before the call can succeed (see `prepareBrief`). */
  setup?: BriefStage;
  /** Who calls it in the success case, and the status they get. */
  actor: Actor;
  ok: number;
  /** A valid body, from the ids of the workshop being addressed and what `setup` made there. */
  body?: (ids: RouteIds, content: BriefContent) => unknown;
  /** Ids the route refers to in its body, besides the path's. */
  bodyRefs?: IdName[];
  badBodies?: Array<{ why: string; body: unknown }>;
  /** Query strings refused with a 400 naming the parameter; `code` when not `invalid_request`. */
  badQueries?: Array<{ why: string; query: string; code?: string }>;
  /** Roles of workshop A the permission function refuses (403). */
  forbidden?: Role[];
  /** False for the routes a visitor calls without a session. */
  auth?: boolean;
  /** What the success answer (parsed JSON, text, or bytes) must say, and what it must have changed. */
  check(body: unknown, context: CheckContext): void | Promise<void>;
}

const firstOf = <T>(items: T[]): T => {
  const [first] = items;
  if (first === undefined) throw new Error('expected at least one item');
  return first;
};
const [TRAIN_JUDGES, FUND_SHELTERS] = GROUP_RECOMMENDATIONS.map((r) => r.text) as [string, string];

const NOT_A: Role[] = ['rapporteur', 'member', 'reader'];

/** Every REST route the OpenAPI document lists, with what each role may do. */
export const ROUTES: RouteCase[] = [
  {
    method: 'GET',
    path: '/api/invites/{secret}',
    actor: 'reader',
    ok: 200,
    auth: false,
    check: (body) => {
      expect(InvitePreview.parse(body)).toEqual({ role: 'reader', workshopTitle: 'Workshop A', groupName: null });
    },
  },
  {
    method: 'POST',
    path: '/api/join',
    actor: 'reader',
    ok: 201,
    auth: false,
    body: (ids) => ({ secret: ids.secret, displayName: '  Nadia Newcomer  ' }),
    badBodies: [
      { why: 'no display name', body: { secret: 'abc' } },
      { why: 'a blank display name', body: { secret: 'abc', displayName: '   ' } },
      { why: 'a display name of 61 characters', body: { secret: 'abc', displayName: 'n'.repeat(61) } },
      { why: 'no secret', body: { displayName: 'Nadia' } },
      { why: 'an empty secret', body: { secret: '', displayName: 'Nadia' } },
      { why: 'a numeric secret', body: { secret: 42, displayName: 'Nadia' } },
    ],
    check: (body, { world }) => {
      const joined = JoinResponse.parse(body);
      expect(joined.participant).toMatchObject({
        displayName: 'Nadia Newcomer',
        role: 'reader',
        workshopId: world.a.workshop.id,
      });
      expect(joined.token.length).toBeGreaterThan(20);
    },
  },
  {
    method: 'GET',
    path: '/api/session',
    actor: 'member',
    ok: 200,
    check: (body, { world }) => {
      const session = Session.parse(body);
      expect(session.participant).toMatchObject({ displayName: 'Maryam Member', role: 'member' });
      expect(session.landing).toBe(`/w/${world.a.workshop.id}/d/${world.a.draft(0)}`);
    },
  },
  {
    method: 'PATCH',
    path: '/api/session',
    actor: 'member',
    ok: 200,
    body: () => ({ displayName: 'Maryam B.' }),
    badBodies: [
      { why: 'no display name', body: {} },
      { why: 'an empty display name', body: { displayName: '' } },
      { why: 'a numeric display name', body: { displayName: 7 } },
    ],
    check: (body) => {
      expect(Session.parse(body).participant.displayName).toBe('Maryam B.');
    },
  },
  {
    method: 'DELETE',
    path: '/api/session',
    actor: 'member',
    ok: 204,
    check: (body) => {
      expect(body).toBeUndefined();
    },
  },
  {
    method: 'GET',
    path: '/api/workshops',
    actor: 'facilitator',
    ok: 200,
    check: (body, { world }) => {
      const workshops = (body as unknown[]).map((w) => Workshop.parse(w));
      expect(workshops.map((w) => w.id)).toEqual([world.a.workshop.id]);
    },
  },
  {
    method: 'POST',
    path: '/api/workshops',
    actor: 'operator',
    ok: 201,
    body: () => ({ title: 'Judicial reform', venue: 'Lahore', startsOn: '2026-03-02', endsOn: '2026-03-03' }),
    badBodies: [
      { why: 'no title', body: { venue: 'Lahore' } },
      { why: 'a blank title', body: { title: '  ' } },
      { why: 'a title of 201 characters', body: { title: 't'.repeat(201) } },
      { why: 'an impossible date', body: { title: 'T', startsOn: '2026-13-45' } },
      { why: 'an end before the start', body: { title: 'T', startsOn: '2026-03-02', endsOn: '2026-03-01' } },
      { why: 'no audiences at all', body: { title: 'T', audiences: [] } },
      { why: 'an empty audience', body: { title: 'T', audiences: [''] } },
    ],
    forbidden: ['facilitator', ...NOT_A],
    check: (body) => {
      const workshop = Workshop.parse(body);
      expect(workshop).toMatchObject({
        title: 'Judicial reform',
        venue: 'Lahore',
        startsOn: '2026-03-02',
        timer: null,
      });
      expect(workshop.audiences).toEqual([
        'Parliamentarians',
        'Policy makers',
        'Law enforcement agencies (police, FIA)',
        'Judiciary',
      ]);
    },
  },
  {
    method: 'GET',
    path: '/api/workshops/{workshopId}',
    actor: 'member',
    ok: 200,
    check: (body, { world }) => {
      const home = WorkshopHome.parse(body);
      expect(home.workshop.id).toBe(world.a.workshop.id);
      expect(home.groups.map((g) => g.name)).toEqual(['Group 1', 'Group 2']);
      // A member may not read briefs, so the home does not list them.
      expect(home.briefs).toEqual([]);
    },
  },
  {
    method: 'PATCH',
    path: '/api/workshops/{workshopId}',
    actor: 'facilitator',
    ok: 200,
    body: () => ({ title: 'Workshop A, day 2', audiences: ['Judiciary', 'Civil society'] }),
    badBodies: [
      { why: 'a blank title', body: { title: '' } },
      { why: 'no audiences at all', body: { audiences: [] } },
      { why: 'a date that is not a date', body: { startsOn: 'tomorrow' } },
      { why: 'an end before the start', body: { startsOn: '2026-03-02', endsOn: '2026-03-01' } },
    ],
    forbidden: NOT_A,
    check: (body) => {
      expect(Workshop.parse(body)).toMatchObject({
        title: 'Workshop A, day 2',
        audiences: ['Judiciary', 'Civil society'],
      });
    },
  },
  {
    method: 'GET',
    path: '/api/workshops/{workshopId}/groups',
    actor: 'rapporteur',
    ok: 200,
    forbidden: ['reader'],
    check: (body, { world }) => {
      const groups = (body as unknown[]).map((g) => Group.parse(g));
      expect(groups.map((g) => g.id)).toEqual(world.a.groups.map((g) => g.id));
    },
  },
  {
    method: 'POST',
    path: '/api/workshops/{workshopId}/groups',
    actor: 'facilitator',
    ok: 201,
    body: () => ({ name: 'Victim protection', focusAudience: 'Judiciary' }),
    badBodies: [
      { why: 'no name', body: {} },
      { why: 'a blank name', body: { name: ' ' } },
      { why: 'a focus audience the workshop does not have', body: { name: 'G', focusAudience: 'Astronauts' } },
    ],
    forbidden: NOT_A,
    check: (body, { world }) => {
      const group = Group.parse(body);
      expect(group).toMatchObject({
        name: 'Victim protection',
        focusAudience: 'Judiciary',
        workshopId: world.a.workshop.id,
        locked: false,
      });
    },
  },
  {
    method: 'PATCH',
    path: '/api/workshops/{workshopId}/groups/{groupId}',
    actor: 'facilitator',
    ok: 200,
    body: () => ({ name: 'Prosecution', focusAudience: 'Judiciary' }),
    badBodies: [
      { why: 'a blank name', body: { name: '' } },
      { why: 'a focus audience the workshop does not have', body: { focusAudience: 'Astronauts' } },
    ],
    forbidden: NOT_A,
    check: (body, { ids }) => {
      expect(Group.parse(body)).toMatchObject({ id: ids.groupId, name: 'Prosecution', focusAudience: 'Judiciary' });
    },
  },
  {
    method: 'DELETE',
    path: '/api/workshops/{workshopId}/groups/{groupId}',
    actor: 'facilitator',
    ok: 204,
    forbidden: NOT_A,
    check: async (_body, { server, world, ids }) => {
      const token = world.people.facilitator;
      const home = WorkshopHome.parse((await call(server, 'GET', `/api/workshops/${ids.workshopId}`, { token })).body);
      expect(home.groups.map((group) => group.id)).not.toContain(ids.groupId);
      // Its draft answers like a missing document; its member's session ended with the group's link.
      expectError(await call(server, 'GET', `/api/documents/${ids.documentId}`, { token }), 404, 'document_not_found');
      expectError(await call(server, 'GET', '/api/session', { token: world.people.member }), 401, 'group_deleted');
      // The other group is untouched, and the deleted one cannot be changed any more.
      expect(home.groups).toHaveLength(world.a.groups.length - 1);
      const patch = await call(server, 'PATCH', `/api/workshops/${ids.workshopId}/groups/${ids.groupId}`, {
        token,
        body: { name: 'Back again' },
      });
      expectError(patch, 404, 'group_not_found');
    },
  },
  {
    method: 'PUT',
    path: '/api/workshops/{workshopId}/groups/{groupId}/lock',
    actor: 'facilitator',
    ok: 200,
    body: () => ({ locked: true }),
    badBodies: [
      { why: 'no lock state', body: {} },
      { why: 'a lock state that is not a boolean', body: { locked: 'yes' } },
    ],
    forbidden: NOT_A,
    check: (body, { ids }) => {
      expect(Group.parse(body)).toMatchObject({ id: ids.groupId, locked: true });
    },
  },
  {
    method: 'GET',
    path: '/api/workshops/{workshopId}/briefs',
    actor: 'rapporteur',
    ok: 200,
    forbidden: ['member', 'reader'],
    check: (body, { world }) => {
      expect((body as unknown[]).map((b) => Brief.parse(b).id)).toEqual([world.briefs.a.id]);
    },
  },
  {
    method: 'POST',
    path: '/api/workshops/{workshopId}/briefs',
    actor: 'rapporteur',
    ok: 201,
    body: () => ({ title: 'Judiciary edition' }),
    badBodies: [
      { why: 'no title', body: {} },
      { why: 'a blank title', body: { title: '' } },
    ],
    forbidden: ['member', 'reader'],
    check: (body, { world }) => {
      expect(Brief.parse(body)).toMatchObject({ title: 'Judiciary edition', workshopId: world.a.workshop.id });
    },
  },
  {
    method: 'PATCH',
    path: '/api/workshops/{workshopId}/briefs/{briefId}',
    actor: 'rapporteur',
    ok: 200,
    body: () => ({ title: 'Brief for the judiciary' }),
    badBodies: [
      { why: 'a blank title', body: { title: '  ' } },
      { why: 'a title of two lines', body: { title: 'Brief\nfor judges' } },
    ],
    forbidden: ['member', 'reader'],
    check: async (body, { server, world, ids }) => {
      expect(Brief.parse(body)).toMatchObject({ id: ids.briefId, title: 'Brief for the judiciary' });
      const token = world.people.rapporteur;
      const listed = (await call(server, 'GET', `/api/workshops/${ids.workshopId}/briefs`, { token })).body;
      expect((listed as Brief[]).map((brief) => brief.title)).toEqual(['Brief for the judiciary']);
    },
  },
  {
    method: 'DELETE',
    path: '/api/workshops/{workshopId}/briefs/{briefId}',
    document: 'brief',
    actor: 'rapporteur',
    ok: 204,
    forbidden: ['member', 'reader'],
    check: async (_body, { server, world, ids }) => {
      const token = world.people.facilitator;
      const home = WorkshopHome.parse((await call(server, 'GET', `/api/workshops/${ids.workshopId}`, { token })).body);
      expect(home.briefs).toEqual([]);
      // Its document answers like a missing one, and the brief can be neither renamed nor composed.
      expectError(await call(server, 'GET', `/api/documents/${ids.documentId}`, { token }), 404, 'document_not_found');
      const path = `/api/workshops/${ids.workshopId}/briefs/${ids.briefId}`;
      expectError(await call(server, 'PATCH', path, { token, body: { title: 'Back again' } }), 404, 'brief_not_found');
      expectError(await call(server, 'GET', `${path}/status`, { token }), 404, 'brief_not_found');
    },
  },
  {
    method: 'PUT',
    path: '/api/workshops/{workshopId}/timer',
    actor: 'facilitator',
    ok: 200,
    body: () => ({ durationMinutes: 20, label: 'Breakout 1' }),
    badBodies: [
      { why: 'no duration', body: {} },
      { why: 'a zero duration', body: { durationMinutes: 0 } },
      { why: 'a negative duration', body: { durationMinutes: -5 } },
      { why: 'a duration given as text', body: { durationMinutes: 'ten' } },
      { why: 'a duration over a day', body: { durationMinutes: 24 * 60 + 1 } },
    ],
    forbidden: NOT_A,
    check: (body) => {
      expect(Workshop.parse(body).timer?.label).toBe('Breakout 1');
    },
  },
  {
    method: 'DELETE',
    path: '/api/workshops/{workshopId}/timer',
    actor: 'facilitator',
    ok: 200,
    forbidden: NOT_A,
    check: (body) => {
      expect(Workshop.parse(body).timer).toBeNull();
    },
  },
  {
    method: 'GET',
    path: '/api/workshops/{workshopId}/dashboard',
    actor: 'rapporteur',
    ok: 200,
    forbidden: ['member', 'reader'],
    check: (body, { world }) => {
      const dashboard = Dashboard.parse(body);
      expect(dashboard.groups.map((g) => g.groupId)).toEqual(world.a.groups.map((g) => g.id));
    },
  },
  {
    method: 'GET',
    path: '/api/workshops/{workshopId}/recommendations',
    actor: 'member',
    ok: 200,
    badQueries: [{ why: 'a priority there is not', query: 'priority=urgent' }],
    forbidden: ['reader'],
    check: (body) => {
      // Fresh drafts hold the template only; issue 4's tests cover the filters and the content.
      expect((body as unknown[]).map((item) => RecommendationItem.parse(item))).toEqual([]);
    },
  },
  {
    method: 'GET',
    path: '/api/workshops/{workshopId}/events',
    actor: 'reader',
    ok: 200,
    check: () => {
      // The stream itself is checked in workshopLifecycle.test.ts; call() checks its content type.
    },
  },
  {
    method: 'GET',
    path: '/api/workshops/{workshopId}/invites',
    actor: 'facilitator',
    ok: 200,
    forbidden: NOT_A,
    check: (body, { world }) => {
      const invites = (body as unknown[]).map((i) => Invite.parse(i));
      expect(invites.map((i) => i.id)).toContain(world.invites.a.id);
      expect(invites.every((i) => i.workshopId === world.a.workshop.id)).toBe(true);
    },
  },
  {
    method: 'POST',
    path: '/api/workshops/{workshopId}/invites',
    actor: 'facilitator',
    ok: 201,
    body: (ids) => ({ role: 'member', groupId: ids.groupId }),
    bodyRefs: ['groupId'],
    badBodies: [
      { why: 'no role', body: {} },
      { why: 'an unknown role', body: { role: 'admin' } },
      { why: 'a member link without a group', body: { role: 'member' } },
      { why: 'a reader link with a group', body: { role: 'reader', groupId: 'abc' } },
      { why: 'a group id that is not an id', body: { role: 'member', groupId: '../x' } },
    ],
    forbidden: NOT_A,
    check: (body, { ids }) => {
      const invite = Invite.parse(body);
      expect(invite).toMatchObject({ role: 'member', groupId: ids.groupId, revoked: false });
      expect(secretOf(invite).length).toBeGreaterThanOrEqual(22);
    },
  },
  {
    method: 'POST',
    path: '/api/workshops/{workshopId}/invites/{inviteId}/revoke',
    actor: 'facilitator',
    ok: 200,
    forbidden: NOT_A,
    check: (body, { ids }) => {
      expect(Invite.parse(body)).toMatchObject({ id: ids.inviteId, revoked: true });
    },
  },
  {
    method: 'POST',
    path: '/api/workshops/{workshopId}/invites/{inviteId}/reissue',
    actor: 'facilitator',
    ok: 201,
    forbidden: NOT_A,
    check: (body, { ids, world }) => {
      const invite = Invite.parse(body);
      expect(invite.id).not.toBe(ids.inviteId);
      expect(invite.url).not.toBe(world.invites.a.url);
      expect(invite).toMatchObject({ role: 'reader', revoked: false });
    },
  },
  {
    method: 'GET',
    path: '/api/documents/{documentId}',
    label: 'a draft',
    document: 'draft',
    actor: 'member',
    ok: 200,
    forbidden: ['reader'],
    check: (body, { ids, world }) => {
      expect(DocumentInfo.parse(body)).toEqual({
        documentId: ids.documentId,
        kind: 'draft',
        workshopId: world.a.workshop.id,
        groupId: world.a.groups[0]?.id,
        title: 'Group 1',
        canWrite: true,
        locked: false,
      });
    },
  },
  {
    method: 'GET',
    path: '/api/documents/{documentId}',
    label: 'a brief',
    document: 'brief',
    actor: 'rapporteur',
    ok: 200,
    forbidden: ['member', 'reader'],
    check: (body, { ids }) => {
      expect(DocumentInfo.parse(body)).toMatchObject({ documentId: ids.documentId, kind: 'brief', canWrite: true });
    },
  },
  {
    method: 'GET',
    path: '/api/documents/{documentId}/export',
    label: 'a draft as Markdown',
    document: 'draft',
    query: 'format=md',
    setup: 'drafted',
    actor: 'member',
    ok: 200,
    badQueries: [
      { why: 'no format', query: '' },
      { why: 'a format it does not make', query: 'format=exe' },
      { why: 'a blank audience', query: 'format=md&audience=%20' },
      {
        why: 'an audience the workshop does not have',
        query: 'format=md&audience=Astronauts',
        code: 'unknown_audience',
      },
    ],
    forbidden: ['reader'],
    check: (body) => {
      expect(body).toBeTypeOf('string');
      expect(body as string).toMatch(/^# Group 1\n/);
      expect(body as string).toContain(TRAIN_JUDGES);
      expect(body as string).toContain(FUND_SHELTERS);
    },
  },
  {
    method: 'GET',
    path: '/api/documents/{documentId}/export',
    label: "a brief's audience edition as Markdown",
    document: 'brief',
    query: 'format=md&audience=Judiciary',
    setup: 'imported',
    actor: 'rapporteur',
    ok: 200,
    forbidden: ['member', 'reader'],
    check: (body) => {
      expect(body).toBeTypeOf('string');
      expect(body as string).toMatch(/^# Plenary brief\n/);
      expect(body as string).toContain(TRAIN_JUDGES);
      expect(body as string).toContain(FUND_SHELTERS);
    },
  },
  {
    method: 'GET',
    path: '/api/workshops/{workshopId}/briefs/{briefId}/status',
    setup: 'imported',
    actor: 'rapporteur',
    ok: 200,
    forbidden: ['member', 'reader'],
    check: (body, { ids, content }) => {
      const status = BriefStatus.parse(body);
      expect(status.briefId).toBe(ids.briefId);
      expect(status.changes.map((c) => [c.recommendationId, c.groupName, c.status])).toEqual(
        content.briefRecommendationIds.map((id) => [id, 'Group 1', 'unchanged']),
      );
      expect(status.coverage).toEqual({ used: 2, total: 2 });
    },
  },
  {
    method: 'POST',
    path: '/api/workshops/{workshopId}/briefs/{briefId}/imports',
    document: 'draft',
    setup: 'drafted',
    actor: 'rapporteur',
    ok: 201,
    body: (ids, content) => ({ documentId: ids.documentId, recommendationIds: content.draftRecommendationIds }),
    bodyRefs: ['documentId'],
    badBodies: [
      { why: 'an empty list of recommendations', body: { documentId: 'abc', recommendationIds: [] } },
      { why: 'no recommendations', body: { documentId: 'abc' } },
      { why: 'no source document', body: { recommendationIds: ['r1'] } },
      { why: 'a source document id that is not an id', body: { documentId: '../x', recommendationIds: ['r1'] } },
      { why: 'a recommendation id that is not an id', body: { documentId: 'abc', recommendationIds: ['r 1'] } },
      {
        why: '201 recommendations at once',
        body: { documentId: 'abc', recommendationIds: Array.from({ length: 201 }, (_, i) => `r${i}`) },
      },
    ],
    forbidden: ['member', 'reader'],
    check: async (body, { server, world, content }) => {
      const { imported } = ImportResult.parse(body);
      expect(imported.map((i) => i.sourceRecommendationId)).toEqual(content.draftRecommendationIds);
      const status = await briefStatus(server, world.a, world.briefs.a);
      expect(status.changes.map((c) => [c.recommendationId, c.briefText])).toEqual([
        [imported[0]?.briefRecommendationId, TRAIN_JUDGES],
        [imported[1]?.briefRecommendationId, FUND_SHELTERS],
      ]);
    },
  },
  {
    method: 'POST',
    path: '/api/workshops/{workshopId}/briefs/{briefId}/merge',
    setup: 'imported',
    actor: 'rapporteur',
    ok: 201,
    body: (_ids, content) => ({ recommendationIds: content.briefRecommendationIds, statement: 'Train and fund.' }),
    badBodies: [
      { why: 'one recommendation only', body: { recommendationIds: ['r1'], statement: 'S' } },
      { why: 'no statement', body: { recommendationIds: ['r1', 'r2'] } },
      { why: 'a blank statement', body: { recommendationIds: ['r1', 'r2'], statement: '  ' } },
      {
        why: '21 recommendations',
        body: { recommendationIds: Array.from({ length: 21 }, (_, i) => `r${i}`), statement: 'S' },
      },
    ],
    forbidden: ['member', 'reader'],
    check: async (body, { server, world }) => {
      const { recommendationId } = body as { recommendationId: string };
      const status = await briefStatus(server, world.a, world.briefs.a);
      // One recommendation in the rapporteur's words, still answering to both of its sources.
      expect(status.changes.map((c) => [c.recommendationId, c.sourceRecommendationId, c.briefText])).toEqual(
        GROUP_RECOMMENDATIONS.map((r) => [recommendationId, r.id, 'Train and fund.']),
      );
    },
  },
  {
    method: 'POST',
    path: '/api/workshops/{workshopId}/briefs/{briefId}/split',
    setup: 'merged',
    actor: 'rapporteur',
    ok: 200,
    body: (_ids, content) => ({ recommendationId: content.mergedId }),
    badBodies: [
      { why: 'no recommendation', body: {} },
      { why: 'a numeric recommendation id', body: { recommendationId: 7 } },
      { why: 'a recommendation id that is not an id', body: { recommendationId: 'r/1' } },
    ],
    forbidden: ['member', 'reader'],
    check: async (body, { server, world, content }) => {
      expect(body).toEqual({ recommendationIds: content.briefRecommendationIds });
      const status = await briefStatus(server, world.a, world.briefs.a);
      expect(status.changes.map((c) => c.briefText)).toEqual([TRAIN_JUDGES, FUND_SHELTERS]);
    },
  },
  {
    method: 'POST',
    path: '/api/workshops/{workshopId}/briefs/{briefId}/source-actions',
    setup: 'changed',
    actor: 'rapporteur',
    ok: 204,
    body: (_ids, content) => ({
      recommendationId: firstOf(content.briefRecommendationIds),
      sourceIndex: 0,
      action: 'pull',
    }),
    badBodies: [
      { why: "an action 'x'", body: { recommendationId: 'r1', sourceIndex: 0, action: 'x' } },
      { why: 'no action', body: { recommendationId: 'r1', sourceIndex: 0 } },
      { why: 'a negative source index', body: { recommendationId: 'r1', sourceIndex: -1, action: 'pull' } },
      { why: 'a fractional source index', body: { recommendationId: 'r1', sourceIndex: 0.5, action: 'pull' } },
      { why: 'a source index given as text', body: { recommendationId: 'r1', sourceIndex: '0', action: 'pull' } },
      { why: 'no recommendation', body: { sourceIndex: 0, action: 'dismiss' } },
    ],
    forbidden: ['member', 'reader'],
    check: async (body, { server, world }) => {
      expect(body).toBeUndefined();
      const status = await briefStatus(server, world.a, world.briefs.a);
      expect(status.changes.map((c) => [c.status, c.briefText])).toEqual([
        ['unchanged', `${SOURCE_EDIT}${TRAIN_JUDGES}`],
        ['unchanged', FUND_SHELTERS],
      ]);
    },
  },
  {
    method: 'POST',
    path: '/api/workshops/{workshopId}/briefs/{briefId}/publications',
    setup: 'imported',
    actor: 'rapporteur',
    ok: 201,
    forbidden: ['member', 'reader'],
    check: (body) => {
      const publication = Publication.parse(body);
      expect(publication).toMatchObject({ version: 1, title: 'Plenary brief', publishedBy: 'Rafiq Rapporteur' });
      expect(publication.path).toBe(`/p/${publication.slug}/v/1`);
    },
  },
  {
    method: 'GET',
    path: '/api/workshops/{workshopId}/briefs/{briefId}/publications',
    setup: 'published',
    actor: 'rapporteur',
    ok: 200,
    forbidden: ['member', 'reader'],
    check: (body) => {
      const publications = (body as unknown[]).map((p) => Publication.parse(p));
      expect(publications.map((p) => [p.version, p.title, p.publishedBy])).toEqual([[1, 'Plenary brief', 'Operator']]);
    },
  },
  {
    method: 'GET',
    path: '/api/documents/{documentId}/versions',
    document: 'draft',
    setup: 'versioned',
    actor: 'member',
    ok: 200,
    forbidden: ['reader'],
    check: (body, { content }) => {
      const { versions } = VersionList.parse(body);
      expect(versions.map((v) => [v.id, v.kind, v.name, v.createdBy])).toEqual([
        [content.versionIds.draft, 'named', VERSION_NAME, 'Operator'],
      ]);
    },
  },
  {
    method: 'POST',
    path: '/api/documents/{documentId}/versions',
    label: 'a draft',
    document: 'draft',
    actor: 'member',
    ok: 201,
    body: () => ({ name: '  Plenary draft, day 2 ' }),
    badBodies: [
      { why: 'no name', body: {} },
      { why: 'a blank name', body: { name: '   ' } },
      { why: 'a name of 121 characters', body: { name: 'n'.repeat(121) } },
      { why: 'a numeric name', body: { name: 2 } },
    ],
    forbidden: ['rapporteur', 'reader'],
    check: async (body, { server, ids, world }) => {
      const version = Version.parse(body);
      expect(version).toMatchObject({ kind: 'named', name: 'Plenary draft, day 2', createdBy: 'Maryam Member' });
      const listed = await call(server, 'GET', `/api/documents/${ids.documentId}/versions`, {
        token: world.people.member,
      });
      expect(VersionList.parse(listed.body).versions.map((v) => v.id)).toEqual([version.id]);
    },
  },
  {
    method: 'POST',
    path: '/api/documents/{documentId}/versions',
    label: 'a brief',
    document: 'brief',
    actor: 'rapporteur',
    ok: 201,
    body: () => ({ name: 'Plenary draft, day 2' }),
    forbidden: ['member', 'reader'],
    check: (body) => {
      expect(Version.parse(body)).toMatchObject({ kind: 'named', createdBy: 'Rafiq Rapporteur' });
    },
  },
  {
    method: 'GET',
    path: '/api/documents/{documentId}/versions/compare',
    document: 'draft',
    setup: 'versioned',
    query: (_ids, content) => `from=${content.versionIds.draft}&to=now`,
    actor: 'member',
    ok: 200,
    badQueries: [
      { why: 'no version to compare from', query: '' },
      { why: 'a malformed version to compare with', query: 'from=abc&to=not.an.id' },
    ],
    forbidden: ['reader'],
    check: (body) => {
      const comparison = VersionComparison.parse(body);
      expect(comparison.to).toBeNull();
      expect(comparison.counts).toEqual({ inserted: 0, deleted: 0, changed: 1, moved: 0 });
      const changed = comparison.blocks.find((block) => block.change === 'changed');
      expect(changed?.text.find((part) => part.kind === 'insert')?.text).toBe(SOURCE_EDIT);
    },
  },
  {
    method: 'GET',
    path: '/api/documents/{documentId}/versions/{versionId}',
    document: 'draft',
    setup: 'versioned',
    actor: 'member',
    ok: 200,
    forbidden: ['reader'],
    check: (body, { content }) => {
      const version = VersionContent.parse(body);
      expect(version.version).toMatchObject({ id: content.versionIds.draft, name: VERSION_NAME });
      expect(JSON.stringify(version.content)).toContain(TRAIN_JUDGES);
      expect(JSON.stringify(version.content)).not.toContain(SOURCE_EDIT);
    },
  },
  {
    method: 'POST',
    path: '/api/documents/{documentId}/versions/{versionId}/restore',
    label: 'a draft',
    document: 'draft',
    setup: 'versioned',
    actor: 'member',
    ok: 200,
    forbidden: ['rapporteur', 'reader'],
    check: async (body, { server, ids, content, world }) => {
      const result = RestoreResult.parse(body);
      expect(result.restored.id).toBe(content.versionIds.draft);
      expect(result.before.kind).toBe('auto');
      const compared = await call(
        server,
        'GET',
        `/api/documents/${ids.documentId}/versions/compare?from=${content.versionIds.draft}`,
        { token: world.people.member },
      );
      expect(VersionComparison.parse(compared.body).counts).toEqual({ inserted: 0, deleted: 0, changed: 0, moved: 0 });
    },
  },
  {
    method: 'POST',
    path: '/api/documents/{documentId}/versions/{versionId}/restore',
    label: 'a brief',
    document: 'brief',
    setup: 'versioned',
    actor: 'rapporteur',
    ok: 200,
    forbidden: ['member', 'reader'],
    check: (body, { content }) => {
      expect(RestoreResult.parse(body).restored.id).toBe(content.versionIds.brief);
    },
  },
  {
    method: 'DELETE',
    path: '/api/documents/{documentId}/versions/{versionId}',
    document: 'draft',
    setup: 'versioned',
    actor: 'facilitator',
    ok: 204,
    forbidden: NOT_A,
    check: async (body, { server, ids, content, world }) => {
      expect(body).toBeUndefined();
      const path = `/api/documents/${ids.documentId}/versions/${content.versionIds.draft}`;
      const token = world.people.facilitator;
      expectError(await call(server, 'GET', path, { token }), 410, 'version_deleted');
      expectError(await call(server, 'POST', `${path}/restore`, { token }), 410, 'version_deleted');
      const listed = await call(server, 'GET', `/api/documents/${ids.documentId}/versions`, { token });
      expect(VersionList.parse(listed.body).versions).toEqual([]);
    },
  },
];

/** The ids a route addresses in workshop `side` of the world. */
export function idsOf(world: TwoWorkshops, side: 'a' | 'b', route: Pick<RouteCase, 'document'>): RouteIds {
  const fixture = world[side];
  const group = fixture.groups[0];
  if (!group) throw new Error(`workshop ${side} has no group`);
  return {
    workshopId: fixture.workshop.id,
    groupId: group.id,
    inviteId: world.invites[side].id,
    documentId: route.document === 'brief' ? world.briefs[side].documentId : fixture.draft(0),
    briefId: world.briefs[side].id,
    secret: secretOf(world.invites[side]),
    versionId: '',
  };
}

/** The names of the ids in a route's path, in order. */
export function pathParams(route: Pick<RouteCase, 'path'>): IdName[] {
  return [...route.path.matchAll(/\{(\w+)\}/g)].map((match) => match[1] as IdName);
}

/** The route's path with its parameters filled in (URL-encoded); an unset version is the prepared one. */
export function fillPath(
  route: Pick<RouteCase, 'path' | 'document'>,
  ids: RouteIds,
  content: BriefContent = NO_CONTENT,
): string {
  const filled: RouteIds = { ...ids, versionId: ids.versionId || content.versionIds[route.document ?? 'draft'] };
  return route.path.replace(/\{(\w+)\}/g, (_whole, name: string) => encodeURIComponent(filled[name as IdName]));
}

/**
 * An HTTP answer. Its body is parsed JSON for a JSON type, text for other `text/*` types, bytes
 * for anything else (a download), and undefined when empty or an event stream.
 */
export interface Reply {
  status: number;
  contentType: string;
  headers: Headers;
  body: unknown;
}

export interface CallOptions {
  token?: string | undefined;
  body?: unknown;
  headers?: Record<string, string>;
}

export async function call(
  server: ServerProcess,
  method: string,
  path: string,
  options: CallOptions = {},
): Promise<Reply> {
  const response = await fetch(`${server.httpUrl}${path}`, {
    method,
    headers: {
      ...(options.body !== undefined ? { 'content-type': 'application/json' } : {}),
      ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
      ...options.headers,
    },
    body: options.body !== undefined ? JSON.stringify(options.body) : undefined,
  });
  const contentType = response.headers.get('content-type') ?? '';
  if (contentType.startsWith('text/event-stream')) {
    // An open stream never ends by itself; its status and type are all a route test needs.
    await response.body?.cancel();
    return { status: response.status, contentType, headers: response.headers, body: undefined };
  }
  const bytes = new Uint8Array(await response.arrayBuffer());
  return { status: response.status, contentType, headers: response.headers, body: decodeBody(bytes, contentType) };
}

function decodeBody(bytes: Uint8Array, contentType: string): unknown {
  if (bytes.length === 0) return undefined;
  const text = () => new TextDecoder().decode(bytes);
  if (/^application\/(.+\+)?json/.test(contentType)) return JSON.parse(text());
  if (contentType.startsWith('text/')) return text();
  return bytes;
}

export interface RouteCallOptions {
  /** Sent instead of the route's valid body. */
  body?: unknown;
  /** Sent instead of the route's query string. */
  query?: string;
  /** What `setup` made, for the valid body; without it the body names recommendations that do not exist. */
  content?: BriefContent;
}

/** Calls `route` with `ids`, its valid body and query (unless `options` replaces them), as `token`. */
export function callRoute(
  server: ServerProcess,
  route: RouteCase,
  ids: RouteIds,
  token: string | undefined,
  options: RouteCallOptions = {},
): Promise<Reply> {
  const content = options.content ?? NO_CONTENT;
  const body = 'body' in options ? options.body : route.body?.(ids, content);
  const query = options.query ?? (typeof route.query === 'function' ? route.query(ids, content) : route.query);
  return call(server, route.method, `${fillPath(route, ids, content)}${query ? `?${query}` : ''}`, { token, body });
}

/** Asserts the documented error shape `{ error: { code, message, details? } }` with `status` and `code`. */
export function expectError(reply: Reply, status: number, code: string | RegExp): ApiError['error'] {
  expect(reply.status, JSON.stringify(reply.body)).toBe(status);
  expect(reply.contentType).toMatch(/^application\/json/);
  const { error } = ApiError.parse(reply.body);
  if (typeof code === 'string') expect(error.code).toBe(code);
  else expect(error.code).toMatch(code);
  expect(error.message.length).toBeGreaterThan(0);
  return error;
}

/** A route's name in test titles. */
export function routeName(route: Pick<RouteCase, 'method' | 'path' | 'label'>): string {
  return `${route.method} ${route.path}${route.label ? ` (${route.label})` : ''}`;
}
