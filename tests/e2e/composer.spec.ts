import type { Brief, RecommendationItem } from '@plenary/shared/api';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { importIntoBrief } from '../support/briefContent';
import { launchBrowser, newPersonContext } from '../support/browser';
import { editor, editorText, openDraft, reportPageErrors, signInWithToken } from '../support/editorPage';
import { type DraftWriter, openDraftWriter } from '../support/groupRecommendations';
import { type ServerProcess, startServer } from '../support/serverProcess';
import { api, createWorkshop, type WorkshopFixture } from '../support/workshopFixture';
import { destroyAllClients } from '../support/yClients';

// Generous: a 2-core CI machine runs Chromium, the server and vitest at once.
const eventually = <T>(read: () => Promise<T>) => expect.poll(read, { timeout: 20_000, interval: 100 });

/** What the test reaches of the Tiptap editor in the page (`element.editor`). */
interface EditorHandle {
  commands: { setNodeSelection(pos: number): boolean; focus(): boolean };
  view: { posAtDOM(node: Node, offset: number): number };
}

const LAW_ENFORCEMENT = 'Law enforcement agencies (police, FIA)';
const CELLS_1 = 'Set up a joint FIA–police anti-trafficking cell in every province.';
const JUDGES_1 = 'Train judges on victim-centred trials.';
const DATA_1 = 'Publish yearly data on trafficking prosecutions.';
const CELLS_2 = 'Create joint police and FIA anti-trafficking cells in each province.';
const SHELTERS_2 = 'Fund shelters for survivors in every division.';
const MERGED = 'Set up joint FIA–police anti-trafficking cells in every province, with a shared case register.';

