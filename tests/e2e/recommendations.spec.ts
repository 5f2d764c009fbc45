import type { Dashboard, RecommendationItem } from '@plenary/shared/api';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { writeRecommendations } from '../support/briefContent';
import { launchBrowser, newPersonContext } from '../support/browser';
import {
  type DraftAddress,
  editor,
  focusedElement,
  focusedLabel,
  openDraft,
  readCard,
  recommendationCard,
  signInWithToken,
  typeInEditor,
} from '../support/editorPage';
import { type ServerProcess, startServer } from '../support/serverProcess';
import { api, createWorkshop, type WorkshopFixture } from '../support/workshopFixture';

// Generous: a 2-core CI machine runs Chromium, the server and vitest at once.
const eventually = <T>(read: () => Promise<T>) => expect.poll(read, { timeout: 20_000, interval: 100 });

const STATEMENT = 'Set up a joint FIA–police anti-trafficking cell in every province.';
const LEGAL_REFERENCE = 'Prevention of Trafficking in Persons Act, 2018';
const POSITION = {
  organisation: 'Punjab Judicial Academy',
  audience: 'Judiciary',
  stance: 'Has reservations',
  reason: 'Needs a budget line in the provincial finance bill.',
};

/** Three short statements, for tests that need a draft with several cards. */
const THREE_STATEMENTS = ['Fund shelters.', 'Train judges.', 'Publish statistics.'];

/** A group's draft, with the group its members join. */
type Draft = DraftAddress & { groupId: string };

