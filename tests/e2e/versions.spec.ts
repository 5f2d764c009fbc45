import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, newPersonContext } from '../support/browser';
import {
  connectionState,
  type DraftAddress,
  editor,
  editorText,
  openDraft,
  signInWithToken,
  typeInEditor,
  typeParagraph,
} from '../support/editorPage';
import { type ServerProcess, startServer } from '../support/serverProcess';
import { createWorkshop, type WorkshopFixture } from '../support/workshopFixture';

const eventually = <T>(read: () => Promise<T>) => expect.poll(read, { timeout: 20_000, interval: 100 });

const CHEN_NOTE = 'Shelters report to the provincial desk.';
const CHEN_LATE = ' Chen adds: and to the FIA within a day.';
const OPENING = 'Border officers must screen every returnee for signs of trafficking.';
const BILAL_EDIT = ' Bilal wants this dropped, it is too costly.';
const VERSION = 'End of breakout';

describe('named versions: name, compare, restore while others edit', () => {
  let server: ServerProcess;
  let browser: Browser;
  let workshop: WorkshopFixture;
  let contexts: BrowserContext[] = [];

  beforeAll(async () => {
    [server, browser] = await Promise.all([startServer({ env: { SEED_DEMO: 'false' } }), launchBrowser()]);
    workshop = await createWorkshop(server, 1);
  });
  afterEach(async () => {
    await Promise.all(contexts.map((context) => context.close()));
    contexts = [];
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  const draft = (): DraftAddress & { groupId: string } => {
    const group = workshop.groups[0];
    if (!group) throw new Error('no group');
    return { workshopId: workshop.workshop.id, documentId: group.documentId, groupId: group.id };
  };

  async function person(token: string): Promise<BrowserContext> {
    const context = await newPersonContext(browser);
    contexts.push(context);
    await signInWithToken(context, server.httpUrl, token);
    return context;
  }

  async function member(name: string): Promise<BrowserContext> {
    return person((await workshop.participant('member', name, draft().groupId)).token);
  }

  /** Opens the history panel of the draft on `page`. */
  async function openHistory(page: Page): Promise<void> {
    await page.getByTestId('history-open').click();
    await page.getByTestId('history').waitFor({ state: 'visible' });
  }

  const versionItem = (page: Page, name: string) =>
    page.locator(`[data-testid="version-item"][data-version-name="${name}"]`);

  it('the facilitator names a version, the group edits, the diff shows it, and a restore brings the old text back while a third member’s edit elsewhere survives', async () => {
    const address = draft();
    const amina = await openDraft(await member('Amina'), server.httpUrl, address, { who: 'Amina' });
    const bilal = await openDraft(await member('Bilal'), server.httpUrl, address, { who: 'Bilal' });
    const chenContext = await member('Chen');
    const chen = await openDraft(chenContext, server.httpUrl, address, { who: 'Chen' });

    await typeParagraph(chen, CHEN_NOTE);
    await eventually(() => editorText(amina)).toContain(CHEN_NOTE);
    await typeParagraph(amina, OPENING);
    for (const page of [bilal, chen]) await eventually(() => editorText(page)).toContain(OPENING);

    // The facilitator, on a phone-sized screen, names the version.
    const facilitatorContext = await person(workshop.facilitatorToken);
    const facilitator = await openDraft(facilitatorContext, server.httpUrl, address, { who: 'Facilitator' });
    await facilitator.setViewportSize({ width: 360, height: 740 });
    await openHistory(facilitator);
    await facilitator.getByLabel('Name this version').fill(VERSION);
    await facilitator.getByTestId('version-name-submit').click();
    await eventually(() => facilitator.getByTestId('history-status').textContent()).toContain(VERSION);
    await versionItem(facilitator, VERSION).waitFor();
    // Nothing in the panel is wider than the phone's screen.
    const overflow = await facilitator
      .getByTestId('history')
      .evaluate((panel) => panel.scrollWidth - panel.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);

    // The group edits after the version.
    await typeInEditor(bilal, BILAL_EDIT);
    await eventually(() => editorText(amina)).toContain(BILAL_EDIT.trim());

    // The diff against now shows Bilal's words as inserted (underlined, in <ins>).
    await versionItem(facilitator, VERSION).getByTestId('version-compare-now').click();
    const diff = facilitator.getByTestId('version-diff');
    await diff.waitFor();
    await eventually(() => diff.locator('ins').allTextContents()).toContainEqual(
      expect.stringContaining(BILAL_EDIT.trim()),
    );
    expect(await diff.locator('[data-change="changed"]').count()).toBe(1);
    const insertStyle = await diff
      .locator('ins.word-diff__insert')
      .first()
      .evaluate((el) => getComputedStyle(el).textDecorationLine);
    expect(insertStyle).toContain('underline');

    // Opening the version shows the old text, read-only.
    await versionItem(facilitator, VERSION).getByTestId('version-open').click();
    const view = facilitator.getByTestId('version-view');
    await eventually(() => view.textContent()).toContain(OPENING);
    expect(await view.textContent()).not.toContain(BILAL_EDIT.trim());
    expect(await view.locator('.ProseMirror').getAttribute('contenteditable')).toBe('false');

    // Chen writes in his own paragraph while the restore happens: his words reach the server
    // only after it, so they are concurrent with it.
    await chenContext.setOffline(true);
    await eventually(() => connectionState(chen)).toBe('offline');
    await editor(chen).getByText(CHEN_NOTE).click();
    await chen.keyboard.press('End');
    await chen.keyboard.type(CHEN_LATE);

    // Amina restores the named version, with a confirmation, from the keyboard.
    await openHistory(amina);
    await versionItem(amina, VERSION).getByTestId('version-restore').focus();
    await amina.keyboard.press('Enter');
    await amina.getByTestId('restore-confirm').waitFor();
    await amina.getByTestId('restore-confirm-button').click();
    await eventually(() => amina.getByTestId('history-status').textContent()).toContain('Restored');
    await chenContext.setOffline(false);

    const expectedNote = `${CHEN_NOTE}${CHEN_LATE}`;
    for (const page of [amina, bilal, chen, facilitator]) {
      await eventually(() => editorText(page)).toContain(expectedNote);
      await eventually(() => editorText(page)).not.toContain(BILAL_EDIT.trim());
      expect(await editorText(page)).toContain(OPENING);
    }

    // A newcomer loads only what the server holds.
    const dana = await openDraft(await member('Dana'), server.httpUrl, address, { who: 'Dana' });
    await eventually(() => editorText(dana)).toContain(expectedNote);
    expect(await editorText(dana)).toContain(OPENING);
    expect(await editorText(dana)).not.toContain(BILAL_EDIT.trim());

    // The state before the restore is kept as an automatic version, listed for everyone.
    await openHistory(dana);
    await eventually(() => dana.locator('[data-testid="version-item"][data-kind="auto"]').count()).toBe(1);
    expect(await dana.getByTestId('version-restore').count()).toBeGreaterThan(0);

    // Two versions compared: from the named one to the one kept just before the restore.
    await dana.getByTestId('compare-from').selectOption({ label: VERSION });
    // "Now" first, then the versions newest first: the automatic one is second.
    await dana.getByTestId('compare-to').selectOption({ index: 1 });
    await dana.getByTestId('compare-submit').click();
    const twoVersions = dana.getByTestId('version-diff');
    await eventually(() => twoVersions.locator('ins').allTextContents()).toContainEqual(
      expect.stringContaining(BILAL_EDIT.trim()),
    );
    expect(await twoVersions.textContent()).not.toContain(CHEN_LATE.trim());
  });
});
