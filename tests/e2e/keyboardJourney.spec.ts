import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, newPersonContext } from '../support/browser';
import { focusedElement, focusedLabel, readCard, recommendationCard, reportPageErrors } from '../support/editorPage';
import { type ServerProcess, startServer } from '../support/serverProcess';
import { api, createWorkshop, type WorkshopFixture } from '../support/workshopFixture';

const eventually = <T>(read: () => Promise<T>) => expect.poll(read, { timeout: 20_000, interval: 100 });

const STATEMENT = 'Train every FIA investigator on victim identification.';

/**
 * Whether focus can be seen: the focused element, or the frame around it (the editor's page),
 * has an outline of at least 2 px or a ring in the opaque focus colour.
 */
async function focusIsVisible(page: Page): Promise<boolean> {
  return page.evaluate(() => {
    let element: Element | null = document.activeElement;
    if (!element || element === document.body) return false;
    for (let depth = 0; element && depth < 4; depth++, element = element.parentElement) {
      const style = getComputedStyle(element);
      if (style.outlineStyle !== 'none' && Number.parseFloat(style.outlineWidth) >= 2) return true;
      if (style.boxShadow.includes('rgb(38, 72, 184)')) return true;
    }
    return false;
  });
}

/** Presses Tab until `reached` holds, checking that every stop on the way shows where focus is. */
async function tabUntil(page: Page, reached: () => Promise<boolean>, limit = 40): Promise<void> {
  for (let presses = 0; presses < limit; presses++) {
    await page.keyboard.press('Tab');
    const where = await focusedElement(page);
    expect(await focusIsVisible(page), `no visible focus on ${JSON.stringify(where)}`).toBe(true);
    if (await reached()) return;
  }
  throw new Error(`not reached after ${limit} Tab presses; focus is on ${JSON.stringify(await focusedElement(page))}`);
}

/**
 * Journey J2 with the keyboard alone (no mouse or touch event reaches the page): open the invite
 * link, type a name, join, reach the draft, write, insert a recommendation, fill its fields and
 * endorse it. Every Tab stop on the way shows a visible focus indicator.
 */
describe('journey J2 by keyboard only', () => {
  let server: ServerProcess;
  let browser: Browser;
  let workshop: WorkshopFixture;
  let context: BrowserContext;

  beforeAll(async () => {
    [server, browser] = await Promise.all([startServer({ env: { SEED_DEMO: 'false' } }), launchBrowser()]);
    workshop = await createWorkshop(server, 1);
    context = await newPersonContext(browser);
    // Count every pointer event the page receives: the journey must need none.
    await context.addInitScript(() => {
      const seen = { count: 0 };
      (window as unknown as { pointerEvents: typeof seen }).pointerEvents = seen;
      for (const type of ['pointerdown', 'mousedown', 'touchstart']) {
        window.addEventListener(type, () => seen.count++, { capture: true });
      }
    });
  });

  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await server?.stop();
  });

  it('joins, writes, inserts a recommendation, fills it in and endorses it', async () => {
    const group = workshop.groups[0];
    if (!group) throw new Error('no group');
    const { invite } = await workshop.participant('member', 'Organiser', group.id);
    const page = await context.newPage();
    reportPageErrors(page, 'keyboard user');
    await page.goto(`${server.httpUrl}/join/${invite.url.split('/join/')[1]}`);
    await page.getByTestId('join-name').waitFor();

    // The join page: Tab to the name, type it, Enter joins.
    await tabUntil(page, async () => (await focusedElement(page)).testId === 'join-name');
    await page.keyboard.type('Sadia Rehman');
    await page.keyboard.press('Enter');
    await page.waitForURL((url) => url.pathname.includes('/d/'));
    const text = page.locator('[data-testid=editor] .ProseMirror');
    await text.waitFor();

    // The skip link leads past the header; then Tab reaches the text.
    await tabUntil(page, async () => (await focusedElement(page)).text === 'Skip to content');
    await page.keyboard.press('Enter');
    await tabUntil(page, () => text.evaluate((element) => element === document.activeElement));

    await page.keyboard.press('Control+End');
    await page.keyboard.press('Enter');
    await page.keyboard.type('Our group met on day one.');
    await page.keyboard.press('Enter');
    await page.keyboard.type('/');
    await eventually(() =>
      page.getByTestId('slash-menu').getByRole('option', { selected: true }).textContent(),
    ).toContain('Recommendation');
    await page.keyboard.press('Enter');
    const card = recommendationCard(page, 1);
    await eventually(async () => (await readCard(card)).empty).toBe(true);
    await page.keyboard.type(STATEMENT);

    // Alt+Enter in the statement opens the details on their first field.
    await page.keyboard.press('Alt+Enter');
    await page.getByTestId('recommendation-details').waitFor();
    await eventually(() => focusedLabel(page)).toBe('Parliamentarians');
    await page.keyboard.press('Space');
    await tabUntil(page, async () => (await focusedLabel(page)) === 'Priority');
    await page.keyboard.press('ArrowDown'); // Not set → High
    await page.keyboard.press('Tab');
    expect(await focusedLabel(page)).toBe('Responsible body');
    await page.keyboard.type('FIA');
    await tabUntil(page, async () => (await focusedLabel(page)) === 'Draft');
    await page.keyboard.press('ArrowRight'); // → Agreed
    await page.keyboard.press('Escape');
    await eventually(() => page.getByTestId('recommendation-details').isVisible()).toBe(false);
    // Escape goes back to the statement, where Alt+Enter was pressed.
    expect(await text.evaluate((element) => element.contains(document.activeElement))).toBe(true);

    // The endorse button is on the card, a few Tab stops on.
    await tabUntil(page, async () => (await focusedElement(page)).testId === 'endorse-button');
    await page.keyboard.press('Space');
    await eventually(() => readCard(card)).toMatchObject({
      status: 'Agreed',
      statement: STATEMENT,
      chips: { priority: 'High', responsibleBody: 'FIA' },
      endorsements: 1,
      endorsedByMe: true,
    });
    expect(
      await page.evaluate(() => (window as unknown as { pointerEvents: { count: number } }).pointerEvents.count),
    ).toBe(0);
  });
});