describe('structured recommendations in a group draft', () => {
  let server: ServerProcess;
  let browser: Browser;
  let workshop: WorkshopFixture;
  let contexts: BrowserContext[] = [];

  beforeAll(async () => {
    [server, browser] = await Promise.all([startServer(), launchBrowser()]);
    // Group 1 is for Parliamentarians, group 2 for Policy makers (the fixture's focus audiences).
    workshop = await createWorkshop(server, 5);
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

  function draftOf(index: number): Draft {
    const group = workshop.groups[index];
    if (!group) throw new Error(`the fixture has no group ${index}`);
    return { workshopId: workshop.workshop.id, documentId: group.documentId, groupId: group.id };
  }

  /** A signed-in browser profile (a person on their own device) for a token from the API. */
  async function signedIn(token: string): Promise<BrowserContext> {
    const context = await newPersonContext(browser);
    contexts.push(context);
    await signInWithToken(context, server.httpUrl, token);
    return context;
  }

  async function memberPage(draft: Draft, name: string, groupId: string, editable = true): Promise<Page> {
    const { token } = await workshop.participant('member', name, groupId);
    return openDraft(await signedIn(token), server.httpUrl, draft, { who: name, editable });
  }

  async function recommendationsOf(draft: Draft, query = ''): Promise<RecommendationItem[]> {
    const { status, body } = await api<RecommendationItem[]>(
      server,
      'GET',
      `/api/workshops/${draft.workshopId}/recommendations?group=${draft.groupId}${query}`,
      { token: workshop.facilitatorToken },
    );
    expect(status).toBe(200);
    return body;
  }

  /** Group `index`'s draft holding THREE_STATEMENTS as recommendations, open for a new member called `member`. */
  async function draftOfThree(index: number, member: string): Promise<{ draft: Draft; page: Page }> {
    const draft = draftOf(index);
    const recommendations = THREE_STATEMENTS.map((text, n) => ({
      id: `group-${index}-${n + 1}`,
      text,
      audiences: ['Judiciary'],
    }));
    await writeRecommendations(server, workshop, draft.documentId, recommendations);
    return { draft, page: await memberPage(draft, member, draft.groupId) };
  }

  it('a member inserts one and fills its fields by keyboard; another member sees it live, endorses it and records a position; the dashboard and the API count it', async () => {
    const draft = draftOf(0);
    const amina = await memberPage(draft, 'Amina', draft.groupId);
    const bilal = await memberPage(draft, 'Bilal', draft.groupId);

    // Keyboard only from here: "/" at the start of the empty paragraph under "Recommendations".
    await editor(amina).focus();
    await amina.keyboard.press('Control+End');
    await amina.keyboard.type('/');
    const menu = amina.getByTestId('slash-menu');
    await eventually(() => menu.getByRole('option', { selected: true }).textContent()).toContain('Recommendation');
    await amina.keyboard.press('Enter');
    await eventually(() => menu.isVisible()).toBe(false);

    // The caret is in the new statement; the card starts addressed to the group's focus audience.
    const aminaCard = recommendationCard(amina, 1);
    await eventually(async () => (await readCard(aminaCard)).empty).toBe(true);
    await amina.keyboard.type(STATEMENT);
    await eventually(() => readCard(aminaCard)).toMatchObject({
      heading: 'Recommendation 1',
      status: 'Draft',
      statement: STATEMENT,
      empty: false,
      chips: { audiences: 'Parliamentarians', priority: 'not set' },
    });

    // Tab leaves the text for the card's "Edit details"; Enter opens the panel on its first field.
    await amina.keyboard.press('Tab');
    expect(await focusedElement(amina)).toMatchObject({ testId: 'recommendation-edit', text: 'Edit details' });
    await amina.keyboard.press('Enter');
    const details = amina.getByTestId('recommendation-details');
    await eventually(() => details.isVisible()).toBe(true);
    await eventually(() => focusedLabel(amina)).toBe('Parliamentarians');
    for (const label of ['Policy makers', 'Law enforcement agencies (police, FIA)', 'Judiciary']) {
      await amina.keyboard.press('Tab');
      expect(await focusedLabel(amina)).toBe(label);
    }
    await amina.keyboard.press('Space');
    await amina.keyboard.press('Tab');
    expect(await focusedLabel(amina)).toBe('Priority');
    await amina.keyboard.press('ArrowDown'); // Not set → High
    await amina.keyboard.press('Tab');
    expect(await focusedLabel(amina)).toBe('Responsible body');
    await amina.keyboard.type('FIA');
    await amina.keyboard.press('Tab');
    expect(await focusedLabel(amina)).toBe('Timeframe');
    await amina.keyboard.press('ArrowDown'); // Not set → Immediate
    await amina.keyboard.press('ArrowDown'); // → Within 6 months
    await amina.keyboard.press('Tab');
    expect(await focusedLabel(amina)).toBe('Legal or policy reference');
    await amina.keyboard.type(LEGAL_REFERENCE);
    await amina.keyboard.press('Tab');
    expect(await focusedLabel(amina)).toBe('Draft');
    await amina.keyboard.press('ArrowRight'); // Draft → Agreed
    expect(await focusedLabel(amina)).toBe('Agreed');
    // Esc closes the panel and gives focus back to the button that opened it.
    await amina.keyboard.press('Escape');
    await eventually(() => details.isVisible()).toBe(false);
    expect(await focusedElement(amina)).toMatchObject({ testId: 'recommendation-edit' });

    const filledIn = {
      heading: 'Recommendation 1',
      status: 'Agreed',
      statement: STATEMENT,
      chips: {
        audiences: 'Parliamentarians, Judiciary',
        priority: 'High',
        responsibleBody: 'FIA',
        timeframe: 'Within 6 months',
        legalReference: LEGAL_REFERENCE,
      },
    };
    await eventually(() => readCard(aminaCard)).toMatchObject(filledIn);

    // Bilal, in the same group on his own device, sees the card live with everything Amina set.
    const bilalCard = recommendationCard(bilal, 1);
    await eventually(() => readCard(bilalCard)).toMatchObject({ ...filledIn, endorsements: 0 });

    // He endorses it: the count is 1 on both pages, and only his button shows it as his.
    await bilalCard.getByTestId('endorse-button').click();
    await eventually(() => readCard(bilalCard)).toMatchObject({ endorsements: 1, endorsedByMe: true });
    await eventually(() => readCard(aminaCard)).toMatchObject({ endorsements: 1, endorsedByMe: false });
    await aminaCard.getByTestId('endorse-button').hover();
    await eventually(() => aminaCard.getByTestId('endorsers').textContent()).toBe('Endorsed by Bilal');

    // And records his organisation's position; Amina's card tallies it under its audience.
    await bilalCard.getByTestId('position-button').click();
    const positionForm = bilal.getByTestId('position-dialog');
    await positionForm.getByLabel('Organisation').fill(POSITION.organisation);
    await positionForm.getByLabel('Your audience').selectOption(POSITION.audience);
    await positionForm.getByLabel(POSITION.stance).check();
    await positionForm.getByLabel('Reason (one line)').fill(POSITION.reason);
    await positionForm.getByTestId('position-save').click();
    await eventually(() => positionForm.isVisible()).toBe(false);
    await eventually(() => aminaCard.getByTestId('position-tally').textContent()).toBe(
      'Judiciary: 1 with reservations',
    );
    await eventually(() => bilalCard.getByTestId('position-button').textContent()).toBe('Change your position');

    // The facilitator's dashboard counts the recommendation instead of the words.
    const dashboardPage = await (await signedIn(workshop.facilitatorToken)).newPage();
    await dashboardPage.goto(`${server.httpUrl}/w/${draft.workshopId}/dashboard`);
    const groupCard = dashboardPage.locator('[data-testid=dashboard-group][data-group-name="Group 1"]');
    await eventually(() => groupCard.getByTestId('dashboard-recommendations').textContent()).toBe('1');
    const dashboard = await api<Dashboard>(server, 'GET', `/api/workshops/${draft.workshopId}/dashboard`, {
      token: workshop.facilitatorToken,
    });
    expect(dashboard.body.groups.find((group) => group.groupId === draft.groupId)?.recommendationCount).toBe(1);

    // The list endpoint has the recommendation with Amina's fields, Bilal's endorsement and position.
    await eventually(() => recommendationsOf(draft)).toMatchObject([
      {
        number: 1,
        text: STATEMENT,
        audiences: ['Parliamentarians', 'Judiciary'],
        priority: 'high',
        responsibleBody: 'FIA',
        timeframe: 'within_6_months',
        legalReference: LEGAL_REFERENCE,
        status: 'agreed',
        empty: false,
        endorsementCount: 1,
        endorsedBy: ['Bilal'],
        positions: [
          {
            name: 'Bilal',
            organisation: POSITION.organisation,
            audience: POSITION.audience,
            stance: 'reservations',
            reason: POSITION.reason,
          },
        ],
      },
    ]);
    expect(await recommendationsOf(draft, '&audience=Judiciary&priority=high&status=agreed')).toHaveLength(1);
  });

  it('Tab from a statement reaches its own card’s controls, then leaves the draft; Shift+Tab goes back to the text', async () => {
    const { page } = await draftOfThree(3, 'Tariq');
    const third = recommendationCard(page, 3);
    await eventually(async () => (await readCard(third)).statement).toBe('Publish statistics.');
    await third.locator('.rec-card__statement p').click();
    await page.keyboard.press('End');

    const focusedCard = () =>
      page.evaluate(() => document.activeElement?.closest('[data-testid=recommendation]')?.getAttribute('data-number'));
    // Not the first card's "Edit details", as when every card's controls were Tab stops.
    await page.keyboard.press('Tab');
    expect(await focusedElement(page)).toMatchObject({ testId: 'recommendation-edit' });
    expect(await focusedCard()).toBe('3');
    await page.keyboard.press('Tab');
    expect(await focusedElement(page)).toMatchObject({ testId: 'endorse-button' });
    await page.keyboard.press('Tab');
    expect(await focusedElement(page)).toMatchObject({ testId: 'position-button' });
    expect(await focusedCard()).toBe('3');
    // The next stop is past the draft, not the other cards' buttons.
    await page.keyboard.press('Tab');
    expect(await focusedCard()).toBeUndefined();
    expect(await editor(page).evaluate((element) => element.contains(document.activeElement))).toBe(false);

    // Back to the text, where the caret was.
    for (let i = 0; i < 4; i++) await page.keyboard.press('Shift+Tab');
    await page.keyboard.type(' Yearly.');
    await eventually(async () => (await readCard(third)).statement).toBe('Publish statistics. Yearly.');
    // With the caret in the first card, Tab reaches the first card's controls.
    await recommendationCard(page, 1).locator('.rec-card__statement p').click();
    // The editor reads a click's caret from the browser's selectionchange, a moment after the click.
    await eventually(() =>
      recommendationCard(page, 1).getByTestId('recommendation-edit').getAttribute('tabindex'),
    ).toBe('0');
    await page.keyboard.press('Tab');
    expect(await focusedCard()).toBe('1');
  });

  it('a member deletes a recommendation from its details, after a question, and Undo brings it back; Backspace takes an emptied card away', async () => {
    const { draft, page } = await draftOfThree(4, 'Dilshad');
    const cards = editor(page).getByTestId('recommendation');
    const statements = () => cards.locator('.rec-card__statement').allTextContents();
    await eventually(statements).toEqual(['Fund shelters.', 'Train judges.', 'Publish statistics.']);

    await recommendationCard(page, 2).getByTestId('recommendation-edit').click();
    const details = page.getByTestId('recommendation-details');
    await details.getByTestId('recommendation-delete').click();
    const question = details.getByRole('group', { name: /^Delete Recommendation 2 for everyone/ });
    await question.waitFor();
    // The safe answer has the focus: Enter out of habit keeps the recommendation.
    expect(await focusedElement(page)).toMatchObject({ testId: 'confirm-cancel', text: 'Keep it' });
    await page.keyboard.press('Enter');
    await eventually(() => question.count()).toBe(0);
    expect(await statements()).toEqual(['Fund shelters.', 'Train judges.', 'Publish statistics.']);
    // Back on the button that asked, in the still open panel.
    expect(await focusedElement(page)).toMatchObject({ testId: 'recommendation-delete' });

    await details.getByTestId('recommendation-delete').click();
    await details.getByTestId('recommendation-delete-confirm').click();
    await eventually(() => details.count()).toBe(0);
    await eventually(statements).toEqual(['Fund shelters.', 'Publish statistics.']);
    // The focus is back in the text, where Undo brings the card back as it was.
    expect(await editor(page).evaluate((element) => element.contains(document.activeElement))).toBe(true);
    await page.keyboard.press('Control+z');
    await eventually(statements).toEqual(['Fund shelters.', 'Train judges.', 'Publish statistics.']);
    expect(await recommendationsOf(draft)).toHaveLength(3);

    // A card whose words were all deleted goes with one more Backspace.
    await recommendationCard(page, 3).locator('.rec-card__statement p').click();
    await page.keyboard.press('End');
    for (let i = 0; i < 'Publish statistics.'.length; i++) await page.keyboard.press('Backspace');
    await eventually(() => recommendationCard(page, 3).getByTestId('recommendation-empty').count()).toBe(1);
    await page.keyboard.press('Backspace');
    await eventually(statements).toEqual(['Fund shelters.', 'Train judges.']);
    await page.keyboard.type(' Soon.');
    await eventually(statements).toEqual(['Fund shelters.', 'Train judges. Soon.']);
    await eventually(async () => (await recommendationsOf(draft)).map((r) => r.text)).toEqual([
      'Fund shelters.',
      'Train judges. Soon.',
    ]);
  });

  it('a member of another group endorses a recommendation in a draft they may only read, and cannot change its text', async () => {
    const draft = draftOf(1);
    const chen = await memberPage(draft, 'Chen', draft.groupId);
    await typeInEditor(chen, 'Notes before the recommendation.');
    await chen.getByRole('button', { name: 'Insert recommendation' }).click();
    const statement = 'Parliament should table amendments to the 2018 Act within one session.';
    await chen.keyboard.type(statement);
    const chenCard = recommendationCard(chen, 1);
    // A recommendation inserted in group 2's draft starts addressed to group 2's focus audience.
    await eventually(() => readCard(chenCard)).toMatchObject({ statement, chips: { audiences: 'Policy makers' } });
    await eventually(() => recommendationsOf(draft)).toMatchObject([{ text: statement }]);

    // Dana belongs to group 1: group 2's draft is read-only for her.
    const dana = await memberPage(draft, 'Dana', draftOf(0).groupId, false);
    const danaCard = recommendationCard(dana, 1);
    await eventually(() => readCard(danaCard)).toMatchObject({ statement, endorsements: 0 });
    expect(await danaCard.getByTestId('recommendation-edit').textContent()).toBe('Details');

    await danaCard.getByTestId('endorse-button').click();
    await eventually(() => readCard(danaCard)).toMatchObject({ endorsements: 1, endorsedByMe: true });
    await eventually(() => readCard(chenCard)).toMatchObject({ endorsements: 1, endorsedByMe: false });

    // Typing into the statement changes nothing, on her page or on the server.
    await danaCard.locator('[data-node-view-content] p').click();
    await dana.keyboard.type(' and more');
    await dana.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => resolve(null))));
    expect((await readCard(danaCard)).statement).toBe(statement);
    await eventually(() => recommendationsOf(draft)).toMatchObject([
      { text: statement, endorsementCount: 1, endorsedBy: ['Dana'] },
    ]);
  });

  it('two members typing in the same field at once end with one of their values, never their letters interleaved', async () => {
    const draft = draftOf(2);
    const amina = await memberPage(draft, 'Amina', draft.groupId);
    const bilal = await memberPage(draft, 'Bilal', draft.groupId);
    await typeInEditor(amina, 'Notes.');
    await amina.getByRole('button', { name: 'Insert recommendation' }).click();
    await amina.keyboard.type(STATEMENT);
    await eventually(async () => (await recommendationsOf(draft)).map((r) => r.text)).toEqual([STATEMENT]);

    const openField = async (page: Page) => {
      await recommendationCard(page, 1).getByTestId('recommendation-edit').click();
      const field = page.getByTestId('recommendation-details').getByLabel('Responsible body');
      await field.click();
      return field;
    };
    const aminaField = await openField(amina);
    await aminaField.fill('Ministry of Interior');
    await eventually(async () => (await recommendationsOf(draft))[0]?.responsibleBody).toBe('Ministry of Interior');
    const bilalField = await openField(bilal);
    await bilalField.press('End');
    await aminaField.press('End');
    // Both type at once, a keystroke at a time.
    await Promise.all([
      amina.keyboard.type(' and FIA', { delay: 40 }),
      bilal.keyboard.type(' and provinces', { delay: 40 }),
    ]);
    // While typing, each sees their own words in one piece. A field follows the document until its
    // owner's first keystroke, so under load the other's first letters can reach it before that
    // keystroke does: it then starts from them (one of the two at most: whoever began second).
    // After that it takes none of the other's letters.
    const startedFrom = (own: string, other: string) =>
      Array.from({ length: other.length + 1 }, (_, n) => `Ministry of Interior${other.slice(0, n)}${own}`);
    const aminaValue = await aminaField.inputValue();
    const bilalValue = await bilalField.inputValue();
    expect(startedFrom(' and FIA', ' and provinces')).toContain(aminaValue);
    expect(startedFrom(' and provinces', ' and FIA')).toContain(bilalValue);
    expect(
      aminaValue === 'Ministry of Interior and FIA' || bilalValue === 'Ministry of Interior and provinces',
      `only whoever began second may start from the other's letters: ${aminaValue} / ${bilalValue}`,
    ).toBe(true);

    // The last writer's whole value, once its last keystroke has reached the server.
    const settled = async () => (await recommendationsOf(draft))[0]?.responsibleBody ?? '';
    await eventually(settled).toSatisfy((value: string) => [aminaValue, bilalValue].includes(value));
    const stored = await settled();
    // The other is told their words were overtaken, and once they leave the field, may put them back.
    const [loser, loserValue] = stored === aminaValue ? [bilal, bilalValue] : [amina, aminaValue];
    const details = loser.getByTestId('recommendation-details');
    const note = details.getByTestId('field-note').first();
    // The quoted words are set apart as their own direction (Unicode isolates), read here without them.
    const textOf = (locator: typeof note) => async () => (await locator.textContent())?.replace(/[\u2066-\u2069]/g, '');
    const noteText = textOf(note);
    await eventually(noteText).toBe('Someone else is changing this field as you type. The last change stays.');
    await eventually(textOf(details.getByTestId('field-now'))).toBe(`It now reads “${stored}”.`);
    await loser.keyboard.press('Tab');
    await eventually(noteText).toContain(`Your text “${loserValue}” was replaced`);
    await loser.getByRole('button', { name: 'Put mine back' }).click();
    await eventually(settled).toBe(loserValue);
    // Now the other's words are overtaken, in the field they are still in. Closing the panel
    // would take the note with it: the first Escape shows what was replaced, the second closes.
    const [winner, winnerValue] = loser === amina ? [bilal, bilalValue] : [amina, aminaValue];
    const winnerDetails = winner.getByTestId('recommendation-details');
    await eventually(textOf(winnerDetails.getByTestId('field-now'))).toBe(`It now reads “${loserValue}”.`);
    await winner.keyboard.press('Escape');
    await eventually(textOf(winnerDetails.getByTestId('field-note').first())).toContain(
      `Your text “${winnerValue}” was replaced`,
    );
    await eventually(() => winner.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe(
      'put-mine-back',
    );
    await winner.keyboard.press('Escape');
    await eventually(() => winnerDetails.count()).toBe(0);
    await loser.keyboard.press('Escape');
    for (const page of [amina, bilal]) {
      const field = await openField(page);
      await eventually(() => field.inputValue()).toBe(loserValue);
      await page.keyboard.press('Escape');
    }

    // Amina selects the whole value to type over it; Bilal's change arrives first: what she types
    // replaces his value, rather than landing after it.
    const overField = await openField(amina);
    await overField.press('Control+a');
    const bilalAgain = await openField(bilal);
    await bilalAgain.fill('Punjab Police');
    await eventually(() => overField.inputValue()).toBe('Punjab Police');
    await amina.keyboard.type('FIA');
    expect(await overField.inputValue()).toBe('FIA');
    await eventually(settled).toBe('FIA');
    await bilal.keyboard.press('Escape');
    await amina.keyboard.press('Escape');
  });
});
