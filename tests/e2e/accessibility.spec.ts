import type { Brief, Invite } from '@plenary/shared/api';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { contextInLanguage, type InterfaceLanguage, seriousViolations } from '../support/accessibility';
import { launchBrowser } from '../support/browser';
import { recommendationCard, reportPageErrors, signInWithToken, waitForEditor } from '../support/editorPage';
import { seedPublishedBrief } from '../support/publishedBrief';
import { type ServerProcess, startServer } from '../support/serverProcess';
import { api, createWorkshop, type WorkshopFixture } from '../support/workshopFixture';
import { destroyAllClients } from '../support/yClients';

/**
 * Every page of the app, in English and in Urdu (mirrored, right to left), checked with axe-core
 * for WCAG 2.1 A/AA: no serious or critical violation anywhere. The pages are shown as people use
 * them: a draft with a recommendation and its details open, the set-up page with a QR code, the
 * composer, the export panel, the published brief.
 */
describe('accessibility of every page, in both interface languages', () => {
  let server: ServerProcess;
  let browser: Browser;
  let workshop: WorkshopFixture;
  let memberToken: string;
  let memberInvite: Invite;
  let revokedSecret: string;
  let brief: Brief;
  let publicPath: string;
  let contexts: BrowserContext[] = [];

  beforeAll(async () => {
    [server, browser] = await Promise.all([startServer({ env: { SEED_DEMO: 'false' } }), launchBrowser()]);
    workshop = await createWorkshop(server, 2);
    const w = workshop.workshop.id;
    const token = workshop.facilitatorToken;
    const group = workshop.groups[0];
    if (!group) throw new Error('no group');
    ({ token: memberToken, invite: memberInvite } = await workshop.participant('member', 'Amina Khan', group.id));
    const revoked = await workshop.participant('reader', 'Former reader');
    await api(server, 'POST', `/api/workshops/${w}/invites/${revoked.invite.id}/revoke`, { token });
    revokedSecret = revoked.invite.url.split('/join/')[1] ?? '';

    ({ brief, publicPath } = await seedPublishedBrief(server, workshop, 0, [
      { id: 'fia', text: 'FIA sets up a victim helpline in Urdu and English.', audiences: ['Judiciary'] },
      { id: 'urdu', text: 'متاثرین کے لیے ہیلپ لائن قائم کی جائے۔', audiences: ['Judiciary'], priority: 'high' },
    ]));
  });

  afterEach(async () => {
    destroyAllClients();
    await Promise.all(contexts.map((context) => context.close()));
    contexts = [];
  });

  afterAll(async () => {
    destroyAllClients();
    await browser?.close();
    await server?.stop();
  });

  async function pageIn(language: InterfaceLanguage, token?: string): Promise<Page> {
    const context = await contextInLanguage(browser, language);
    contexts.push(context);
    if (token) await signInWithToken(context, server.httpUrl, token);
    const page = await context.newPage();
    reportPageErrors(page, `${language} visitor`);
    return page;
  }

  async function expectNoSeriousViolations(page: Page, what: string, language: InterfaceLanguage): Promise<void> {
    // The app applies the browser's language before its first paint.
    if (!page.url().includes('/p/')) {
      expect(await page.evaluate(() => [document.documentElement.lang, document.documentElement.dir])).toEqual(
        language === 'ur' ? ['ur', 'rtl'] : ['en', 'ltr'],
      );
    }
    const violations = await seriousViolations(page);
    expect(violations, `${what} (${language}): ${JSON.stringify(violations, null, 2)}`).toEqual([]);
  }

  for (const language of ['en', 'ur'] as const) {
    it(`signed-out pages: landing, join, revoked link, not found (${language})`, async () => {
      const page = await pageIn(language);
      await page.goto(`${server.httpUrl}/`);
      await page.getByTestId('signed-out').or(page.getByTestId('landing')).first().waitFor();
      await expectNoSeriousViolations(page, 'landing page', language);

      await page.goto(`${server.httpUrl}/join/${memberInvite.url.split('/join/')[1]}`);
      await page.getByTestId('join-name').waitFor();
      await expectNoSeriousViolations(page, 'join page', language);

      await page.goto(`${server.httpUrl}/join/${revokedSecret}`);
      await page.getByTestId('invite-invalid').waitFor();
      await expectNoSeriousViolations(page, 'revoked-link page', language);

      await page.goto(`${server.httpUrl}/no/such/page`);
      await page.locator('main h1').waitFor();
      await expectNoSeriousViolations(page, 'not-found page', language);
    });

    it(`the draft editor with a recommendation, its details, the export panel and the version history (${language})`, async () => {
      const page = await pageIn(language, memberToken);
      await page.goto(`${server.httpUrl}/w/${workshop.workshop.id}/d/${workshop.draft(0)}`);
      await waitForEditor(page);
      await recommendationCard(page, 1).waitFor();
      await page.getByTestId('export-panel').waitFor();
      await expectNoSeriousViolations(page, 'draft editor', language);

      await recommendationCard(page, 1).getByTestId('recommendation-edit').click();
      await page.getByTestId('recommendation-details').waitFor();
      await expectNoSeriousViolations(page, 'recommendation details', language);
      await page.keyboard.press('Escape');
      await page.getByTestId('recommendation-details').waitFor({ state: 'hidden' });

      await recommendationCard(page, 1).getByTestId('position-button').click();
      await page.getByTestId('position-dialog').waitFor();
      await expectNoSeriousViolations(page, 'position dialog', language);
      await page.keyboard.press('Escape');
      await page.getByTestId('position-dialog').waitFor({ state: 'hidden' });

      await page.getByTestId('history-open').click();
      await page.getByTestId('history').waitFor();
      await page.getByTestId('version-name-input').fill(`Before the plenary (${language})`);
      await page.getByTestId('version-name-submit').click();
      await page.getByTestId('version-compare-now').first().click();
      await page.getByTestId('version-diff').waitFor();
      await expectNoSeriousViolations(page, 'history with a comparison', language);
    });

    it(`facilitator pages: workshop home and set-up with links and QR code, dashboard, workshops (${language})`, async () => {
      const page = await pageIn(language, workshop.facilitatorToken);
      await page.goto(`${server.httpUrl}/w/${workshop.workshop.id}`);
      await page.getByTestId('invite-links').waitFor();
      // One invite link with its QR code shown, as a facilitator shows it to the room.
      await page.getByTestId('invite-card').first().locator('button[aria-expanded]').click();
      await page.getByTestId('invite-qr').first().waitFor();
      await expectNoSeriousViolations(page, 'workshop home and set-up', language);
      await page.getByTestId('invite-card').first().getByTestId('invite-projector').click();
      await page.getByTestId('projector-view').waitFor();
      await expectNoSeriousViolations(page, 'projector view of a link', language);

      await page.goto(`${server.httpUrl}/w/${workshop.workshop.id}/dashboard`);
      await page.getByTestId('dashboard-group').first().waitFor();
      await expectNoSeriousViolations(page, 'dashboard', language);

      await page.goto(`${server.httpUrl}/workshops`);
      await page.getByTestId('workshop-list').waitFor();
      await expectNoSeriousViolations(page, 'workshops', language);
    });

    it(`the composer (${language})`, async () => {
      const page = await pageIn(language, workshop.facilitatorToken);
      await page.goto(`${server.httpUrl}/w/${workshop.workshop.id}/briefs/${brief.id}/compose`);
      await page.getByTestId('composer').waitFor();
      await waitForEditor(page);
      await recommendationCard(page, 1).waitFor();
      await expectNoSeriousViolations(page, 'composer', language);
    });

    it(`the published brief (${language})`, async () => {
      const page = await pageIn(language);
      await page.goto(`${server.httpUrl}${publicPath}`);
      await page.locator('h1').first().waitFor();
      await expectNoSeriousViolations(page, 'published page', language);
    });
  }
});
