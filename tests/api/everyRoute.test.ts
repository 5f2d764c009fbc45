import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTwoWorkshops, startAccessServer, type TwoWorkshops } from '../support/accessWorld';
import { type BriefContent, NO_CONTENT, prepareBrief } from '../support/briefContent';
import type { ServerProcess } from '../support/serverProcess';
import {
  type Actor,
  call,
  callRoute,
  expectError,
  type IdName,
  idsOf,
  pathParams,
  ROUTES,
  type RouteCase,
  type RouteIds,
  routeName,
} from './routeTable';

/** Well-formed ids that name nothing. */
const UNKNOWN_ID = 'NoSuchThing_0123456789';
/** Ids the API's id format forbids: a dot, a space, and one too long. */
const MALFORMED_IDS = ['not.an.id', 'white space', 'x'.repeat(200)];
const NOT_FOUND_CODE: Record<Exclude<IdName, 'secret'>, string> = {
  workshopId: 'workshop_not_found',
  groupId: 'group_not_found',
  inviteId: 'invite_not_found',
  documentId: 'document_not_found',
  briefId: 'brief_not_found',
  versionId: 'version_not_found',
};

const authRoutes = ROUTES.filter((route) => route.auth !== false);
const idParams = (route: RouteCase) => pathParams(route).filter((name) => name !== 'secret');
const routesWithIds = ROUTES.filter((route) => idParams(route).length > 0);

/** Test cases as `[title, case]` rows, so titles print without quotes. */
const titled = <T>(cases: T[], title: (c: T) => string): Array<[string, T]> => cases.map((c) => [title(c), c]);

const successCases = titled(ROUTES, (route) => `${routeName(route)}: succeeds for a ${route.actor}`);
const unauthenticatedCases = titled(
  authRoutes,
  (route) => `${routeName(route)}: 401 without a session or with a forged one`,
);
const badBodyCases = titled(
  ROUTES.flatMap((route) => (route.badBodies ?? []).map((bad) => ({ route, ...bad }))),
  ({ route, why }) => `${routeName(route)}: 400 for ${why}`,
);
const badQueryCases = titled(
  ROUTES.flatMap((route) => (route.badQueries ?? []).map((bad) => ({ route, ...bad }))),
  ({ route, why }) => `${routeName(route)}: 400 for ${why}`,
);
const paramCases = routesWithIds.flatMap((route) => idParams(route).map((param) => ({ route, param })));
const unknownIdCases = titled(paramCases, ({ route, param }) => `${routeName(route)}: 404 for an unknown ${param}`);
const forbiddenCases = titled(
  ROUTES.flatMap((route) => (route.forbidden ?? []).map((role) => ({ route, role }))),
  ({ route, role }) => `${routeName(route)}: 403 for a ${role}, and nothing changes`,
);
// Someone who may not make the request is told so, not what is wrong with the body they sent.
const forbiddenBadBodyCases = titled(
  ROUTES.flatMap((route) => {
    const [role] = route.forbidden ?? [];
    const [bad] = route.badBodies ?? [];
    return role && bad ? [{ route, role, ...bad }] : [];
  }),
  ({ route, role, why }) => `${routeName(route)}: 403, not 400, for a ${role} sending ${why}`,
);
// The same for a query string.
const forbiddenBadQueryCases = titled(
  ROUTES.flatMap((route) => {
    const [role] = route.forbidden ?? [];
    const [bad] = route.badQueries ?? [];
    return role && bad ? [{ route, role, ...bad }] : [];
  }),
  ({ route, role, why }) => `${routeName(route)}: 403, not 400, for a ${role} asking with ${why}`,
);
/**
 * Attempts on workshop B by people of workshop A: B's ids throughout, and A's workshop with one of
 * B's groups, invites or documents slipped in.
 */
const crossCases = titled(
  routesWithIds.flatMap((route) => {
    const refs = [...idParams(route), ...(route.bodyRefs ?? [])].filter((name) => name !== 'workshopId');
    const mixes: Array<IdName[] | 'all'> = [
      'all',
      ...(idParams(route).includes('workshopId') ? refs.map((ref) => [ref]) : []),
    ];
    return (['facilitator', 'member'] as const).flatMap((actor) => mixes.map((mix) => ({ route, actor, mix })));
  }),
  ({ route, actor, mix }) =>
    `${routeName(route)}: a ${actor} of workshop A with ${mix === 'all' ? "B's ids" : `A's workshop and B's ${mix.join(', ')}`} learns nothing and changes nothing`,
);