describe('the rapporteur’s brief composer (journey J3)', () => {
  let server: ServerProcess;
  let browser: Browser;
  let workshop: WorkshopFixture;
  let brief: Brief;
  let group1: DraftWriter;
  let group2: DraftWriter;
  let contexts: BrowserContext[] = [];

  beforeAll(async () => {
    [server, browser] = await Promise.all([startServer(), launchBrowser()]);
    workshop = await createWorkshop(server, 2);
    const created = await api<Brief>(server, 'POST', `/api/workshops/${workshop.workshop.id}/briefs`, {
      token: workshop.facilitatorToken,
      body: { title: 'Plenary brief' },
    });
    expect(created.status).toBe(201);
    brief = created.body;

    // Two groups' drafts, written by stock Yjs clients as the editor stores recommendations.
    group1 = await openDraftWriter(server.wsUrl, workshop.draft(0), workshop.facilitatorToken);
    group2 = await openDraftWriter(server.wsUrl, workshop.draft(1), workshop.facilitatorToken);
    group1.add({ id: 'cells-1', text: CELLS_1, audiences: [LAW_ENFORCEMENT], priority: 'high', status: 'agreed' });
    group1.add({ id: 'judges-1', text: JUDGES_1, audiences: ['Judiciary'], priority: 'medium' });
    group1.add({ id: 'data-1', text: DATA_1, audiences: ['Policy makers'], priority: 'low' });
    group2.add({
      id: 'cells-2',
      text: CELLS_2,
      audiences: [LAW_ENFORCEMENT],
      priority: 'high',
      responsibleBody: 'FIA',
      timeframe: 'within_6_months',
      legalReference: 'Prevention of Trafficking in Persons Act, 2018',
    });
    group2.add({ id: 'shelters-2', text: SHELTERS_2, audiences: ['Policy makers'], priority: 'medium' });
    const [first, second] = workshop.groups;
    await group1.endorse('cells-1', [
      await workshop.participant('member', 'Amina', second?.id),
      await workshop.participant('rapporteur', 'Bilal'),
    ]);
    await group2.endorse('cells-2', [await workshop.participant('member', 'Chaudhry', first?.id)]);
    await vi.waitFor(
      async () => expect((await allRecommendations()).filter((r) => r.endorsementCount > 0)).toHaveLength(2),
      { timeout: 20_000, interval: 100 },
    );
  });

  afterEach(async () => {
    await Promise.all(contexts.map((context) => context.close()));
    contexts = [];
  });

  afterAll(async () => {
    destroyAllClients();
    await browser?.close();
    const exitCode = await server?.stop();
    expect(exitCode, server?.output()).toBe(0);
  });

  async function allRecommendations(): Promise<RecommendationItem[]> {
    const { status, body } = await api<RecommendationItem[]>(
      server,
      'GET',
      `/api/workshops/${workshop.workshop.id}/recommendations`,
      { token: workshop.facilitatorToken },
    );
    expect(status).toBe(200);
    return body;
  }

  async function signedIn(token: string): Promise<BrowserContext> {
    const context = await newPersonContext(browser);
    contexts.push(context);
    await signInWithToken(context, server.httpUrl, token);
    return context;
  }

  /** The rapporteur's way in: the workshop home, then the "Compose" link of `target`. */
  async function openComposer(target: Brief = brief): Promise<Page> {
    const { token } = await workshop.participant('rapporteur', 'Rapporteur Sana');
    const page = await (await signedIn(token)).newPage();
    reportPageErrors(page, 'Sana');
    await page.goto(`${server.httpUrl}/w/${workshop.workshop.id}`);
    await page
      .getByTestId('brief-list')
      .getByRole('listitem')
      .filter({ hasText: target.title })
      .getByTestId('compose-link')
      .click();
    await page.waitForURL(`**/w/${workshop.workshop.id}/briefs/${target.id}/compose`);
    await editor(page).waitFor({ state: 'visible' });
    const total = (await allRecommendations()).length;
    await eventually(() => page.getByTestId('pool-item').count()).toBe(total);
    return page;
  }

  /** The list entry for the recommendation whose statement starts with `text`. */
  const poolItem = (page: Page, text: string): Locator =>
    page.getByTestId('pool-item').filter({ hasText: text.slice(0, 40) });
  const shownTexts = async (page: Page) =>
    (await page.getByTestId('pool-item').locator('.pool-item__text').allTextContents()).map((t) => t.trim());
  /** The card of the brief's recommendation whose statement contains `text`, in the brief's editor. */
  const briefCard = (page: Page, text: string): Locator =>
    editor(page).getByTestId('recommendation').filter({ hasText: text });
  /** Text as it is seen, without what only screen readers read. */
  const visibleTexts = (locator: Locator) =>
    locator.evaluateAll((elements) =>
      elements.map((element) => {
        const copy = element.cloneNode(true) as HTMLElement;
        for (const hidden of copy.querySelectorAll('.visually-hidden')) hidden.remove();
        return copy.textContent ?? '';
      }),
    );
  /** The text node holding the caret (or selection start) on `page`. */
  const caretText = (page: Page) => page.evaluate(() => window.getSelection()?.anchorNode?.textContent ?? '');
  const mark = (page: Page, text: string) => poolItem(page, text).getByTestId('pool-in-brief').textContent();

  it('imports three recommendations from two groups, merges two, refuses a second import, and pulls a change at source', async () => {
    const page = await openComposer();
    const coverage = page.getByTestId('composer-coverage');
    await eventually(() => coverage.textContent()).toBe('0 of 5 recommendations used');
    // Most endorsed first: Group 1's cells (2), Group 2's cells (1), then the rest.
    expect((await shownTexts(page)).slice(0, 2)).toEqual([CELLS_1, CELLS_2]);
    expect(await mark(page, CELLS_1)).toBe('Not yet');

    // Filter to law enforcement: both groups' cells, nothing else; select what is shown, import it.
    await page.getByTestId('filter-audience').selectOption(LAW_ENFORCEMENT);
    await eventually(() => shownTexts(page)).toEqual([CELLS_1, CELLS_2]);
    // What decides a merge is on each entry: who acts, by when, under which law.
    const cells2Chips = await poolItem(page, CELLS_2).locator('.pool-item__chips li').allTextContents();
    expect(cells2Chips).toEqual(
      expect.arrayContaining([
        'Responsible: FIA',
        'Within 6 months',
        'Reference: Prevention of Trafficking in Persons Act, 2018',
      ]),
    );
    const selectShown = page.getByTestId('select-shown');
    expect(await selectShown.textContent()).toBe('Select the 2 shown not yet in the brief');
    await selectShown.click();
    expect(await page.getByTestId('selection-count').textContent()).toBe('2 selected');
    expect(await poolItem(page, CELLS_1).getByTestId('pool-select').isChecked()).toBe(true);
    expect(await poolItem(page, CELLS_2).getByTestId('pool-select').isChecked()).toBe(true);
    await page.getByTestId('import-selected').click();
    await eventually(() => page.getByTestId('composer-announcement').textContent()).toBe(
      'Imported 2 recommendations into the brief.',
    );

    // Text search across the groups: the judges' recommendation alone, imported with its own button.
    await page.getByTestId('filter-audience').selectOption('');
    await page.getByTestId('filter-text').fill('JUDGES');
    await eventually(() => shownTexts(page)).toEqual([JUDGES_1]);
    await poolItem(page, JUDGES_1).getByTestId('pool-import').click();
    await eventually(() => coverage.textContent()).toBe('3 of 5 recommendations used');
    await page.getByTestId('filter-text').fill('');
    for (const text of [CELLS_1, CELLS_2, JUDGES_1]) await eventually(() => mark(page, text)).toBe('In the brief');
    for (const text of [DATA_1, SHELTERS_2]) expect(await mark(page, text)).toBe('Not yet');
    await eventually(() => editorText(page)).toContain(JUDGES_1);
    expect(await editorText(page)).toContain(CELLS_2);
    // Each card in the brief says where it came from and links to the group's draft.
    const judgesProvenance = briefCard(page, JUDGES_1).getByTestId('provenance-text');
    await eventually(() => judgesProvenance.textContent()).toBe('from Group 1 — Parliamentarians');
    expect(await judgesProvenance.getByRole('link').getAttribute('href')).toBe(
      `/w/${workshop.workshop.id}/d/${workshop.draft(0)}`,
    );
    expect(await briefCard(page, CELLS_2).getByTestId('provenance-text').textContent()).toBe(
      'from Group 2 — Policy makers',
    );

    // Merge the two cells: the dialog shows each group's wording and its own endorsements.
    await poolItem(page, CELLS_1).getByTestId('pool-select').check();
    await poolItem(page, CELLS_2).getByTestId('pool-select').check();
    await page.getByTestId('merge-selected').click();
    const dialog = page.getByTestId('merge-dialog');
    await dialog.waitFor({ state: 'visible' });
    const original = (group: string) => dialog.locator(`[data-testid=merge-original][data-group-name="${group}"]`);
    await eventually(() => original('Group 1').textContent()).toContain(CELLS_1);
    expect(await original('Group 1').getByTestId('merge-original-reactions').textContent()).toContain('2 endorsements');
    expect(await original('Group 2').textContent()).toContain(CELLS_2);
    expect(await original('Group 2').getByTestId('merge-original-reactions').textContent()).toContain('1 endorsement');
    const wording = dialog.getByTestId('merge-wording');
    expect(await wording.inputValue()).toBe(`${CELLS_1}\n\n${CELLS_2}`);
    await wording.fill(MERGED);
    await dialog.getByTestId('merge-submit').click();
    await eventually(() => dialog.isVisible()).toBe(false);

    // One recommendation now, naming both groups; the groups' own wordings left the brief's text.
    await eventually(() => poolItem(page, CELLS_1).getByTestId('pool-merged-from').textContent()).toBe(
      'Merged from Group 1, Group 2',
    );
    expect(await poolItem(page, CELLS_2).getByTestId('pool-merged-from').textContent()).toBe(
      'Merged from Group 1, Group 2',
    );
    await eventually(() => editorText(page)).toContain(MERGED);
    expect(await editorText(page)).not.toContain(CELLS_2);
    await eventually(() => briefCard(page, MERGED).getByTestId('provenance-text').textContent()).toBe(
      'Merged from Group 1, Group 2',
    );
    expect(await coverage.textContent()).toBe('3 of 5 recommendations used');

    // Importing the judges' recommendation again is refused with "already in the brief — go to it".
    await poolItem(page, JUDGES_1).getByTestId('pool-select').check();
    await page.getByTestId('import-selected').click();
    const already = page.getByTestId('already-in-brief');
    await eventually(() => already.textContent()).toContain('Group 1 · Recommendation 2 is already in the brief');
    await already.getByTestId('already-go-to').click();
    // "Go to it" puts the caret in that recommendation of the brief.
    await eventually(() => caretText(page)).toBe(JUDGES_1);
    expect(await editorText(page)).toContain(JUDGES_1);

    // A Group 1 member, on their own device, sharpens the judges' recommendation in their draft.
    const { token: memberToken } = await workshop.participant('member', 'Member Omar', workshop.groups[0]?.id);
    const member = await openDraft(
      await signedIn(memberToken),
      server.httpUrl,
      { workshopId: workshop.workshop.id, documentId: workshop.draft(0) },
      { who: 'Omar' },
    );
    // They click right after "judges" (again if the page was still settling) and type.
    const afterJudges = 'Train judges'.length;
    await eventually(async () => {
      const box = await editor(member)
        .getByText(JUDGES_1)
        .evaluate((paragraph, offset) => {
          paragraph.scrollIntoView({ block: 'center' });
          const range = document.createRange();
          const text = paragraph.firstChild as Text;
          range.setStart(text, offset - 1);
          range.setEnd(text, offset);
          const { right, top, height } = range.getBoundingClientRect();
          return { x: right - 1, y: top + height / 2 };
        }, afterJudges);
      await member.mouse.click(box.x, box.y);
      return member.evaluate(() => [
        window.getSelection()?.anchorNode?.textContent,
        window.getSelection()?.anchorOffset,
      ]);
    }).toEqual([JUDGES_1, afterJudges]);
    await member.keyboard.type(' and prosecutors');
    const sharpened = 'Train judges and prosecutors on victim-centred trials.';
    await eventually(async () => (await allRecommendations()).find((r) => r.id === 'judges-1')?.text).toBe(sharpened);

    // The rapporteur's composer notices on its own: "source changed", with the group's edit.
    const change = page.locator('[data-testid=source-change][data-status=changed]');
    await eventually(() => change.count()).toBe(1);
    expect(await change.getAttribute('data-group-name')).toBe('Group 1');
    expect(await change.getByTestId('source-change-badge').textContent()).toBe('Source changed');
    // The brief's card says so too; its badge opens the three-way view.
    const judgesCard = briefCard(page, JUDGES_1);
    await eventually(() => judgesCard.getByTestId('provenance-changed').textContent()).toBe('Source changed');
    await judgesCard.getByTestId('provenance-changed').click();
    await eventually(() => change.getByTestId('source-change-toggle').getAttribute('aria-expanded')).toBe('true');
    // The view follows the group while it types; it settles on the whole edit as one insertion.
    const groupDiff = change.getByTestId('source-diff');
    await eventually(() => visibleTexts(groupDiff.locator('ins'))).toEqual(['and prosecutors ']);
    expect(await groupDiff.locator('del').count()).toBe(0);
    expect(await visibleTexts(groupDiff)).toEqual([sharpened]);
    expect(await change.getByTestId('brief-diff').textContent()).toContain('None');

    // On a phone the panes stack and nothing runs off the side; the pull happens there.
    await page.setViewportSize({ width: 360, height: 740 });
    await eventually(() =>
      page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth),
    ).toBe(true);

    await change.getByTestId('source-pull').click();
    await eventually(() => page.getByTestId('composer-announcement').textContent()).toBe(
      'Pulled the group’s version into the brief.',
    );
    await eventually(() => editorText(page)).toContain(sharpened);
    await eventually(() => change.count()).toBe(0);
    expect(await page.getByTestId('source-changes').textContent()).toContain('Nothing left to review');

    // The merge is undone: both groups' recommendations are back in the brief as they were.
    await poolItem(page, CELLS_2).getByTestId('pool-split').click();
    await eventually(() => page.getByTestId('composer-announcement').textContent()).toBe(
      'Split back into the original recommendations.',
    );
    await eventually(() => page.getByTestId('pool-merged-from').count()).toBe(0);
    await eventually(() => editorText(page)).toContain(CELLS_2);
    expect(await editorText(page)).toContain(CELLS_1);
    expect(await editorText(page)).not.toContain(MERGED);

    // A group that deletes an imported recommendation: said plainly, and the brief keeps its text.
    group2.remove('cells-2');
    const removed = page.locator('[data-testid=source-change][data-status=removed]');
    await eventually(() => removed.count()).toBe(1);
    expect(await removed.textContent()).toContain('Source removed');
    expect(await removed.textContent()).toContain(`Group 2 removed “${CELLS_2}” from its draft`);
    expect(await page.getByTestId('composer-problem').count()).toBe(0);
    expect(await editorText(page)).toContain(CELLS_2);
    expect(await mark(page, CELLS_1)).toBe('In the brief');
  });

  it('a card cut and pasted elsewhere in the brief keeps the group it came from', async () => {
    const page = await openComposer();
    // The first test pulled group 1's sharpened wording into the brief.
    const judgesText = 'Train judges and prosecutors';
    await eventually(() => mark(page, judgesText)).toBe('In the brief');
    const judges = briefCard(page, judgesText);
    await eventually(() => judges.getByTestId('provenance').textContent()).toContain('Group 1');
    // The whole card selected (what a drag across it does), through the editor Tiptap hangs on its element.
    await judges.evaluate((card) => {
      const root = card.closest('.ProseMirror') as (HTMLElement & { editor?: EditorHandle }) | null;
      const editor = root?.editor;
      if (!editor) throw new Error('no Tiptap editor on the page');
      editor.commands.setNodeSelection(editor.view.posAtDOM(card, 0) - 1);
      editor.commands.focus();
    });
    const cardsBefore = await editor(page).getByTestId('recommendation').count();
    await page.keyboard.press('Control+x');
    await eventually(() => judges.count()).toBe(0);
    expect(await editor(page).getByTestId('recommendation').count()).toBe(cardsBefore - 1);
    await editor(page).locator('p').last().click();
    await page.keyboard.press('End');
    await page.keyboard.press('Control+v');
    await eventually(() => judges.count()).toBe(1);
    expect(await editor(page).getByTestId('recommendation').count()).toBe(cardsBefore);
    // Still from group 1: the composer counts it in the brief, and the card says where it came from.
    await eventually(() => judges.getByTestId('provenance').textContent()).toContain('Group 1');
    expect(await mark(page, judgesText)).toBe('In the brief');
  });

  it('a recommendation whose first audience changed is offered a move to the section the brief prints it in', async () => {
    const created = await api<Brief>(server, 'POST', `/api/workshops/${workshop.workshop.id}/briefs`, {
      token: workshop.facilitatorToken,
      body: { title: 'Policy edition' },
    });
    expect(created.status).toBe(201);
    const policyBrief = created.body;
    await importIntoBrief(server, workshop, policyBrief, workshop.draft(0), ['data-1', 'judges-1']);
    const { token } = await workshop.participant('rapporteur', 'Rapporteur Raza');
    const page = await openDraft(
      await signedIn(token),
      server.httpUrl,
      { workshopId: workshop.workshop.id, documentId: policyBrief.documentId },
      { who: 'Raza' },
    );
    // Statements by their start: the first test may have had group 1 sharpen the judges' wording.
    const outline = () =>
      editor(page)
        .locator(':scope > h2, :scope > .react-renderer [data-testid=recommendation]')
        .evaluateAll((blocks) =>
          blocks.map((block) =>
            block.tagName === 'H2'
              ? `# ${block.textContent}`
              : `${block.getAttribute('data-number')}: ${block.querySelector('.rec-card__statement')?.textContent?.slice(0, 12)}`,
          ),
        );
    await eventually(outline).toEqual([
      '# Executive summary',
      '# Recommendations',
      '# Policy makers',
      '1: Publish year',
      '# Judiciary',
      '2: Train judges',
    ]);

    // The judges' recommendation is readdressed to policy makers first: it is printed first now.
    await briefCard(page, 'Train judges').getByTestId('recommendation-edit').click();
    const details = page.getByTestId('recommendation-details');
    expect(await details.getByTestId('reading-place').count()).toBe(0);
    await details.getByLabel('Judiciary').uncheck();
    await details.getByLabel('Policy makers').check();
    await eventually(() => details.getByTestId('reading-place').textContent()).toContain(
      'The brief prints this as Recommendation 1',
    );
    await details.getByTestId('reading-place-move').click();
    await eventually(outline).toEqual([
      '# Executive summary',
      '# Recommendations',
      '# Policy makers',
      '1: Train judges',
      '2: Publish year',
      '# Judiciary',
    ]);
    await eventually(() => details.getByTestId('reading-place').count()).toBe(0);
    // Undo in the text takes the move back (with the audience change, when made within the same moment).
    await details.getByRole('button', { name: 'Done' }).click();
    await editor(page).focus();
    await page.keyboard.press('Control+z');
    await eventually(async () => {
      const blocks = await outline();
      return blocks.findIndex((block) => block.endsWith('Train judges')) > blocks.indexOf('# Judiciary');
    }).toBe(true);
  });

  it("keeps the list and the brief's toolbar clear of the header when the header wraps to two rows", async () => {
    // The breakout countdown in the header beside the save status and the title: two rows.
    const timer = await api(server, 'PUT', `/api/workshops/${workshop.workshop.id}/timer`, {
      token: workshop.facilitatorToken,
      body: { durationMinutes: 45, label: 'Breakout: drafting recommendations' },
    });
    expect(timer.status).toBe(200);
    const page = await openComposer();
    await page.setViewportSize({ width: 1000, height: 640 });
    await page.evaluate(() => window.scrollTo(0, 300));
    const bottomOf = async (selector: string) => (await page.locator(selector).first().boundingBox())?.y ?? 0;
    await eventually(async () => {
      const header = await page.locator('.app-header').boundingBox();
      return header ? header.y + header.height : 0;
    }).toBeGreaterThan(70);
    const header = await page.locator('.app-header').boundingBox();
    const headerBottom = (header?.y ?? 0) + (header?.height ?? 0);
    await eventually(() => bottomOf('[data-testid=composer-pool]')).toBeGreaterThanOrEqual(headerBottom);
    expect(await bottomOf('.toolbar')).toBeGreaterThanOrEqual(headerBottom);
    // And the actions answer a click there, rather than the header above them.
    await page.getByTestId('pool-select').first().check();
    await page.evaluate(() => window.scrollTo(0, 300));
    await page.getByRole('toolbar').getByRole('button').first().click({ trial: true, timeout: 5_000 });
    await api(server, 'DELETE', `/api/workshops/${workshop.workshop.id}/timer`, { token: workshop.facilitatorToken });
  });

  it('works from the keyboard alone: filter, select, merge in the dialog, Esc and focus return', async () => {
    const created = await api<Brief>(server, 'POST', `/api/workshops/${workshop.workshop.id}/briefs`, {
      token: workshop.facilitatorToken,
      body: { title: 'Judiciary edition' },
    });
    const page = await openComposer(created.body);
    const focused = () => page.evaluate(() => document.activeElement?.getAttribute('data-testid') ?? '');
    /** Presses `key` until the focused element is `testId` (at most 40 times). */
    const pressUntil = async (key: string, testId: string) => {
      for (let i = 0; i < 40 && (await focused()) !== testId; i++) await page.keyboard.press(key);
      expect(await focused()).toBe(testId);
    };

    await page.getByTestId('filter-group').focus();
    await page.keyboard.press('ArrowDown'); // All groups → Group 1
    const shownGroups = async () => [
      ...new Set(await page.getByTestId('pool-item').evaluateAll((items) => items.map((i) => i.dataset.groupName))),
    ];
    await eventually(shownGroups).toEqual(['Group 1']);
    await page.keyboard.press('ArrowUp'); // back to All groups
    await pressUntil('Tab', 'filter-text');
    await page.keyboard.type('every');
    await eventually(() => shownTexts(page)).toEqual([CELLS_1, SHELTERS_2]);

    await pressUntil('Tab', 'pool-select');
    await page.keyboard.press('Space');
    await page.keyboard.press('Tab'); // its Import button
    await pressUntil('Tab', 'pool-select');
    await page.keyboard.press('Space');
    await eventually(() => page.getByTestId('selection-count').textContent()).toBe('2 selected');

    // Back up to "Merge selected"; Esc closes the dialog and gives focus back to it.
    await pressUntil('Shift+Tab', 'merge-selected');
    await page.keyboard.press('Enter');
    const dialog = page.getByTestId('merge-dialog');
    await eventually(() => focused()).toBe('merge-wording');
    await page.keyboard.press('Escape');
    await eventually(() => dialog.isVisible()).toBe(false);
    await eventually(() => focused()).toBe('merge-selected');

    await page.keyboard.press('Enter');
    await eventually(() => focused()).toBe('merge-wording');
    await page.keyboard.press('Control+A');
    await page.keyboard.type('Provincial cells and shelters in every province and division.');
    await pressUntil('Tab', 'merge-submit');
    await page.keyboard.press('Enter');
    await eventually(() => dialog.isVisible()).toBe(false);
    await eventually(() => poolItem(page, SHELTERS_2).getByTestId('pool-merged-from').textContent()).toBe(
      'Merged from Group 1, Group 2',
    );
    // Both were imported first, then merged: two sources used, in this brief only.
    const total = (await allRecommendations()).length;
    await eventually(() => page.getByTestId('composer-coverage').textContent()).toBe(
      `2 of ${total} recommendations used`,
    );
    await eventually(() => editorText(page)).toContain('Provincial cells and shelters in every province and division.');

    // The brief's own page leads back to its composer.
    await page.getByRole('link', { name: 'Open the brief on its own' }).click();
    await page.waitForURL(`**/w/${workshop.workshop.id}/d/${created.body.documentId}`);
    await page.getByTestId('compose-link').click();
    await page.waitForURL(`**/w/${workshop.workshop.id}/briefs/${created.body.id}/compose`);
    await eventually(() => page.getByTestId('composer-coverage').textContent()).toBe(
      `2 of ${total} recommendations used`,
    );

    // One more by its own Import button; the keyboard then stays on that item, at "Go to it".
    await page.getByTestId('filter-text').focus();
    await page.keyboard.type('yearly');
    await eventually(() => shownTexts(page)).toEqual([DATA_1]);
    await pressUntil('Tab', 'pool-import');
    await page.keyboard.press('Enter');
    await eventually(() => page.getByTestId('composer-coverage').textContent()).toBe(
      `3 of ${total} recommendations used`,
    );
    await eventually(() => focused()).toBe('pool-go-to');
    await page.keyboard.press('Enter');
    await eventually(() => caretText(page)).toBe(DATA_1);
  });
});
