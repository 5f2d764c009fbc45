import { connect } from 'node:net';
import { WorkshopHome } from '@plenary/shared/api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createInvite, secretOf, startAccessServer } from '../support/accessWorld';
import type { ServerProcess } from '../support/serverProcess';
import { createWorkshop, join, operatorSecret } from '../support/workshopFixture';
import { call, expectError, ROUTES } from './routeTable';

describe('HTTP safety of the API', () => {
  let server: ServerProcess;

  beforeAll(async () => {
    server = await startAccessServer();
  });

  afterAll(async () => {
    await server?.stop();
  });

  it('refuses a state-changing request from another site, and lets the same site through', async () => {
    const fixture = await createWorkshop(server, 1);
    const token = fixture.facilitatorToken;
    const path = `/api/workshops/${fixture.workshop.id}`;
    const listed = async () => ((await call(server, 'GET', '/api/workshops', { token })).body as unknown[]).length;
    const count = await listed();

    for (const origin of ['http://evil.example', `http://127.0.0.1:${server.port + 1}`, 'null']) {
      const headers = { origin };
      expectError(
        await call(server, 'POST', '/api/workshops', { token, headers, body: { title: 'Forged' } }),
        403,
        'bad_origin',
      );
      expectError(await call(server, 'PATCH', path, { token, headers, body: { title: 'Forged' } }), 403, 'bad_origin');
      expectError(await call(server, 'DELETE', `${path}/timer`, { token, headers }), 403, 'bad_origin');
      // Reading is not a forgery risk: a cross-site page cannot see the answer.
      expect((await call(server, 'GET', path, { token, headers })).status).toBe(200);
    }
    expect(await listed()).toBe(count);
    expect(WorkshopHome.parse((await call(server, 'GET', path, { token })).body).workshop.title).toBe('Test workshop');

    const sameSite = await call(server, 'POST', '/api/workshops', {
      token,
      headers: { origin: server.httpUrl },
      body: { title: 'Made from the app' },
    });
    expect(sameSite.status).toBe(201);
  });

  it('refuses a cross-site join, so another site cannot sign a visitor in with its own link', async () => {
    const fixture = await createWorkshop(server, 1);
    const invite = await createInvite(server, fixture, 'reader');
    const reply = await call(server, 'POST', '/api/join', {
      headers: { origin: 'http://evil.example' },
      body: { secret: secretOf(invite), displayName: 'Visitor' },
    });
    expectError(reply, 403, 'bad_origin');
    expect(reply.headers.getSetCookie()).toEqual([]);
  });

  it('serves an OpenAPI 3.1 document with a schema for every body and the error shape', async () => {
    const reply = await call(server, 'GET', '/api/openapi.json');
    expect(reply.status).toBe(200);
    const spec = reply.body as {
      openapi: string;
      paths: Record<string, Record<string, { requestBody?: unknown; responses: Record<string, unknown> }>>;
      components: { responses: { Error: unknown } };
    };
    expect(spec.openapi).toBe('3.1.0');
    expect(spec.components.responses.Error).toBeDefined();
    const operations = Object.entries(spec.paths).flatMap(([path, methods]) =>
      Object.entries(methods).map(([method, operation]) => ({ name: `${method.toUpperCase()} ${path}`, operation })),
    );
    // A request schema exactly where the server takes a body, and the shared error answer everywhere.
    const withBody = operations.filter(({ operation }) => operation.requestBody !== undefined).map(({ name }) => name);
    const takingBody = new Set(ROUTES.filter((route) => route.body).map((route) => `${route.method} ${route.path}`));
    expect(withBody.sort()).toEqual([...takingBody].sort());
    for (const { name, operation } of operations) {
      expect(operation.responses['404'], name).toEqual({ $ref: '#/components/responses/Error' });
    }
    const joinBody = spec.paths['/api/join']?.post?.requestBody as {
      content: { 'application/json': { schema: { properties: Record<string, unknown> } } };
    };
    expect(Object.keys(joinBody.content['application/json'].schema.properties).sort()).toEqual([
      'displayName',
      'secret',
    ]);
  });

  it('answers an unknown API route with a JSON 404, signed in or not', async () => {
    const fixture = await createWorkshop(server, 1);
    for (const token of [undefined, fixture.facilitatorToken]) {
      expectError(await call(server, 'GET', '/api/no-such-thing', { token }), 404, 'not_found');
      expectError(await call(server, 'POST', '/api/workshops/x/y/z', { token, body: {} }), 404, 'not_found');
    }
  });

  it('refuses a body with a field the request does not take (a typo), naming it, and changes nothing', async () => {
    const fixture = await createWorkshop(server, 1);
    const path = `/api/workshops/${fixture.workshop.id}`;
    const token = fixture.facilitatorToken;
    const reply = await call(server, 'PATCH', path, { token, body: { titel: 'Renamed', venue: 'Lahore' } });
    expectError(reply, 400, 'invalid_request');
    expect((reply.body as { error: { details: unknown } }).error.details).toEqual({
      titel: ['is not a field of this request'],
    });
    expect(WorkshopHome.parse((await call(server, 'GET', path, { token })).body).workshop.venue).not.toBe('Lahore');
    // Names every object has are fields like any other, not a way to a 500.
    for (const field of ['constructor', '__proto__', 'toString', 'hasOwnProperty']) {
      const response = await fetch(`${server.httpUrl}${path}`, {
        method: 'PATCH',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: `{"venue":"Lahore","${field}":1}`,
      });
      expect(response.status, field).toBe(400);
      const body = (await response.json()) as { error: { details: Record<string, unknown> } };
      expect(Object.keys(body.error.details), field).toEqual([field]);
    }
  });

  it('refuses a body on a request that takes none (delete, revoke), doing nothing; an empty object is no body', async () => {
    const fixture = await createWorkshop(server, 2);
    const token = fixture.facilitatorToken;
    const base = `/api/workshops/${fixture.workshop.id}`;
    const group = `${base}/groups/${fixture.groups[0]?.id}`;
    expectError(await call(server, 'DELETE', group, { token, body: { zzz: 1 } }), 400, 'invalid_request');
    expectError(await call(server, 'DELETE', `${base}/timer`, { token, body: [1] }), 400, 'invalid_request');
    const home = WorkshopHome.parse((await call(server, 'GET', base, { token })).body);
    expect(home.groups).toHaveLength(2);
    expect((await call(server, 'DELETE', group, { token, body: {} })).status).toBe(204);
    // Signed out, the answer is still 401.
    expectError(await call(server, 'DELETE', `${base}/timer`, { body: { zzz: 1 } }), 401, 'unauthorized');
  });

  it('asks who you are before it reads what you sent: signed out, a bad body is still 401', async () => {
    expectError(await call(server, 'PATCH', '/api/session', { body: { displayName: '' } }), 401, 'unauthorized');
    expectError(await call(server, 'POST', '/api/workshops', { body: { title: 42 } }), 401, 'unauthorized');
  });

  it('refuses audience[]= instead of quietly exporting every audience, and still ignores parameters it does not know', async () => {
    const fixture = await createWorkshop(server, 1);
    const token = fixture.facilitatorToken;
    const path = `/api/documents/${fixture.groups[0]?.documentId}/export`;
    const refused = await call(server, 'GET', `${path}?format=md&audience[]=Judiciary`, { token });
    expectError(refused, 400, 'invalid_request');
    expect(JSON.stringify(refused.body)).toContain('audience=…&audience=…');
    expect((await call(server, 'GET', `${path}?format=md&utm_source=newsletter`, { token })).status).toBe(200);
    // A bracketed name that is no parameter of the route (even one every object has) is ignored too.
    expect((await call(server, 'GET', `${path}?format=md&toString[]=x`, { token })).status).toBe(200);
  });

  it('answers a known path asked with the wrong method with a JSON 405 that lists the right ones', async () => {
    const fixture = await createWorkshop(server, 1);
    const token = fixture.facilitatorToken;
    const cases: Array<[string, string, string]> = [
      ['DELETE', `/api/workshops/${fixture.workshop.id}`, 'GET, HEAD, PATCH'],
      ['PUT', '/api/session', 'DELETE, GET, HEAD, PATCH'],
      ['GET', '/api/join', 'POST'],
      ['POST', '/api/openapi.json', 'GET, HEAD'],
      ['POST', `/api/workshops/${fixture.workshop.id}/groups/${fixture.groups[0]?.id}`, 'DELETE, PATCH'],
      // Not read as a version called "compare".
      ['DELETE', `/api/documents/${fixture.groups[0]?.documentId}/versions/compare`, 'GET, HEAD'],
      // Outside the API every path is read-only: pages, the published brief, the health check.
      ['POST', '/', 'GET, HEAD'],
      ['DELETE', '/p/some-brief', 'GET, HEAD'],
      ['PUT', '/healthz', 'GET, HEAD'],
      ['DELETE', '/assets/no-such-file.js', 'GET, HEAD'],
    ];
    for (const [method, path, allow] of cases) {
      const reply = await call(server, method, path, { token, ...(method === 'GET' ? {} : { body: {} }) });
      expectError(reply, 405, 'method_not_allowed');
      expect(reply.headers.get('allow'), `${method} ${path}`).toBe(allow);
    }
    // Nothing was deleted on the way.
    expect((await call(server, 'GET', `/api/workshops/${fixture.workshop.id}`, { token })).status).toBe(200);
  });

  it('answers a malformed JSON body with a JSON 400 that leaks nothing of the server', async () => {
    const fixture = await createWorkshop(server, 1);
    for (const path of ['/api/join', `/api/workshops/${fixture.workshop.id}/groups`]) {
      const response = await fetch(`${server.httpUrl}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${fixture.facilitatorToken}` },
        body: '{"name": "Group 3",',
      });
      expect(response.status).toBe(400);
      expect(response.headers.get('content-type')).toMatch(/^application\/json/);
      const text = await response.text();
      const body = JSON.parse(text) as { error: { code: string; message: string } };
      expect(body.error.code).toMatch(/^[a-z_]+$/);
      expect(body.error.message.length).toBeGreaterThan(0);
      expect(text).not.toMatch(/node_modules|at \w+ \(|SyntaxError/);
    }
  });

  it('names what was wrong when the error comes from below the API (URL, encoding, assets), not "not valid JSON"', async () => {
    const fixture = await createWorkshop(server, 1);
    const cases: Array<[string, RequestInit, number, string]> = [
      ['/api/workshops/%ZZ', {}, 400, 'bad_request'],
      [
        `/api/workshops/${fixture.workshop.id}/groups`,
        { method: 'POST', headers: { 'content-type': 'application/json', 'content-encoding': 'br2' }, body: '{}' },
        415,
        'unsupported_media_type',
      ],
      ['/assets/no-such-file.js', {}, 404, 'not_found'],
    ];
    for (const [path, init, status, code] of cases) {
      const response = await fetch(`${server.httpUrl}${path}`, {
        ...init,
        headers: { ...(init.headers as Record<string, string>), authorization: `Bearer ${fixture.facilitatorToken}` },
      });
      expect(response.status, path).toBe(status);
      const body = (await response.json()) as { error: { code: string; message: string } };
      expect(body.error.code, path).toBe(code);
      expect(body.error.message, path).not.toMatch(/JSON/);
    }
    const malformed = await fetch(`${server.httpUrl}/api/workshops/%ZZ`);
    expect(((await malformed.json()) as { error: { message: string } }).error.message).toMatch(/URL is malformed/);
  });

  it('answers what the HTTP parser refuses (headers too large, not HTTP) with the API’s JSON error', async () => {
    const raw = (request: string) =>
      new Promise<string>((resolveReply, reject) => {
        const socket = connect(server.port, '127.0.0.1', () => socket.end(request));
        let reply = '';
        socket.setEncoding('utf8');
        socket.on('data', (chunk: string) => {
          reply += chunk;
        });
        socket.on('end', () => resolveReply(reply));
        socket.on('error', reject);
      });
    const parse = (reply: string) => {
      const [head = '', body = ''] = reply.split('\r\n\r\n');
      return { statusLine: head.split('\r\n')[0], body: JSON.parse(body) as { error: { code: string } } };
    };

    const huge = parse(await raw(`GET /api/workshops HTTP/1.1\r\nHost: x\r\nX-Pad: ${'a'.repeat(20_000)}\r\n\r\n`));
    expect(huge.statusLine).toBe('HTTP/1.1 431 Request Header Fields Too Large');
    expect(huge.body.error.code).toBe('headers_too_large');
    const garbage = parse(await raw('\u0001\u0002 not http at all\r\n\r\n'));
    expect(garbage.statusLine).toBe('HTTP/1.1 400 Bad Request');
    expect(garbage.body.error.code).toBe('bad_request');
    // The server goes on serving.
    expect((await fetch(`${server.httpUrl}/healthz`)).status).toBe(200);
  });

  it('refuses text no one could type (a lone surrogate, a control character) with 400, storing nothing', async () => {
    const fixture = await createWorkshop(server, 1);
    const path = `/api/workshops/${fixture.workshop.id}/groups`;
    const before = (
      await call(server, 'GET', `/api/workshops/${fixture.workshop.id}`, { token: fixture.facilitatorToken })
    ).body;
    // JSON text: once parsed, `\ud800` is a lone surrogate and `\u0007` the bell character.
    for (const raw of ['{"name":"\\ud800 Group"}', '{"name":"Group\\u0007"}']) {
      const response = await fetch(`${server.httpUrl}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${fixture.facilitatorToken}` },
        body: raw,
      });
      expect(response.status, raw).toBe(400);
      expect(((await response.json()) as { error: { code: string } }).error.code).toBe('invalid_request');
    }
    const after = (
      await call(server, 'GET', `/api/workshops/${fixture.workshop.id}`, { token: fixture.facilitatorToken })
    ).body;
    expect(after).toEqual(before);
  });

  it('answers HEAD on the events stream with its headers at once instead of hanging', async () => {
    const fixture = await createWorkshop(server, 1);
    const response = await fetch(`${server.httpUrl}/api/workshops/${fixture.workshop.id}/events`, {
      method: 'HEAD',
      headers: { authorization: `Bearer ${fixture.facilitatorToken}` },
      signal: AbortSignal.timeout(5_000),
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/event-stream/);
  });
});