describe('every REST route', () => {
  let server: ServerProcess;

  beforeAll(async () => {
    server = await startAccessServer();
  });

  afterAll(async () => {
    await server?.stop();
  });

  const tokenOf = (world: TwoWorkshops, actor: Actor) => world.people[actor];
  /** Brings workshop `side`'s brief to the stage the route's success needs. */
  const prepare = (world: TwoWorkshops, route: RouteCase, side: 'a' | 'b' = 'a'): Promise<BriefContent> =>
    route.setup ? prepareBrief(server, world[side], world.briefs[side], route.setup) : Promise.resolve(NO_CONTENT);

  it('is in the OpenAPI document, and the document lists no route this table misses', async () => {
    const reply = await call(server, 'GET', '/api/openapi.json');
    const spec = reply.body as { paths: Record<string, Record<string, unknown>> };
    const documented = Object.entries(spec.paths).flatMap(([path, methods]) =>
      Object.keys(methods).map((method) => `${method.toUpperCase()} ${path}`),
    );
    const tested = [...new Set(ROUTES.map((route) => `${route.method} ${route.path}`))];
    expect(documented.sort()).toEqual(tested.sort());
  });

  it.each(successCases)('%s', async (_title, route) => {
    const world = await createTwoWorkshops(server);
    const ids = idsOf(world, 'a', route);
    const content = await prepare(world, route);
    const token = route.auth === false ? undefined : tokenOf(world, route.actor);
    const reply = await callRoute(server, route, ids, token, { content });
    expect(reply.status, JSON.stringify(reply.body)).toBe(route.ok);
    if (route.path.endsWith('/events')) expect(reply.contentType).toMatch(/^text\/event-stream/);
    await route.check(reply.body, { server, world, ids, content });
  });

  it.each(unauthenticatedCases)('%s', async (_title, route) => {
    const world = await createTwoWorkshops(server);
    const ids = idsOf(world, 'a', route);
    expectError(await callRoute(server, route, ids, undefined), 401, 'unauthorized');
    // A well-shaped token whose signature is not the server's.
    const [prefix, sessionId] = world.people.facilitator.split('.');
    const forged = `${prefix}.${sessionId}.${'A'.repeat(43)}`;
    expectError(await callRoute(server, route, ids, forged), 401, 'unauthorized');
    expectError(await callRoute(server, route, ids, 'garbage'), 401, 'unauthorized');
  });

  it.each(badBodyCases)('%s', async (_title, { route, body }) => {
    const world = await createTwoWorkshops(server);
    const ids = idsOf(world, 'a', route);
    const token = route.auth === false ? undefined : tokenOf(world, route.actor);
    const error = expectError(await callRoute(server, route, ids, token, { body }), 400, 'invalid_request');
    // details names each bad field, so a form can show the message beside it.
    expect(error.details, `no details in ${JSON.stringify(error)}`).toBeTypeOf('object');
    expect(Object.keys(error.details as object).length).toBeGreaterThan(0);
  });

  it.each(badQueryCases)('%s', async (_title, { route, query, code }) => {
    const world = await createTwoWorkshops(server);
    const ids = idsOf(world, 'a', route);
    const reply = await callRoute(server, route, ids, tokenOf(world, route.actor), { query });
    const error = expectError(reply, 400, code ?? 'invalid_request');
    const named = Object.keys(error.details ?? {});
    expect(
      named.some((name) => ['format', 'audience', 'from', 'to', 'priority'].includes(name)),
      JSON.stringify(error),
    ).toBe(true);
  });

  it('answers 400 naming the parameter for a malformed id in any route path', async () => {
    const world = await createTwoWorkshops(server);
    const wrong: string[] = [];
    for (const { route, param } of paramCases) {
      for (const malformed of MALFORMED_IDS) {
        const ids: RouteIds = { ...idsOf(world, 'a', route), [param]: malformed };
        const reply = await callRoute(server, route, ids, tokenOf(world, route.actor));
        const error = (reply.body as { error?: { code?: string; details?: object } } | undefined)?.error;
        const named = Object.keys(error?.details ?? {}).includes(param);
        if (reply.status !== 400 || error?.code !== 'invalid_request' || !named) {
          wrong.push(`${routeName(route)} with ${param}=${malformed.slice(0, 12)}: ${reply.status} ${error?.code}`);
        }
      }
    }
    expect(wrong).toEqual([]);
  });

  it.each(unknownIdCases)('%s', async (_title, { route, param }) => {
    const world = await createTwoWorkshops(server);
    const ids: RouteIds = { ...idsOf(world, 'a', route), [param]: UNKNOWN_ID };
    const code = NOT_FOUND_CODE[param as Exclude<IdName, 'secret'>];
    expectError(await callRoute(server, route, ids, tokenOf(world, route.actor)), 404, code);
  });

  it('POST /api/workshops/{workshopId}/invites: 404 for a member link to an unknown group', async () => {
    const world = await createTwoWorkshops(server);
    const reply = await call(server, 'POST', `/api/workshops/${world.a.workshop.id}/invites`, {
      token: world.people.facilitator,
      body: { role: 'member', groupId: UNKNOWN_ID },
    });
    expectError(reply, 404, 'group_not_found');
  });

  it.each(forbiddenCases)('%s', async (_title, { route, role }) => {
    const world = await createTwoWorkshops(server);
    // Prepared like the success case, so a wrongly allowed call would change something.
    const content = await prepare(world, route);
    const before = await workshopState(server, world, 'a');
    const reply = await callRoute(server, route, idsOf(world, 'a', route), tokenOf(world, role), { content });
    expectError(reply, 403, 'forbidden');
    expect(await workshopState(server, world, 'a')).toEqual(before);
  });

  it.each(forbiddenBadBodyCases)('%s', async (_title, { route, role, body }) => {
    const world = await createTwoWorkshops(server);
    const reply = await callRoute(server, route, idsOf(world, 'a', route), tokenOf(world, role), { body });
    expectError(reply, 403, 'forbidden');
  });

  it.each(forbiddenBadQueryCases)('%s', async (_title, { route, role, query }) => {
    const world = await createTwoWorkshops(server);
    const reply = await callRoute(server, route, idsOf(world, 'a', route), tokenOf(world, role), { query });
    expectError(reply, 403, 'forbidden');
  });

  it.each(crossCases)('%s', async (_title, { route, actor, mix }) => {
    const world = await createTwoWorkshops(server);
    const a = idsOf(world, 'a', route);
    const b = idsOf(world, 'b', route);
    const swapped = (source: RouteIds): RouteIds =>
      mix === 'all' ? source : { ...a, ...Object.fromEntries(mix.map((name) => [name, source[name]])) };
    const unknown = Object.fromEntries(Object.keys(b).map((name) => [name, UNKNOWN_ID])) as unknown as RouteIds;
    // B's brief holds what the call needs, so only the workshop boundary stands in its way.
    const content = await prepare(world, route, 'b');
    const before = await workshopState(server, world, 'b');

    const reply = await callRoute(server, route, swapped(b), tokenOf(world, actor), { content });
    const control = await callRoute(server, route, swapped(unknown), tokenOf(world, actor), { content });

    // B's ids get exactly the answer unknown ids get, so nobody outside B learns they exist…
    expect({ status: reply.status, body: reply.body }).toEqual({ status: control.status, body: control.body });
    // …and that answer is a 404, except where the caller may not do this in their own workshop anyway.
    const refusedAtHome = actor === 'member' && mix !== 'all';
    if (refusedAtHome) expectError(reply, 403, 'forbidden');
    else expectError(reply, 404, /_not_found$/);
    expect(await workshopState(server, world, 'b')).toEqual(before);
  });
});

/** Everything the operator sees of one workshop: what any wrongful change would show up in. */
async function workshopState(server: ServerProcess, world: TwoWorkshops, side: 'a' | 'b') {
  const { id } = world[side].workshop;
  const brief = `/api/workshops/${id}/briefs/${world.briefs[side].id}`;
  const token = world.people.operator;
  const [home, invites, workshops, briefStatus, publications] = await Promise.all([
    call(server, 'GET', `/api/workshops/${id}`, { token }),
    call(server, 'GET', `/api/workshops/${id}/invites`, { token }),
    call(server, 'GET', '/api/workshops', { token }),
    call(server, 'GET', `${brief}/status`, { token }),
    call(server, 'GET', `${brief}/publications`, { token }),
  ]);
  return {
    home: home.body,
    invites: invites.body,
    workshopCount: (workshops.body as unknown[]).length,
    briefStatus: briefStatus.body,
    publications: publications.body,
  };
}
