import { readdirSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT, type ServerProcess, startServer } from '../support/serverProcess';
import { createWorkshop } from '../support/workshopFixture';

interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/**
 * One HTTP request with the path sent exactly as written: fetch and URL would resolve `..` and
 * decode escapes before anything reaches the server, which is the whole point of these requests.
 */
function rawRequest(
  server: ServerProcess,
  method: string,
  path: string,
  options: { body?: string; headers?: Record<string, string> } = {},
): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const outgoing = request(
      { host: '127.0.0.1', port: server.port, method, path, headers: options.headers },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () =>
          resolve({
            status: response.statusCode ?? 0,
            headers: response.headers,
            body: Buffer.concat(chunks).toString(),
          }),
        );
      },
    );
    outgoing.on('error', reject);
    outgoing.end(options.body);
  });
}

/** Text that only files outside client/dist contain: system files, sources, manifests, the database. */
const OUTSIDE_MARKERS = ['root:x:0:0', '"@plenary/', 'parseConfig', 'SQLite format 3', 'PRIVATE KEY', '"dependencies"'];
/** What a stack trace or an internal error message looks like in a body. */
const STACK_TRACE = /\n\s+at |node_modules|\/work\/|\.ts:\d+|Error: /;

describe('HTTP hardening', () => {
  let server: ServerProcess;
  let token: string;
  let asset: string | undefined;

  beforeAll(async () => {
    server = await startServer({
      env: { SEED_DEMO: 'false', LOG_LEVEL: 'info', JOIN_RATE_LIMIT_PER_MINUTE: '100000', JOINS_PER_MINUTE: '100000' },
    });
    token = (await createWorkshop(server, 1)).facilitatorToken;
    // A real file of the built client, when the client is built (npm test builds it first).
    const assets = join(REPO_ROOT, 'client', 'dist', 'assets');
    try {
      asset = readdirSync(assets).find((name) => name.endsWith('.js'));
    } catch {
      asset = undefined;
    }
  });

  afterAll(async () => {
    await server?.stop();
  });

  it('every kind of answer carries the security headers: strict CSP, nosniff, no framing', async () => {
    const answers = [
      await rawRequest(server, 'GET', '/'),
      await rawRequest(server, 'GET', '/d/some-draft'),
      await rawRequest(server, 'GET', '/healthz'),
      await rawRequest(server, 'GET', '/api/openapi.json'),
      await rawRequest(server, 'GET', '/api/session'),
      await rawRequest(server, 'GET', '/api/workshops', { headers: { authorization: `Bearer ${token}` } }),
      await rawRequest(server, 'GET', '/api/no-such-route'),
      await rawRequest(server, 'GET', '/assets/no-such-file.js'),
      ...(asset ? [await rawRequest(server, 'GET', `/assets/${asset}`)] : []),
    ];
    for (const answer of answers) {
      const policy = String(answer.headers['content-security-policy']);
      const directives = new Map(
        policy.split(';').map((directive) => {
          const [name = '', ...values] = directive.trim().split(/\s+/);
          return [name, values] as const;
        }),
      );
      const context = `${answer.status} ${policy}`;
      expect(directives.get('script-src'), context).toEqual(["'self'"]);
      expect(directives.get('default-src'), context).toEqual(["'self'"]);
      expect(directives.get('frame-ancestors'), context).toEqual(["'none'"]);
      expect(directives.get('object-src'), context).toEqual(["'none'"]);
      expect(answer.headers['x-content-type-options'], context).toBe('nosniff');
      expect(answer.headers['x-powered-by'], context).toBeUndefined();
    }
  });

  it.each([
    '/../../etc/passwd',
    '/../../../../../../etc/passwd',
    '/%2e%2e/%2e%2e/etc/passwd',
    '/%2e%2e%2f%2e%2e%2fetc%2fpasswd',
    '/..%2f..%2f..%2fetc%2fpasswd',
    '/assets/..%2f..%2fpackage.json',
    '/assets/../../package.json',
    '/assets/%2e%2e/%2e%2e/server/package.json',
    '/%2e%2e/server/package.json',
    '/%2e%2e/%2e%2e/package.json',
    '/..%5c..%5cpackage.json',
    '/%2e%2e/server/src/config.ts',
    '/%2e%2e/%2e%2e/server/src/config.ts',
    '/assets/%252e%252e/%252e%252e/package.json',
    '/collab/..%2f..%2fpackage.json',
    '/api/..%2f..%2fpackage.json',
  ])('GET %s never returns a file from outside client/dist', async (path) => {
    const answer = await rawRequest(server, 'GET', path);
    for (const marker of OUTSIDE_MARKERS) expect(answer.body, `${answer.status} for ${path}`).not.toContain(marker);
    expect(answer.body).not.toMatch(STACK_TRACE);
  });

  it('malformed paths and bodies never get a 500, a stack trace or an internal message', async () => {
    const answers = [
      await rawRequest(server, 'GET', '/%'),
      await rawRequest(server, 'GET', '/api/%E0%A4%A'),
      await rawRequest(server, 'GET', '/api/workshops/%zz', { headers: { authorization: `Bearer ${token}` } }),
      await rawRequest(server, 'GET', '/assets/%zz'),
      await rawRequest(server, 'POST', '/api/join', {
        body: '{"secret":',
        headers: { 'content-type': 'application/json' },
      }),
      await rawRequest(server, 'POST', '/api/join', { body: '[1,2', headers: { 'content-type': 'application/json' } }),
    ];
    // Some are answered with the app itself (the client routes any path); none may be a 500.
    for (const answer of answers) {
      expect(answer.status, answer.body).toBeLessThan(500);
      expect(answer.body).not.toMatch(STACK_TRACE);
    }
    // The JSON API answers bad JSON with its error shape.
    for (const answer of answers.slice(-2)) {
      expect(answer.status).toBe(400);
      expect(JSON.parse(answer.body)).toMatchObject({ error: { code: expect.stringMatching(/^[a-z_]+$/) } });
    }
  });

  it('a request body over 1 MB is refused with a JSON 413 before anything reads it', async () => {
    const huge = JSON.stringify({ title: 'x'.repeat(1024 * 1024 + 1) });
    for (const [path, headers] of [
      ['/api/join', {}],
      ['/api/workshops', { authorization: `Bearer ${token}` }],
    ] as const) {
      const answer = await rawRequest(server, 'POST', path, {
        body: huge,
        headers: { 'content-type': 'application/json', ...headers },
      });
      expect(answer.status).toBe(413);
      expect(String(answer.headers['content-type'])).toMatch(/^application\/json/);
      expect(JSON.parse(answer.body)).toMatchObject({ error: { code: 'payload_too_large' } });
      expect(answer.headers['content-security-policy']).toContain("script-src 'self'");
    }
    // A body just under the limit reaches the route (which then judges it on its merits).
    const fits = await rawRequest(server, 'POST', '/api/workshops', {
      body: JSON.stringify({ title: 'x'.repeat(1024 * 1024 - 100) }),
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    });
    expect(fits.status).not.toBe(413);
  });
});
