import type { Brief } from '@plenary/shared/api';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { contextInLanguage, type InterfaceLanguage } from '../support/accessibility';
import { launchBrowser } from '../support/browser';
import { readCard, recommendationCard, reportPageErrors, signInWithToken, waitForEditor } from '../support/editorPage';
import { seedPublishedBrief } from '../support/publishedBrief';
import { type ServerProcess, startServer } from '../support/serverProcess';
import { createWorkshop, type WorkshopFixture } from '../support/workshopFixture';
import { destroyAllClients } from '../support/yClients';

const eventually = <T>(read: () => Promise<T>) => expect.poll(read, { timeout: 20_000, interval: 100 });

const PHONE = { width: 360, height: 740, hasTouch: true };
const MIN_TARGET = 44;
/** Set to a folder to keep a screenshot of every screen (to look at the layout by eye). */
const SCREENSHOTS = process.env.PHONE_SCREENSHOTS;

/** Taps `target` after checking it is at least 44 × 44 px (a checkbox or radio: its label). */
async function tapTarget(target: Locator): Promise<void> {
  const box = await target.boundingBox();
  expect(box, 'target not on screen').not.toBeNull();
  expect(Math.round(box?.height ?? 0), 'height of the touch target').toBeGreaterThanOrEqual(MIN_TARGET);
  expect(Math.round(box?.width ?? 0), 'width of the touch target').toBeGreaterThanOrEqual(MIN_TARGET);
  await target.tap();
}

/** Controls on screen smaller than 44 px in either direction, and whether the page scrolls sideways. */
async function layoutProblems(page: Page): Promise<{ small: string[]; scrollsSideways: boolean }> {
  return page.evaluate((min) => {
    const small: string[] = [];
    const controls = document.querySelectorAll<HTMLElement>(
      'button, select, input:not([type=hidden]), textarea, [role=button], summary',
    );
    for (const control of controls) {
      if (control.closest('.visually-hidden, [hidden], .ProseMirror')) continue;
      // A checkbox or radio is tapped through its label, which is the touch target.
      const target = control.matches('input[type=checkbox], input[type=radio]')
        ? (control.closest('label') ?? (control as HTMLInputElement).labels?.[0] ?? control)
        : control;
      const rect = target.getBoundingClientRect();
      if (rect.width <= 1 || rect.height <= 1) continue;
      if (Math.round(rect.height) < min || Math.round(rect.width) < min) {
        const name = control.getAttribute('aria-label') ?? control.textContent?.trim().slice(0, 30) ?? '';
        small.push(`${control.tagName.toLowerCase()} "${name}" ${Math.round(rect.width)}×${Math.round(rect.height)}`);
      }
    }
    const root = document.scrollingElement ?? document.documentElement;
    return { small, scrollsSideways: root.scrollWidth > root.clientWidth + 1 };
  }, MIN_TARGET);
}

/**
 * Phones at 360 × 740 with touch: a member joins, writes and fills a recommendation with fingers;
 * every screen fits the width without sideways scrolling and its controls are at least 44 px.
 */