describe('join rate limit', () => {
  let server: ServerProcess;

  beforeAll(async () => {
    server = await startAccessServer({ JOIN_RATE_LIMIT_PER_MINUTE: '5' });
  });

  afterAll(async () => {
    await server?.stop();
  });

  it('lets a whole room behind one venue address join at once: only failures count', async () => {
    for (let person = 1; person <= 40; person++) {
      expect((await call(server, 'GET', `/api/invites/${operatorSecret(server)}`)).status).toBe(200);
      await join(server, operatorSecret(server), `Participant ${person}`);
    }
  });

  it('after 5 failed attempts in a minute, even a good link gets 429 with Retry-After', async () => {
    const operator = await join(server, operatorSecret(server), 'Operator');
    for (let attempt = 1; attempt <= 5; attempt++) {
      const guess = await call(server, 'POST', '/api/join', { body: { secret: `guess-${attempt}`, displayName: 'G' } });
      expectError(guess, 404, 'invite_invalid');
    }

    const limited = [
      await call(server, 'POST', '/api/join', { body: { secret: operatorSecret(server), displayName: 'Again' } }),
      await call(server, 'GET', `/api/invites/${operatorSecret(server)}`),
    ];
    for (const reply of limited) {
      expectError(reply, 429, 'rate_limited');
      const retryAfter = Number(reply.headers.get('retry-after'));
      expect(retryAfter).toBeGreaterThanOrEqual(1);
      expect(retryAfter).toBeLessThanOrEqual(60);
    }
    // Only joining is limited: a signed-in person carries on.
    expect((await call(server, 'GET', '/api/session', { token: operator.token })).status).toBe(200);
    // Behind a proxy on this machine (TRUST_PROXY's default), another client forwarded by it has
    // attempts of its own.
    const forwarded = await call(server, 'POST', '/api/join', {
      body: { secret: 'guess-elsewhere', displayName: 'G' },
      headers: { 'x-forwarded-for': '198.51.100.9' },
    });
    expectError(forwarded, 404, 'invite_invalid');
  });
});

