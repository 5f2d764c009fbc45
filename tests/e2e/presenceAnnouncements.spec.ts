import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contextInLanguage } from '../support/accessibility';
import { launchBrowser, newPersonContext } from '../support/browser';
import { openDraft, signInWithToken } from '../support/editorPage';
import { type ServerProcess, startServer } from '../support/serverProcess';
import { createWorkshop, type WorkshopFixture } from '../support/workshopFixture';

/** What the polite live region beside "Who is here" says now. */
async function announcement(page: Page): Promise<{ live: string | null; text: string }> {
  const region = page.locator('.presence [aria-live]');
  return { live: await region.getAttribute('aria-live'), text: ((await region.textContent()) ?? '').trim() };
}

/**
 * A screen-reader user hears who joins and leaves the draft, politely (never interrupting), in
 * the interface language: here an Urdu interface announcing an English-named colleague.
 */
describe('collaborators joining and leaving are announced', () => {
  let server: ServerProcess;
  let browser: Browser;
  let workshop: WorkshopFixture;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    [server, browser] = await Promise.all([startServer({ env: { SEED_DEMO: 'false' } }), launchBrowser()]);
    workshop = await createWorkshop(server, 1);
  });

  afterAll(async () => {
    await Promise.all(contexts.map((context) => context.close()));
    await browser?.close();
    await server?.stop();
  });

  it('in a polite live region, in Urdu', async () => {
    const group = workshop.groups[0];
    if (!group) throw new Error('no group');
    const draft = { workshopId: workshop.workshop.id, documentId: group.documentId };
    const sadia = await contextInLanguage(browser, 'ur');
    contexts.push(sadia);
    await signInWithToken(sadia, server.httpUrl, (await workshop.participant('member', 'صادیہ', group.id)).token);
    const page = await openDraft(sadia, server.httpUrl, draft, { who: 'Sadia' });
    await expect
      .poll(() => page.getByTestId('connection-status').getAttribute('data-state'))
      .toMatch(/connected|saved/);
    // Everyone already present arrives in one burst right after connecting and is not announced;
    // the app stays quiet for two seconds after it connects, so wait that out.
    await page.waitForTimeout(2_500);

    const bilal = await newPersonContext(browser);
    contexts.push(bilal);
    await signInWithToken(bilal, server.httpUrl, (await workshop.participant('member', 'Bilal', group.id)).token);
    const bilalPage = await openDraft(bilal, server.httpUrl, draft, { who: 'Bilal' });
    await expect.poll(() => announcement(page)).toEqual({ live: 'polite', text: '\u2068Bilal\u2069 شامل ہوئے' });

    await bilalPage.close({ runBeforeUnload: true });
    await expect
      .poll(() => announcement(page), { timeout: 40_000 })
      .toEqual({ live: 'polite', text: '\u2068Bilal\u2069 چلے گئے' });
  });
});
