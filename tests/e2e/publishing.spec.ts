import type { Brief } from '@plenary/shared/api';
import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, newPersonContext } from '../support/browser';
import { signInWithToken } from '../support/editorPage';
import { openDraftWriter } from '../support/groupRecommendations';
import { type ServerProcess, startServer } from '../support/serverProcess';
import { api, createWorkshop, type WorkshopFixture } from '../support/workshopFixture';
import { destroyAllClients } from '../support/yClients';

/**
 * Journey J3.6 and J4: a rapporteur publishes the brief; a policymaker with the link (no account,
 * no session) reads it and downloads the Judiciary edition; later edits never change that version.
 */
describe('publishing a brief', () => {
  let server: ServerProcess;
  let browser: Browser;
  let workshop: WorkshopFixture;
  let contexts: BrowserContext[] = [];

  beforeAll(async () => {
    [server, browser] = await Promise.all([startServer({ env: { SEED_DEMO: 'false' } }), launchBrowser()]);
    workshop = await createWorkshop(server, 2);
  });

  afterEach(async () => {
    destroyAllClients();
    await Promise.all(contexts.map((context) => context.close()));
    contexts = [];
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  async function context(token?: string): Promise<BrowserContext> {
    const created = await newPersonContext(browser);
    contexts.push(created);
    if (token) await signInWithToken(created, server.httpUrl, token);
    return created;
  }

  it('freezes a version anyone with the link can read and download by audience', async () => {
    const w = workshop.workshop.id;
    const token = workshop.facilitatorToken;
    const brief = await api<Brief>(server, 'POST', `/api/workshops/${w}/briefs`, {
      token,
      body: { title: 'Plenary brief' },
    });
    const group = workshop.groups[0];
    if (!group) throw new Error('no group');
    const writer = await openDraftWriter(server.wsUrl, group.documentId, token);
    writer.add({
      id: 'judges',
      text: 'Train every judge on the 2018 Act.',
      audiences: ['Judiciary'],
      priority: 'high',
    });
    writer.add({ id: 'later', text: 'Publish yearly statistics on convictions.', audiences: ['Judiciary'] });
    const importOne = (id: string) =>
      api(server, 'POST', `/api/workshops/${w}/briefs/${brief.body.id}/imports`, {
        token,
        body: { documentId: group.documentId, recommendationIds: [id] },
      });
    await expect.poll(async () => (await importOne('judges')).status).toBe(201);

    // The rapporteur publishes from the workshop home.
    const { token: rapporteurToken } = await workshop.participant('rapporteur', 'Rapporteur Noor');
    const rapporteur = await (await context(rapporteurToken)).newPage();
    await rapporteur.goto(`${server.httpUrl}/w/${w}`);
    // Publishing cannot be undone, so it asks first: cancelling publishes nothing.
    await rapporteur.getByTestId('publish-brief').click();
    const question = rapporteur.getByTestId('publish-confirm').locator('xpath=ancestor::fieldset');
    await expect.poll(() => question.textContent()).toContain('cannot be changed or withdrawn');
    await rapporteur.getByRole('button', { name: 'Cancel' }).click();
    expect(await rapporteur.getByTestId('publish-confirm').count()).toBe(0);
    expect(await rapporteur.getByTestId('publication-link').count()).toBe(0);
    await rapporteur.getByTestId('publish-brief').click();
    await rapporteur.getByTestId('publish-confirm').click();
    const link = rapporteur.getByTestId('publication-link');
    await link.waitFor();
    const publicPath = await link.getAttribute('href');
    expect(publicPath).toMatch(/^\/p\/[a-z0-9-]+\/v\/1$/);

    // A policymaker without any session opens it.
    const reader = await (await context()).newPage();
    await reader.goto(`${server.httpUrl}${publicPath}`);
    await expect.poll(() => reader.textContent('body')).toContain('Train every judge on the 2018 Act.');
    expect(await reader.textContent('body')).toContain('Published version 1');

    await reader.getByText('Audience editions').click();
    const [download] = await Promise.all([
      reader.waitForEvent('download'),
      reader.locator('a[href*="audience=Judiciary"][href*="format=pdf"]').click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/judiciary.*\.pdf$/);
    const path = await download.path();
    const { readFileSync } = await import('node:fs');
    expect(readFileSync(path).subarray(0, 5).toString()).toBe('%PDF-');

    // A later edit of the brief never changes version 1.
    expect((await importOne('later')).status).toBe(201);
    await reader.reload();
    expect(await reader.textContent('body')).not.toContain('Publish yearly statistics');
    // The next publication is a new version; the link without a version shows the newest.
    await rapporteur.getByTestId('publish-brief').click();
    await rapporteur.getByTestId('publish-confirm').click();
    await expect.poll(() => rapporteur.getByTestId('publication-link').getAttribute('href')).toMatch(/\/v\/2$/);
    await reader.goto(`${server.httpUrl}${publicPath?.replace(/\/v\/1$/, '')}`);
    await expect.poll(() => reader.textContent('body')).toContain('Publish yearly statistics');
  });

  it('exports the open draft from the editor, with progress, as the chosen format and edition', async () => {
    const group = workshop.groups[1];
    if (!group) throw new Error('no group');
    const { token } = await workshop.participant('member', 'Member Saima', group.id);
    const page = await (await context(token)).newPage();
    await page.goto(`${server.httpUrl}/w/${workshop.workshop.id}/d/${group.documentId}`);
    await page.getByTestId('export-panel').waitFor();
    await page.getByTestId('export-format').selectOption('md');
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-download').click()]);
    expect(download.suggestedFilename()).toMatch(/group-2.*\.md$/);
    const { readFileSync } = await import('node:fs');
    expect(readFileSync(await download.path(), 'utf8')).toMatch(/^# Group 2/);
    await expect.poll(() => page.getByTestId('export-status').textContent()).toContain('Downloaded');
  });
});