describe('on a 360 px phone', () => {
  let server: ServerProcess;
  let browser: Browser;
  let workshop: WorkshopFixture;
  let brief: Brief;
  let publicPath: string;
  let contexts: BrowserContext[] = [];

  beforeAll(async () => {
    [server, browser] = await Promise.all([startServer({ env: { SEED_DEMO: 'false' } }), launchBrowser()]);
    workshop = await createWorkshop(server, 2);
    ({ brief, publicPath } = await seedPublishedBrief(server, workshop, 1, [
      { id: 'judges', text: 'Train every judge on the 2018 Act.', audiences: ['Judiciary'], priority: 'high' },
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

  async function phone(language: InterfaceLanguage, token?: string): Promise<Page> {
    const context = await contextInLanguage(browser, language, PHONE);
    contexts.push(context);
    if (token) await signInWithToken(context, server.httpUrl, token);
    const page = await context.newPage();
    reportPageErrors(page, `${language} phone`);
    return page;
  }

  async function checkScreen(page: Page, name: string): Promise<void> {
    // Measure the page as it settles: Nastaliq changes line heights once it has loaded.
    await page.evaluate(() => document.fonts.ready.then(() => new Promise(requestAnimationFrame)));
    if (SCREENSHOTS) await page.screenshot({ path: `${SCREENSHOTS}/${name}.png`, fullPage: true });
    expect(await layoutProblems(page), name).toEqual({ small: [], scrollsSideways: false });
  }

  it('a member joins, types, inserts a recommendation and fills its fields by touch', async () => {
    const group = workshop.groups[0];
    if (!group) throw new Error('no group');
    const { invite } = await workshop.participant('member', 'Organiser', group.id);
    const page = await phone('en');
    await page.goto(`${server.httpUrl}/join/${invite.url.split('/join/')[1]}`);
    await tapTarget(page.getByTestId('join-name'));
    await page.keyboard.type('Hina Baloch');
    await checkScreen(page, 'join-en');
    await tapTarget(page.getByTestId('join-submit'));
    await page.waitForURL((url) => url.pathname.includes('/d/'));
    await waitForEditor(page);

    // The sticky header keeps to two rows (logo, where you are, name, sign out; then the save
    // status and the language): with the keyboard up, every row of it is a line less of the text.
    const header = await page.locator('.app-header').boundingBox();
    expect(header?.height).toBeLessThanOrEqual(130);

    // The toolbar fits: what a phone needs most, and the rest behind "More formatting".
    const toolbar = page.getByRole('toolbar');
    expect(await toolbar.getByRole('button', { name: 'Heading 2' }).isVisible()).toBe(false);
    await tapTarget(toolbar.getByRole('button', { name: 'More formatting' }));
    expect(await toolbar.getByRole('button', { name: 'Heading 2' }).isVisible()).toBe(true);
    await checkScreen(page, 'editor-toolbar-open-en');
    await tapTarget(toolbar.getByRole('button', { name: 'More formatting' }));

    await page.locator('[data-testid=editor] .ProseMirror p').last().tap();
    await page.keyboard.type('We met in the morning.');
    await tapTarget(toolbar.getByRole('button', { name: 'Insert recommendation' }));
    const card = recommendationCard(page, 1);
    await eventually(async () => (await readCard(card)).empty).toBe(true);
    await page.keyboard.type('Open a shelter in every district.');
    await checkScreen(page, 'editor-en');

    await tapTarget(card.getByTestId('recommendation-edit'));
    const details = page.getByTestId('recommendation-details');
    await details.waitFor();
    await tapTarget(details.locator('label', { hasText: 'Judiciary' }));
    await tapTarget(details.getByLabel('Priority'));
    await details.getByLabel('Priority').selectOption('high');
    await tapTarget(details.getByLabel('Responsible body'));
    await page.keyboard.type('Provincial assemblies');
    await tapTarget(details.locator('label', { hasText: 'Agreed' }));
    await checkScreen(page, 'details-en');
    await tapTarget(details.getByRole('button', { name: 'Done' }));

    await eventually(() => readCard(card)).toMatchObject({
      status: 'Agreed',
      statement: 'Open a shelter in every district.',
      chips: { priority: 'High', responsibleBody: 'Provincial assemblies' },
    });
    expect((await readCard(card)).chips.audiences).toContain('Judiciary');
    await tapTarget(card.getByTestId('endorse-button'));
    await eventually(() => readCard(card)).toMatchObject({ endorsements: 1, endorsedByMe: true });
  });

  for (const language of ['en', 'ur'] as const) {
    it(`every screen fits 360 px with 44 px controls (${language})`, async () => {
      const w = workshop.workshop.id;
      const page = await phone(language, workshop.facilitatorToken);
      await page.goto(`${server.httpUrl}/w/${w}`);
      await page.getByTestId('invite-links').waitFor();
      await checkScreen(page, `home-${language}`);

      await page.goto(`${server.httpUrl}/w/${w}/dashboard`);
      await page.getByTestId('dashboard-group').first().waitFor();
      await checkScreen(page, `dashboard-${language}`);

      await page.goto(`${server.httpUrl}/w/${w}/d/${workshop.draft(1)}`);
      await waitForEditor(page);
      await recommendationCard(page, 1).waitFor();
      await checkScreen(page, `editor-${language}`);

      await page.goto(`${server.httpUrl}/w/${w}/briefs/${brief.id}/compose`);
      await page.getByTestId('composer').waitFor();
      await waitForEditor(page);
      await checkScreen(page, `composer-${language}`);

      await page.goto(`${server.httpUrl}${publicPath}`);
      await page.locator('h1').first().waitFor();
      if (SCREENSHOTS) await page.screenshot({ path: `${SCREENSHOTS}/published-${language}.png`, fullPage: true });
      expect((await layoutProblems(page)).scrollsSideways, 'published page scrolls sideways').toBe(false);
    });
  }
});