describe('join rate limit, guesses sent all at once', () => {
  let server: ServerProcess;

  beforeAll(async () => {
    server = await startAccessServer({ JOIN_RATE_LIMIT_PER_MINUTE: '5' });
  });

  afterAll(async () => {
    await server?.stop();
  });

  it('lets through no more guesses than the limit when they arrive in parallel', async () => {
    const replies = await Promise.all(
      Array.from({ length: 20 }, (_, n) =>
        call(server, 'POST', '/api/join', { body: { secret: `parallel-guess-${n}`, displayName: 'G' } }),
      ),
    );
    expect(replies.filter((reply) => reply.status === 404).length).toBeLessThanOrEqual(5);
    expect(replies.filter((reply) => reply.status === 429).length).toBeGreaterThanOrEqual(15);
  });
});

describe('join limit of any outcome (JOINS_PER_MINUTE)', () => {
  let server: ServerProcess;

  beforeAll(async () => {
    server = await startAccessServer({ JOINS_PER_MINUTE: '4' });
  });

  afterAll(async () => {
    await server?.stop();
  });

  it('bounds how many participants one address can add in a minute', async () => {
    for (let person = 1; person <= 4; person++) await join(server, operatorSecret(server), `Participant ${person}`);
    const reply = await call(server, 'POST', '/api/join', {
      body: { secret: operatorSecret(server), displayName: 'Fifth' },
    });
    expectError(reply, 429, 'rate_limited');
  });
});

describe('join rate limit with TRUST_PROXY=none', () => {
  let server: ServerProcess;

  beforeAll(async () => {
    server = await startAccessServer({ JOIN_RATE_LIMIT_PER_MINUTE: '3', TRUST_PROXY: 'none' });
  });

  afterAll(async () => {
    await server?.stop();
  });

  it('counts every attempt against the peer, whatever X-Forwarded-For claims', async () => {
    const attempt = (n: number) =>
      call(server, 'POST', '/api/join', {
        body: { secret: `guess-${n}`, displayName: 'G' },
        headers: { 'x-forwarded-for': `198.51.100.${n}` },
      });
    for (let n = 1; n <= 3; n++) expectError(await attempt(n), 404, 'invite_invalid');
    expectError(await attempt(4), 429, 'rate_limited');
  });
});
