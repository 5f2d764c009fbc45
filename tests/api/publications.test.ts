import { Publication, WorkshopHome } from '@plenary/shared/api';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createTwoWorkshops, startAccessServer, type TwoWorkshops } from '../support/accessWorld';
import { GROUP_RECOMMENDATIONS, importIntoBrief, writeRecommendations } from '../support/briefContent';
import type { SeedRecommendation } from '../support/groupRecommendations';
import type { ServerProcess } from '../support/serverProcess';
import { destroyAllClients } from '../support/yClients';
import { call, expectError, type Reply } from './routeTable';

const [TRAIN_JUDGES, FUND_SHELTERS] = GROUP_RECOMMENDATIONS as [SeedRecommendation, SeedRecommendation];

describe('publishing a brief', () => {
  let server: ServerProcess;

  beforeAll(async () => {
    server = await startAccessServer();
  });
  afterEach(() => destroyAllClients());
  afterAll(async () => {
    await server?.stop();
  });

  /** Workshop A with both group recommendations written, and only the first in its brief. */
  async function briefWithOneRecommendation(): Promise<TwoWorkshops> {
    const world = await createTwoWorkshops(server);
    await writeRecommendations(server, world.a, world.a.draft(0), GROUP_RECOMMENDATIONS);
    await importIntoBrief(server, world.a, world.briefs.a, world.a.draft(0), [TRAIN_JUDGES.id]);
    return world;
  }

  const publicationsPath = (world: TwoWorkshops) =>
    `/api/workshops/${world.a.workshop.id}/briefs/${world.briefs.a.id}/publications`;

  async function publish(world: TwoWorkshops, token = world.people.rapporteur): Promise<Publication> {
    const reply = await call(server, 'POST', publicationsPath(world), { token });
    expect(reply.status, JSON.stringify(reply.body)).toBe(201);
    return Publication.parse(reply.body);
  }

  /** A published page as a visitor without a session gets it. */
  async function page(path: string): Promise<{ reply: Reply; html: string; links: string[] }> {
    const reply = await call(server, 'GET', path);
    expect(reply.status, String(reply.body)).toBe(200);
    expect(reply.contentType).toMatch(/^text\/html/);
    const html = reply.body as string;
    const links = [...html.matchAll(/href="([^"]+)"/g)].map((match) => (match[1] ?? '').replaceAll('&amp;', '&'));
    return { reply, html, links };
  }

  it('freezes each version: later edits change neither its page nor its downloads, and a new version is listed beside it', async () => {
    const world = await briefWithOneRecommendation();

    const first = await publish(world);
    expect(first).toMatchObject({ version: 1, title: 'Plenary brief', publishedBy: 'Rafiq Rapporteur' });
    expect(first.slug).toMatch(/^plenary-brief-[a-z0-9-]+$/);
    expect(first.path).toBe(`/p/${first.slug}/v/1`);

    const newest = await page(`/p/${first.slug}`);
    expect(newest.html).toContain(TRAIN_JUDGES.text);
    expect(newest.html).not.toContain(FUND_SHELTERS.text);
    expect(newest.html).toContain('Published version 1 of 1');
    // The day written as the title page writes it, not as an ISO date.
    const day = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
    expect(newest.html).toContain(`Published version 1 of 1, ${day.format(new Date(first.publishedAt))}.`);
    const edition = `${first.path}/download?format=pdf&audience=Judiciary`;
    expect(newest.links).toEqual(
      expect.arrayContaining([
        ...['pdf', 'docx', 'html', 'md'].map((format) => `${first.path}/download?format=${format}`),
        edition,
      ]),
    );

    const pdf = await call(server, 'GET', edition);
    expect(pdf.status).toBe(200);
    expect(pdf.contentType).toBe('application/pdf');
    expect(pdf.headers.get('content-disposition')).toMatch(/^attachment; filename=".*version-1-judiciary.*\.pdf"$/);
    expect(new TextDecoder().decode((pdf.body as Uint8Array).subarray(0, 5))).toBe('%PDF-');

    // A crowd downloading the published PDF at once (no session needed) is served from one
    // print, and leaves the PDF queue free for the rapporteur's own export.
    const crowd = await Promise.all(
      Array.from({ length: 40 }, () => call(server, 'GET', `${first.path}/download?format=pdf`)),
    );
    expect(crowd.map((reply) => reply.status)).toEqual(crowd.map(() => 200));
    const own = await call(server, 'GET', `/api/documents/${world.briefs.a.documentId}/export?format=pdf`, {
      token: world.people.rapporteur,
    });
    expect(own.status).toBe(200);

    // The rapporteur carries on editing the brief after publishing.
    await importIntoBrief(server, world.a, world.briefs.a, world.a.draft(0), [FUND_SHELTERS.id]);
    const live = await call(server, 'GET', `/api/documents/${world.briefs.a.documentId}/export?format=md`, {
      token: world.people.rapporteur,
    });
    expect(live.body as string).toContain(FUND_SHELTERS.text);
    for (const path of [`/p/${first.slug}`, first.path]) {
      const { html } = await page(path);
      expect(html).toContain(TRAIN_JUDGES.text);
      expect(html).not.toContain(FUND_SHELTERS.text);
    }
    const frozenMarkdown = await call(server, 'GET', `${first.path}/download?format=md`);
    expect(frozenMarkdown.status).toBe(200);
    expect(frozenMarkdown.body as string).toContain(TRAIN_JUDGES.text);
    expect(frozenMarkdown.body as string).not.toContain(FUND_SHELTERS.text);

    const second = await publish(world);
    expect(second).toMatchObject({ slug: first.slug, version: 2, path: `/p/${first.slug}/v/2` });
    const latest = await page(`/p/${first.slug}`);
    expect(latest.html).toContain(FUND_SHELTERS.text);
    expect(latest.html).toContain('Published version 2 of 2');
    expect(latest.links).toContain(first.path);
    const older = await page(first.path);
    expect(older.html).not.toContain(FUND_SHELTERS.text);
    expect(older.html).toContain('Published version 1 of 2');
    expect(older.links).toContain(second.path);

    const listed = await call(server, 'GET', publicationsPath(world), { token: world.people.rapporteur });
    expect((listed.body as unknown[]).map((p) => Publication.parse(p).version)).toEqual([1, 2]);
  });

  it("speaks the reader's language around the brief: the browser's, the app's stored choice, or the one picked on the page", async () => {
    const world = await briefWithOneRecommendation();
    const { slug } = await publish(world);
    const bar = async (headers: Record<string, string>, query = '') => {
      const reply = await call(server, 'GET', `/p/${slug}${query}`, { headers });
      expect(reply.status).toBe(200);
      expect(String(reply.headers.get('vary'))).toMatch(/Accept-Language/);
      const html = reply.body as string;
      return html.slice(html.indexOf('<nav class="published-bar"'), html.indexOf('</nav>'));
    };

    const english = await bar({ 'accept-language': 'en-GB,en;q=0.9' });
    expect(english).toContain('lang="en" dir="ltr"');
    expect(english).toContain('Download PDF');

    const urdu = await bar({ 'accept-language': 'fr;q=0.9, ur-PK' });
    expect(urdu).toContain('lang="ur" dir="rtl"');
    expect(urdu).toContain('PDF ڈاؤن لوڈ کریں');
    expect(urdu).not.toContain('Download');
    // The brief itself is not translated.
    expect((await call(server, 'GET', `/p/${slug}`, { headers: { 'accept-language': 'ur' } })).body).toContain(
      TRAIN_JUDGES.text,
    );

    // The app's choice (its cookie) beats the browser, and the page's own switch beats both.
    expect(await bar({ 'accept-language': 'ur', cookie: 'other=1; plenary.language=en' })).toContain('lang="en"');
    expect(await bar({ 'accept-language': 'en', cookie: 'plenary.language=ur' }, '?lang=en')).toContain('lang="en"');
    expect(await bar({ 'accept-language': 'en' }, '?lang=ur')).toContain('lang="ur"');
    // Anything else falls back to English.
    expect(await bar({ 'accept-language': 'de' }, '?lang=<script>')).toContain('lang="en"');
  });

  it('serves the page with a policy that runs no script and loads nothing from elsewhere', async () => {
    const world = await briefWithOneRecommendation();
    const { slug } = await publish(world);
    const { reply, html } = await page(`/p/${slug}`);
    const policy = reply.headers.get('content-security-policy') ?? '';
    const directives = new Map(
      policy
        .split(';')
        .map((directive) => directive.trim().split(/\s+/))
        .map(([name, ...sources]) => [name, sources]),
    );
    expect(directives.get('default-src')).toEqual(["'none'"]);
    // Without its own script-src, scripts fall back to default-src 'none'.
    expect(directives.get('script-src') ?? ["'none'"]).toEqual(["'none'"]);
    expect(html).not.toMatch(/<script/i);
  });

  it('lets rapporteurs and facilitators publish, not members; readers find the newest version on the workshop home', async () => {
    const world = await briefWithOneRecommendation();
    const home = async () =>
      WorkshopHome.parse(
        (await call(server, 'GET', `/api/workshops/${world.a.workshop.id}`, { token: world.people.reader })).body,
      );
    expect((await home()).published).toEqual([]);

    expectError(await call(server, 'POST', publicationsPath(world), { token: world.people.member }), 403, 'forbidden');
    expectError(await call(server, 'POST', publicationsPath(world), { token: world.people.reader }), 403, 'forbidden');
    expect((await home()).published).toEqual([]);

    await publish(world, world.people.facilitator);
    const second = await publish(world);
    expect((await home()).published).toEqual([
      {
        briefId: world.briefs.a.id,
        title: 'Plenary brief',
        version: 2,
        publishedAt: second.publishedAt,
        // The link that always shows the newest version, which is the second.
        path: `/p/${second.slug}`,
      },
    ]);
    expect((await page(`/p/${second.slug}`)).html).toContain('Published version 2 of 2');
  });

  it('keeps the workshop and group names a version was published with, after both are renamed', async () => {
    const world = await briefWithOneRecommendation();
    const first = await publish(world);
    const token = world.people.facilitator;
    const workshop = `/api/workshops/${world.a.workshop.id}`;
    const groupName = world.a.groups[0]?.name ?? '';
    const title = world.a.workshop.title;
    expect(
      (await call(server, 'PATCH', workshop, { token, body: { title: 'Renamed workshop', venue: 'Lahore' } })).status,
    ).toBe(200);
    const renamedGroup = `${workshop}/groups/${world.a.groups[0]?.id}`;
    expect((await call(server, 'PATCH', renamedGroup, { token, body: { name: 'Renamed group' } })).status).toBe(200);

    const markdownOf = async (path: string) => String((await call(server, 'GET', `${path}/download?format=md`)).body);
    const v1 = await page(first.path);
    const v1Markdown = await markdownOf(first.path);
    for (const text of [v1.html, v1Markdown]) {
      expect(text).toContain(title);
      expect(text).toContain(groupName);
      expect(text).not.toContain('Renamed workshop');
      expect(text).not.toContain('Renamed group');
    }
    // A version published now carries the new names.
    const second = await publish(world);
    const v2Markdown = await markdownOf(second.path);
    expect(v2Markdown).toContain('Renamed workshop');
    expect(v2Markdown).toContain('Renamed group');
  });

  it('answers 404 for a link nobody published and 400 for one that cannot be a link', async () => {
    const world = await briefWithOneRecommendation();
    const { slug } = await publish(world);
    expectError(await call(server, 'GET', '/p/no-such-brief-0123456789ab'), 404, 'publication_not_found');
    expectError(await call(server, 'GET', `/p/${slug}/v/2`), 404, 'publication_not_found');
    expectError(await call(server, 'GET', `/p/${slug}/v/2/download?format=md`), 404, 'publication_not_found');
    const notVersions = ['0', 'one', '0x1', '1e0', '01', '1.0'].map((version) => `/p/${slug}/v/${version}`);
    for (const path of ['/p/Not_A_Link', ...notVersions, `/p/${'a'.repeat(81)}`]) {
      expectError(await call(server, 'GET', path), 400, 'invalid_request');
    }
    expectError(await call(server, 'GET', `/p/${slug}/v/1/download?format=exe`), 400, 'invalid_request');
  });
});