/**
 * Closing a dialog or a confirmation with Escape gives the focus back to the button that opened
 * it, rather than to the page itself, where a keyboard user would have to start again from the top.
 */
describe('focus after a dialog or confirmation closes', () => {
  let server: ServerProcess;
  let browser: Browser;
  let workshop: WorkshopFixture;
  let page: Page;

  beforeAll(async () => {
    [server, browser] = await Promise.all([startServer({ env: { SEED_DEMO: 'false' } }), launchBrowser()]);
    workshop = await createWorkshop(server, 1);
    const context = await newPersonContext(browser);
    await context.addCookies([{ name: 'plenary_session', value: workshop.facilitatorToken, url: server.httpUrl }]);
    page = await context.newPage();
    reportPageErrors(page, 'facilitator');
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  /** Focuses `opener` as Tab would, presses Enter, checks `opened`, presses Escape. */
  async function openAndEscape(opener: string, opened: string): Promise<void> {
    await page.locator(opener).focus();
    await page.keyboard.press('Enter');
    await page.locator(opened).first().waitFor();
    await page.keyboard.press('Escape');
    await eventually(() => page.locator(opened).count()).toBe(0);
  }

  const focusedTestId = async () => (await focusedElement(page)).testId;

  it('returns to the opener for the name, projector, revoke and history, and stays on the language switcher', async () => {
    await page.goto(`${server.httpUrl}/w/${workshop.workshop.id}`);
    await openAndEscape('[data-testid=name-button]', 'dialog[open]');
    expect(await focusedTestId()).toBe('name-button');

    const row = '[data-testid=invite-row][data-who="Members of Group 1"]';
    await page.locator(`${row} [data-testid=invite-create]`).click();
    await page.locator(`${row} [data-testid=invite-projector]`).waitFor();
    await openAndEscape(`${row} [data-testid=invite-projector]`, '[data-testid=projector-view]');
    expect(await focusedTestId()).toBe('invite-projector');
    await openAndEscape(`${row} [data-testid=invite-revoke]`, '.confirm');
    expect(await focusedTestId()).toBe('invite-revoke');

    await page.goto(`${server.httpUrl}/w/${workshop.workshop.id}/d/${workshop.draft(0)}`);
    await page.getByTestId('history-open').waitFor();
    await openAndEscape('[data-testid=history-open]', 'dialog[open]');
    expect(await focusedTestId()).toBe('history-open');

    // Switching the language rebuilds the page; the keyboard stays on the switcher.
    await page.getByTestId('language-switcher').focus();
    await page.keyboard.press('ArrowDown');
    await eventually(() => page.evaluate(() => document.documentElement.lang)).toBe('ur');
    // The page is rebuilt (at times through a loading state with a switcher of its own): the next
    // key goes to the switcher of the page as it ends up, once its history button is back too.
    await page.getByTestId('history-open').waitFor();
    await eventually(focusedTestId).toBe('language-switcher');
    await page.keyboard.press('ArrowUp');
    await eventually(() => page.evaluate(() => document.documentElement.lang)).toBe('en');
    await eventually(focusedTestId).toBe('language-switcher');
  });
  it('keeps the place of a key press whose button is disabled or replaced: links, publish, comment, export', async () => {
    const created = await api(server, 'POST', `/api/workshops/${workshop.workshop.id}/briefs`, {
      token: workshop.facilitatorToken,
      body: { title: 'Keyboard brief' },
    });
    expect(created.status).toBe(201);
    await page.goto(`${server.httpUrl}/w/${workshop.workshop.id}`);
    /** The focused element's test id and the "who" of the invite row it is in. */
    const focusedInRow = () =>
      page.evaluate(() => {
        const active = document.activeElement;
        return `${active?.closest('[data-who]')?.getAttribute('data-who')}: ${active?.getAttribute('data-testid')}`;
      });

    // Creating a link replaces the button with the link: Copy takes the focus. Revoking it brings Create back.
    const readers = '[data-testid=invite-row][data-who="Readers"]';
    await page.locator(`${readers} [data-testid=invite-create]`).focus();
    await page.keyboard.press('Enter');
    await eventually(focusedInRow).toBe('Readers: invite-copy');
    // The confirmation offers the safe answer first: Enter twice keeps the link.
    await page.locator(`${readers} [data-testid=invite-revoke]`).focus();
    await page.keyboard.press('Enter');
    await eventually(focusedInRow).toBe('Readers: confirm-cancel');
    await page.keyboard.press('Enter');
    await eventually(focusedInRow).toBe('Readers: invite-revoke');
    await page.keyboard.press('Enter');
    await page.keyboard.press('Shift+Tab');
    expect(await focusedInRow()).toBe('Readers: invite-confirm');
    await page.keyboard.press('Enter');
    await eventually(focusedInRow).toBe('Readers: invite-create');

    // Publishing asks first (the safe answer focused), then disables its button for a moment; the
    // focus comes back to it.
    await page.getByTestId('publish-brief').focus();
    await page.keyboard.press('Enter');
    await eventually(focusedTestId).toBe('confirm-cancel');
    await page.keyboard.press('Shift+Tab');
    expect(await focusedTestId()).toBe('publish-confirm');
    await page.keyboard.press('Enter');
    await eventually(() => page.locator('.publish [role=status]').textContent()).toContain('Published as version 1');
    await eventually(focusedTestId).toBe('publish-brief');

    // A comment, added from the keyboard, takes the focus once posted.
    await page.goto(`${server.httpUrl}/w/${workshop.workshop.id}/d/${workshop.draft(0)}`);
    const text = page.locator('[data-testid=editor] .ProseMirror');
    await text.waitFor();
    await text.locator('p').first().click();
    await page.keyboard.type('Shelters are underfunded.');
    await page.keyboard.press('Shift+Home');
    await page.keyboard.press('Control+Alt+m');
    await eventually(focusedTestId).toBe('comment-input');
    await page.keyboard.type('Which ministry funds this?');
    await page.keyboard.press('Control+Enter');
    await eventually(focusedTestId).toBe('comment-quote');

    // Export: the button is disabled while the file is made, then has the focus again.
    await page.getByTestId('export-format').selectOption('md');
    await page.getByTestId('export-download').focus();
    await page.keyboard.press('Enter');
    await eventually(() => page.getByTestId('export-status').textContent()).toBe('Downloaded.');
    await eventually(focusedTestId).toBe('export-download');
  });
});
