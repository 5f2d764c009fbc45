import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, newPersonContext } from '../support/browser';
import {
  editor,
  editorText,
  isEditable,
  joinThroughLink,
  readOnlyBanner,
  reportPageErrors,
  typeInEditor,
  waitForEditor,
} from '../support/editorPage';
import { type ServerProcess, startServer } from '../support/serverProcess';
import { api, createWorkshop, operatorSecret } from '../support/workshopFixture';

// Generous: a 2-core CI machine runs Chromium, the server and vitest at once.
const eventually = <T>(read: () => Promise<T>) => expect.poll(read, { timeout: 20_000, interval: 100 });

const WORKSHOP_TITLE = 'Combating Trafficking in Persons — Lahore follow-up';
const MEMBER_TEXT = 'Every district needs a trained anti-trafficking prosecutor.';
const AFTER_LOCK_TEXT = 'typed after the lock';

describe('journey J1: a facilitator sets up a workshop and runs the breakout from the dashboard', () => {
  let server: ServerProcess;
  let browser: Browser;
  let contexts: BrowserContext[] = [];

  beforeAll(async () => {
    [server, browser] = await Promise.all([
      // Every page load of a join link is also a preview request; keep the limiter out of the way.
      startServer({ env: { JOIN_RATE_LIMIT_PER_MINUTE: '1000', JOINS_PER_MINUTE: '1000' } }),
      launchBrowser(),
    ]);
  });

  afterEach(async () => {
    await Promise.all(contexts.map((context) => context.close()));
    contexts = [];
  });

  afterAll(async () => {
    await browser?.close();
    const exitCode = await server?.stop();
    expect(exitCode, server?.output()).toBe(0);
  });

  async function person(): Promise<BrowserContext> {
    const context = await newPersonContext(browser);
    contexts.push(context);
    return context;
  }

  it('creates a workshop and groups, shares a member link, watches the member write, then locks the draft', async () => {
    // The operator opens the link the server printed and names themself.
    const facilitatorContext = await person();
    await facilitatorContext.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.httpUrl });
    const farah = await joinThroughLink(
      facilitatorContext,
      `${server.httpUrl}/join/${operatorSecret(server)}`,
      'Farah',
    );
    expect(new URL(farah.url()).pathname).toBe('/workshops');

    // A new workshop, with the default audiences already filled in.
    const form = farah.getByTestId('new-workshop-form');
    await expect
      .poll(() =>
        form
          .getByTestId('audience-list')
          .locator('input')
          .evaluateAll((inputs) => inputs.map((i) => (i as HTMLInputElement).value)),
      )
      .toEqual(['Parliamentarians', 'Policy makers', 'Law enforcement agencies (police, FIA)', 'Judiciary']);
    await form.getByLabel('Title').fill(WORKSHOP_TITLE);
    await form.getByLabel('Venue').fill('Lahore');
    await form.getByLabel('First day').fill('2026-03-12');
    await form.getByLabel('Last day').fill('2026-03-13');
    // An audience named twice is caught before anything is sent, and taken out again.
    await form.getByRole('button', { name: 'Add audience' }).click();
    await form.getByLabel('Audience 5', { exact: true }).fill('judiciary');
    await form.getByRole('button', { name: 'Create workshop' }).click();
    await eventually(() => form.getByRole('alert').textContent()).toBe('“judiciary” is in the list twice: keep one.');
    await form.getByRole('button', { name: 'Remove audience judiciary', exact: true }).click();
    await form.getByRole('button', { name: 'Create workshop' }).click();
    await farah.waitForURL(/\/w\/[^/]+$/);
    await eventually(() => farah.getByRole('heading', { level: 1 }).textContent()).toBe(WORKSHOP_TITLE);

    // Two groups, each for an audience.
    await addGroup(farah, 'Group 1', 'Parliamentarians');
    await addGroup(farah, 'Group 2', 'Judiciary');
    await eventually(() => groupNames(farah)).toEqual(['Group 1', 'Group 2']);

    // A member link for group 1: the full address is on the page, in the clipboard and as a QR code.
    const row = farah.locator('[data-testid=invite-row][data-who="Members of Group 1"]');
    await row.getByTestId('invite-create').click();
    const memberLink = await row.getByTestId('invite-url').inputValue();
    expect(memberLink).toMatch(new RegExp(`^${escapeRegExp(server.httpUrl)}/join/[A-Za-z0-9_-]{20,}$`));
    await row.getByTestId('invite-copy').click();
    await eventually(() => row.getByRole('status').textContent()).toBe('Link copied.');
    expect(await farah.evaluate(() => navigator.clipboard.readText())).toBe(memberLink);
    await row.getByRole('button', { name: 'QR code' }).click();
    expect(
      await row
        .getByRole('img', { name: /QR code of the invite link for Members of Group 1/ })
        .getAttribute('data-value'),
    ).toBe(memberLink);

    // The dashboard goes on the projector.
    await farah.getByTestId('dashboard-link').click();
    await farah.waitForURL(/\/dashboard$/);
    const group1Card = farah.locator('[data-testid=dashboard-group][data-group-name="Group 1"]');
    await eventually(() => group1Card.getByTestId('dashboard-online').textContent()).toBe('Nobody online');
    const wordsBefore = Number(await group1Card.getByTestId('dashboard-words').textContent());

    // A member opens the link on their own device, lands in group 1's draft and writes.
    const amina = await joinThroughLink(await person(), memberLink, 'Amina');
    await waitForEditor(amina);
    expect(await amina.getByTestId('workshop-title').textContent()).toContain(WORKSHOP_TITLE);
    await typeInEditor(amina, MEMBER_TEXT);
    await eventually(() => editorText(amina)).toContain(MEMBER_TEXT);

    // The dashboard shows her online, and the words she wrote.
    await eventually(() => group1Card.getByTestId('dashboard-online').textContent()).toContain('Amina');
    await eventually(async () =>
      Number(await group1Card.getByTestId('dashboard-words').textContent()),
    ).toBeGreaterThanOrEqual(wordsBefore + MEMBER_TEXT.split(' ').length);

    // The facilitator looking in on the draft from another tab is not counted as the group at work.
    const farahInDraft = await farah.context().newPage();
    await farahInDraft.goto(amina.url());
    await waitForEditor(farahInDraft);
    await eventually(() => group1Card.getByTestId('dashboard-visiting').textContent()).toBe(
      'Also looking in: Farah (Facilitator)',
    );
    expect(await group1Card.getByTestId('dashboard-online').textContent()).toBe('Amina');
    // Amina opens the draft in a second tab: "Who is here" lists her once, as herself.
    const aminaSecondTab = await amina.context().newPage();
    await aminaSecondTab.goto(amina.url());
    await waitForEditor(aminaSecondTab);
    await eventually(() => aminaSecondTab.getByTestId('presence').locator('li').allTextContents()).toEqual([
      'Amina (you)',
      'Farah',
    ]);
    expect(await amina.getByTestId('presence').locator('li').allTextContents()).toEqual(['Amina (you)', 'Farah']);
    expect(await group1Card.getByTestId('dashboard-online').textContent()).toBe('Amina');
    await aminaSecondTab.close();
    await farahInDraft.close();
    await eventually(() => group1Card.getByTestId('dashboard-visiting').count()).toBe(0);

    // The breakout countdown the facilitator starts appears in the member's header.
    const timerForm = farah.getByTestId('timer-form');
    await timerForm.getByLabel('Minutes').fill('20');
    await timerForm.getByLabel('Label').fill('Breakout 1');
    await timerForm.getByTestId('timer-start').click();
    const aminaCountdown = amina.getByTestId('breakout-countdown');
    await eventually(() => aminaCountdown.textContent()).toMatch(/^Breakout 1(19:[0-5]\d|20:00)$/);

    // The projector view: the countdown and each group's progress, large, for the room; live.
    await farah.getByTestId('dashboard-projector-open').click();
    const wall = farah.getByTestId('dashboard-projector');
    await eventually(() => wall.getByTestId('breakout-countdown').textContent()).toMatch(/^Breakout 1\d\d:\d\d$/);
    const wallGroup1 = wall.getByTestId('projector-group').filter({ hasText: 'Group 1' });
    await eventually(() => wallGroup1.textContent()).toMatch(/\d+ words.*1 person online/);
    const wallWords = async () => Number(await wallGroup1.locator('.projector-group__number').textContent());
    const before = await wallWords();
    await typeInEditor(amina, ' More words.');
    await eventually(wallWords).toBe(before + 2);
    await farah.keyboard.press('Escape');
    await eventually(() => wall.count()).toBe(0);
    await eventually(() => farah.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe(
      'dashboard-projector-open',
    );

    // Restarting or stopping a running countdown is asked first, and the safe answer has the focus:
    // an Enter pressed in the label field out of habit does not reset everyone's time.
    await timerForm.getByLabel('Minutes').fill('5');
    await timerForm.getByLabel('Label').press('Enter');
    const timerConfirm = farah.getByRole('group', { name: /still has/ });
    // The label is isolated (U+2068 … U+2069), so a right-to-left label keeps the sentence in order.
    const question = async () => (await timerConfirm.locator('legend').textContent())?.replace(/[\u2068\u2069]/g, '');
    await eventually(question).toMatch(
      /^“Breakout 1” still has (19|20):\d\d to go on everyone’s screen\. Start it again at 5 minutes\?$/,
    );
    await farah.keyboard.press('Enter');
    await eventually(() => timerConfirm.count()).toBe(0);
    await eventually(() => aminaCountdown.textContent()).toMatch(/^Breakout 1(19:[0-5]\d|20:00)$/);
    await timerForm.getByTestId('timer-start').click();
    // Stop pressed while Restart's question is open: its own question, its safe answer focused.
    await timerForm.getByTestId('timer-stop').click();
    await eventually(question).toContain('Stop it for everyone?');
    await eventually(() => farah.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe(
      'confirm-cancel',
    );
    await timerForm.getByTestId('timer-start').click();
    await eventually(question).toContain('Start it again at 5 minutes?');
    await farah.getByTestId('timer-confirm').click();
    await eventually(() => aminaCountdown.textContent()).toMatch(/^Breakout 1(04:[0-5]\d|05:00)$/);
    await timerForm.getByTestId('timer-stop').click();
    await eventually(question).toMatch(
      /^“Breakout 1” still has 0[45]:\d\d to go on everyone’s screen\. Stop it for everyone\?$/,
    );
    await farah.getByTestId('timer-confirm').click();
    await eventually(() => aminaCountdown.count()).toBe(0);

    // The page's live regions as they are before the lock: the lock must be read out by one of
    // them (a live region inserted together with its text is ignored by many screen readers).
    await amina.evaluate(() => {
      for (const region of document.querySelectorAll('[role=status]')) region.setAttribute('data-before-lock', '');
    });
    const announced = () =>
      amina.evaluate(() =>
        [...document.querySelectorAll('[role=status][data-before-lock]')].map((region) => region.textContent),
      );

    // End of the breakout: the facilitator locks group 1's draft.
    await group1Card.getByTestId('lock-toggle').click();
    await eventually(() => group1Card.getAttribute('data-locked')).toBe('true');

    // The member's editor turns read-only and says why; typing changes nothing.
    await eventually(() => readOnlyBanner(amina)).toEqual({
      reason: 'locked',
      text: 'This draft is locked by the facilitator. You can read it but not change it.',
    });
    expect(await isEditable(amina)).toBe(false);
    expect(await announced()).toContain('This draft is locked by the facilitator. You can read it but not change it.');
    const lockedText = await editorText(amina);
    await editor(amina).click();
    await amina.keyboard.press('Control+End');
    await amina.keyboard.type(AFTER_LOCK_TEXT);
    await amina.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => resolve(null))));
    expect(await editorText(amina)).toBe(lockedText);

    // A newcomer loads the draft from the server: the member's words are there, the refused ones are not.
    const check = await joinThroughLink(await person(), memberLink, 'Bilal');
    await waitForEditor(check, { editable: false });
    await eventually(() => editorText(check)).toContain(MEMBER_TEXT);
    expect(await editorText(check)).not.toContain(AFTER_LOCK_TEXT);
  });

  it('lets a member read the other groups’ drafts but not change them, and ends the session of a revoked link', async () => {
    const facilitatorContext = await person();
    const farah = await joinThroughLink(
      facilitatorContext,
      `${server.httpUrl}/join/${operatorSecret(server)}`,
      'Farah',
    );
    await farah.getByTestId('new-workshop-form').getByLabel('Title').fill('Revocation drill');
    await farah.getByRole('button', { name: 'Create workshop' }).click();
    await farah.waitForURL(/\/w\/[^/]+$/);
    await addGroup(farah, 'Group 1', 'Parliamentarians');
    await addGroup(farah, 'Group 2', 'Policy makers');
    await eventually(() => groupNames(farah)).toEqual(['Group 1', 'Group 2']);
    const row = farah.locator('[data-testid=invite-row][data-who="Members of Group 1"]');
    await row.getByTestId('invite-create').click();
    const memberLink = await row.getByTestId('invite-url').inputValue();

    const amina = await joinThroughLink(await person(), memberLink, 'Amina');
    await waitForEditor(amina);
    expect(await readOnlyBanner(amina)).toBeNull();

    // From her own draft to group 2's, through the list of drafts beside the editor.
    await amina.getByTestId('draft-nav').getByRole('link', { name: 'Group 2' }).click();
    await waitForEditor(amina, { editable: false });
    await eventually(() => readOnlyBanner(amina)).toEqual({
      reason: 'other-group',
      text: 'You are reading the draft of Group 2 (read-only).',
    });

    // The facilitator revokes the link she joined with: her page says so, and the link is dead.
    await row.getByTestId('invite-revoke').click();
    await row.getByTestId('invite-confirm').click();
    await eventually(() => row.getByTestId('invite-create').isVisible()).toBe(true);
    await eventually(() => amina.getByTestId('session-ended').textContent()).toContain('Your link was revoked');
    // Opened again later, the page still says why rather than only that nobody is signed in.
    await amina.reload();
    await eventually(() => amina.getByTestId('session-ended').textContent()).toContain('Your link was revoked');

    const late = await (await person()).newPage();
    reportPageErrors(late, 'late joiner');
    await late.goto(memberLink);
    await eventually(() => late.getByTestId('invite-invalid').textContent()).toContain(
      'This invite link does not work',
    );
  });

  it('renames a group and gives it its focus back after an audience is renamed, then deletes it; members see both live', async () => {
    const farah = await joinThroughLink(await person(), `${server.httpUrl}/join/${operatorSecret(server)}`, 'Farah');
    await farah.getByTestId('new-workshop-form').getByLabel('Title').fill('Renaming drill');
    await farah.getByRole('button', { name: 'Create workshop' }).click();
    await farah.waitForURL(/\/w\/[^/]+$/);
    await addGroup(farah, 'Group 1', 'Parliamentarians');
    await addGroup(farah, 'Group 2', 'Judiciary');
    // A brief to collect into, started from the home page; a blank title is refused on the spot.
    const briefForm = farah.getByTestId('add-brief-form');
    await briefForm.getByRole('button', { name: 'Create brief' }).click();
    await eventually(() => briefForm.getByRole('alert').textContent()).toBe('Please give the brief a title.');
    await briefForm.getByLabel('Start a brief').fill('Plenary brief');
    await briefForm.getByRole('button', { name: 'Create brief' }).click();
    await eventually(() => farah.getByTestId('brief-list').textContent()).toContain('Plenary brief');
    const invite = farah.locator('[data-testid=invite-row][data-who="Members of Group 2"]');
    await invite.getByTestId('invite-create').click();
    const amina = await joinThroughLink(await person(), await invite.getByTestId('invite-url').inputValue(), 'Amina');
    await waitForEditor(amina);
    await eventually(() => amina.getByTestId('draft-nav').getByRole('link').allTextContents()).toEqual([
      'Group 1',
      'Group 2 · Your group',
    ]);

    // "Judiciary" becomes "Judges": group 2 no longer writes for an audience the workshop has.
    const settings = farah.getByTestId('workshop-settings-form');
    await settings.getByLabel('Audience 4', { exact: true }).fill('Judges');
    await settings.getByRole('button', { name: 'Save changes' }).click();
    const row = farah.locator('[data-testid=group-settings-row][data-group-name="Group 2"]');
    await eventually(() => row.getByLabel('Focus audience').inputValue()).toBe('');
    await eventually(() => groupFocus(farah, 'Group 2')).toBe('');

    // The facilitator renames the group and gives it the renamed audience.
    await row.getByLabel('Group name').fill('Judges and prosecutors');
    await row.getByLabel('Focus audience').selectOption('Judges');
    await row.getByRole('button', { name: 'Save changes' }).click();
    const renamed = farah.locator('[data-testid=group-settings-row][data-group-name="Judges and prosecutors"]');
    await eventually(() => renamed.getByRole('status').textContent()).toBe('Saved.');
    await eventually(() => groupFocus(farah, 'Judges and prosecutors')).toBe('For Judges');
    await eventually(() => amina.getByTestId('draft-nav').getByRole('link').allTextContents()).toEqual([
      'Group 1',
      'Judges and prosecutors · Your group',
    ]);

    // Deleting the group, after a confirmation, takes its member link with it.
    await renamed.getByTestId('group-delete').click();
    await renamed.getByTestId('group-delete-confirm').click();
    await eventually(() => groupNames(farah)).toEqual(['Group 1']);
    await eventually(() => amina.getByTestId('session-ended').textContent()).toContain('Your group was deleted');
    await amina.reload();
    await eventually(() => amina.getByTestId('session-ended').textContent()).toContain('Your group was deleted');
  });

  it('renames a brief, its open editor’s title heading with it, and deletes it after a confirmation', async () => {
    const context = await person();
    const farah = await joinThroughLink(context, `${server.httpUrl}/join/${operatorSecret(server)}`, 'Farah');
    await farah.getByTestId('new-workshop-form').getByLabel('Title').fill('Brief drill');
    await farah.getByRole('button', { name: 'Create workshop' }).click();
    await farah.waitForURL(/\/w\/[^/]+$/);
    const briefForm = farah.getByTestId('add-brief-form');
    await briefForm.getByLabel('Start a brief').fill('Anual brief');
    await briefForm.getByRole('button', { name: 'Create brief' }).click();
    const list = farah.getByTestId('brief-list');
    await eventually(() => list.textContent()).toContain('Anual brief');

    // The brief open in a second tab: its opening heading is the title.
    const writing = await context.newPage();
    reportPageErrors(writing, 'brief tab');
    await writing.goto(
      new URL((await list.getByRole('link', { name: 'Anual brief' }).getAttribute('href')) ?? '', server.httpUrl).href,
    );
    await waitForEditor(writing);
    const titleHeading = () => editor(writing).locator('h1').first().textContent();
    await eventually(titleHeading).toBe('Anual brief');

    // Rename: the field opens with the title, Escape leaves it, Enter saves; focus returns to Rename.
    await list.getByTestId('brief-rename').click();
    // The label names the brief (its title set apart from the sentence with Unicode isolates).
    const field = farah.getByLabel(/^New title for \u2068Anual brief\u2069$/);
    await eventually(() => field.evaluate((input) => input === document.activeElement)).toBe(true);
    await farah.keyboard.press('Escape');
    await eventually(() => farah.getByTestId('rename-brief-form').count()).toBe(0);
    await list.getByTestId('brief-rename').click();
    await field.fill('Annual brief');
    await farah.keyboard.press('Enter');
    await eventually(() => list.locator('.item-list__title').allTextContents()).toEqual(['Annual brief']);
    await eventually(() =>
      farah.evaluate(() => (document.activeElement as HTMLElement | null)?.getAttribute('data-testid')),
    ).toBe('brief-rename');
    await eventually(titleHeading).toBe('Annual brief');

    // Delete, after a confirmation: the list says so, and the open tab says the brief is gone.
    await list.getByTestId('brief-delete').click();
    await farah.getByTestId('brief-delete-confirm').click();
    await eventually(() => farah.getByTestId('brief-list').count()).toBe(0);
    await eventually(() => farah.getByRole('status').filter({ hasText: 'was deleted' }).textContent()).toBe(
      '\u2068Annual brief\u2069 was deleted.',
    );
    await eventually(() => writing.getByTestId('connection-error').textContent()).toContain(
      'This document was deleted',
    );
  });
  it('fits the projector views on a 1280×720 beamer unscrolled (six groups with a countdown, an invite’s code), and names a new group left unnamed without repeating a name', async () => {
    const fixture = await createWorkshop(server, 6);
    const timer = await api(server, 'PUT', `/api/workshops/${fixture.workshop.id}/timer`, {
      token: fixture.facilitatorToken,
      body: { durationMinutes: 45, label: 'Breakout: draft your recommendations' },
    });
    expect(timer.status).toBe(200);
    const context = await person();
    await context.addCookies([{ name: 'plenary_session', value: fixture.facilitatorToken, url: server.httpUrl }]);
    const page = await context.newPage();
    reportPageErrors(page, 'facilitator');
    await page.setViewportSize({ width: 1280, height: 720 });
    /** How far the open view scrolls: 0 when everything on it is on the wall. */
    const overflow = (testId: string) =>
      page.getByTestId(testId).evaluate((view) => view.scrollHeight - view.clientHeight);

    for (const language of ['en', 'ur']) {
      await page.goto(`${server.httpUrl}/w/${fixture.workshop.id}/dashboard`);
      await page.evaluate((choice) => localStorage.setItem('plenary.language', choice), language);
      await page.reload();
      await page.getByTestId('dashboard-projector-open').click();
      const wall = page.getByTestId('dashboard-projector');
      await eventually(() => wall.getByTestId('projector-group').count()).toBe(6);
      await wall.getByTestId('breakout-countdown').waitFor();
      expect(await overflow('dashboard-projector'), `dashboard, ${language}`).toBeLessThanOrEqual(0);
      await page.keyboard.press('Escape');
    }

    await page.evaluate(() => localStorage.setItem('plenary.language', 'en'));
    await page.goto(`${server.httpUrl}/w/${fixture.workshop.id}`);
    const row = page.locator('[data-testid=invite-row]').first();
    await row.getByTestId('invite-create').click();
    await row.getByTestId('invite-projector').click();
    const code = page.getByTestId('projector-view');
    await code.waitFor();
    expect(await overflow('projector-view'), 'invite link').toBeLessThanOrEqual(0);
    expect(await code.evaluate((view) => view.scrollTop)).toBe(0);
    await page.keyboard.press('Escape');

    // With Group 2 deleted, a group with its name left empty takes the one shown greyed out in
    // the field: "Group 7", as "Group 6" is still there.
    const deleted = await api(
      server,
      'DELETE',
      `/api/workshops/${fixture.workshop.id}/groups/${fixture.groups[1]?.id}`,
      {
        token: fixture.facilitatorToken,
      },
    );
    expect(deleted.status).toBe(204);
    await page.reload();
    const form = page.getByTestId('add-group-form');
    await form.getByLabel('Focus audience').selectOption('Judiciary');
    expect(await form.getByLabel('Group name').getAttribute('placeholder')).toBe('Group 7 — Judiciary');
    await form.getByRole('button', { name: 'Add group' }).click();
    await eventually(() => groupNames(page)).toContain('Group 7 — Judiciary');
  });
});

async function addGroup(page: Page, name: string, audience: string): Promise<void> {
  const form = page.getByTestId('add-group-form');
  await form.getByLabel('Group name').fill(name);
  await form.getByLabel('Focus audience').selectOption(audience);
  await form.getByRole('button', { name: 'Add group' }).click();
  await eventually(() => groupNames(page)).toContain(name);
}

/** The "For <audience>" line under a group in the list of working groups ('' for none). */
async function groupFocus(page: Page, name: string): Promise<string> {
  const item = page.locator(`[data-testid=group-item][data-group-name="${name}"] .muted`);
  return (await item.count()) === 0 ? '' : ((await item.first().textContent()) ?? '');
}

async function groupNames(page: Page): Promise<string[]> {
  return page
    .getByTestId('group-item')
    .evaluateAll((items) => items.map((item) => item.getAttribute('data-group-name') ?? ''));
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
