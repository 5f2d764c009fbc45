import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, newPersonContext } from '../support/browser';
import {
  connectionState,
  type DraftAddress,
  editorText,
  openDraft,
  reloadDraft,
  signInWithToken,
  typeParagraph,
  waitForEditor,
} from '../support/editorPage';
import { type ServerProcess, startServer } from '../support/serverProcess';
import { createWorkshop, type WorkshopFixture } from '../support/workshopFixture';

// Generous: a 2-core CI machine runs Chromium, the server and vitest at once.
const eventually = <T>(read: () => Promise<T>) => expect.poll(read, { timeout: 20_000, interval: 100 });

const SENTENCE = 'Fund shelters for survivors in every district.';
const COMMENT = 'Which budget line pays for this?';
const REPLY = 'The provincial social welfare budget, line 14.';

type Draft = DraftAddress & { groupId: string };

/** What a thread in the sidebar shows: the first one, or the one quoting `quote`. */
async function readThread(page: Page, quote?: string) {
  const threads = page.getByTestId('comment-thread');
  const thread = (
    quote ? threads.filter({ has: page.getByTestId('comment-quote').getByText(quote) }) : threads
  ).first();
  return {
    state: await thread.getAttribute('data-state'),
    orphaned: await thread.getAttribute('data-orphaned'),
    quote: await thread.getByTestId('comment-quote').textContent(),
    body: await thread.getByTestId('comment-body').textContent(),
    replies: await thread.getByTestId('comment-reply').allTextContents(),
  };
}

/** Selects the first occurrence of `text` in the editor, as a mouse drag would (read-only text too). */
async function selectText(page: Page, text: string): Promise<void> {
  await page.evaluate((wanted) => {
    const root = document.querySelector('[data-testid=editor] .ProseMirror');
    if (!root) throw new Error('no editor');
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const at = node.textContent?.indexOf(wanted) ?? -1;
      if (at === -1) continue;
      const range = document.createRange();
      range.setStart(node, at);
      range.setEnd(node, at + wanted.length);
      const selection = window.getSelection();
      selection?.removeAllRanges();
      selection?.addRange(range);
      return;
    }
    throw new Error(`"${wanted}" is not in the editor`);
  }, text);
}

async function comment(page: Page, text: string): Promise<void> {
  await page.getByTestId('comment-add').click();
  await page.getByTestId('comment-input').fill(text);
  await page.getByTestId('comment-submit').click();
}

/** The texts carrying each author's colour, by name, with the toggle on. */
async function authoredText(page: Page): Promise<Record<string, string>> {
  return page.evaluate(() => {
    const byAuthor: Record<string, string> = {};
    for (const span of document.querySelectorAll<HTMLElement>('[data-testid=editor] .authored-text')) {
      const name = span.dataset.author ?? '?';
      byAuthor[name] = (byAuthor[name] ?? '') + (span.textContent ?? '');
    }
    return byAuthor;
  });
}

describe('comments and authorship in a group draft', () => {
  let server: ServerProcess;
  let browser: Browser;
  let workshop: WorkshopFixture;
  let contexts: BrowserContext[] = [];

  beforeAll(async () => {
    [server, browser] = await Promise.all([startServer(), launchBrowser()]);
    workshop = await createWorkshop(server, 2);
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

  async function memberPage(draft: Draft, name: string, groupId: string, editable = true): Promise<Page> {
    const { token } = await workshop.participant('member', name, groupId);
    const context = await newPersonContext(browser);
    contexts.push(context);
    await signInWithToken(context, server.httpUrl, token);
    return openDraft(context, server.httpUrl, draft, { who: name, editable });
  }

  it('one member comments on a sentence; another sees it live, replies and resolves; the first sees it resolved, also after a reload', async () => {
    const draft = draftOf(0);
    const amina = await memberPage(draft, 'Amina', draft.groupId);
    const bilal = await memberPage(draft, 'Bilal', draft.groupId);

    await typeParagraph(amina, SENTENCE);
    await eventually(() => editorText(bilal)).toContain(SENTENCE);
    await amina.keyboard.press('Shift+Home');
    await comment(amina, COMMENT);

    // Amina's text is highlighted where she commented; nothing of the comment is in the text itself.
    await eventually(() => amina.locator('.comment-highlight').allTextContents()).toEqual([SENTENCE]);
    await eventually(() => readThread(bilal)).toMatchObject({ state: 'open', quote: SENTENCE, orphaned: 'false' });
    expect((await readThread(bilal)).body).toContain(COMMENT);
    expect((await readThread(bilal)).body).toContain('Amina');
    expect(await editorText(bilal)).not.toContain(COMMENT);

    // Clicking the thread selects the commented text in Bilal's editor.
    await bilal.getByTestId('comment-quote').click();
    await eventually(() => bilal.evaluate(() => window.getSelection()?.toString())).toBe(SENTENCE);

    const thread = bilal.getByTestId('comment-thread').first();
    await thread.getByTestId('reply-input').fill(REPLY);
    await thread.getByTestId('reply-submit').click();
    await eventually(async () => (await readThread(amina)).replies.join()).toContain(REPLY);
    await thread.getByTestId('comment-resolve').click();

    // Amina: the thread left the open list for the resolved one, with Bilal's reply; the highlight went.
    await eventually(() => amina.getByTestId('comments-filter-resolved').textContent()).toBe('Resolved (1)');
    await eventually(() => amina.getByTestId('comment-thread').count()).toBe(0);
    await eventually(() => amina.locator('.comment-highlight').count()).toBe(0);
    await amina.getByTestId('comments-filter-resolved').click();
    await eventually(() => readThread(amina)).toMatchObject({ state: 'resolved', quote: SENTENCE });
    expect((await readThread(amina)).replies.join()).toContain(REPLY);
    await expect(amina.getByTestId('comment-resolved-by').textContent()).resolves.toBe('Resolved by Bilal');

    await reloadDraft(amina);
    await waitForEditor(amina);
    await amina.getByTestId('comments-filter-resolved').click();
    await eventually(() => readThread(amina)).toMatchObject({ state: 'resolved', quote: SENTENCE });
    expect((await readThread(amina)).replies.join()).toContain(REPLY);

    // Reopened, it is highlighted again.
    await amina.getByTestId('comment-reopen').click();
    await eventually(() => amina.locator('.comment-highlight').allTextContents()).toEqual([SENTENCE]);
  });

  it('a member of another group comments on a draft they cannot edit; deleting the text leaves the comment "on deleted text"', async () => {
    const draft = draftOf(1);
    const owner = await memberPage(draft, 'Chaudhry', draft.groupId);
    const visitor = await memberPage(draft, 'Dina', draftOf(0).groupId, false);
    const words = 'Train district judges on the 2018 Act.';
    await typeParagraph(owner, words);
    await eventually(() => editorText(visitor)).toContain(words);

    await selectText(visitor, 'district judges');
    await comment(visitor, 'Which academy runs the training?');
    await eventually(() => readThread(owner)).toMatchObject({ state: 'open', quote: 'district judges' });
    await eventually(() => owner.locator('.comment-highlight').allTextContents()).toEqual(['district judges']);
    expect(await editorText(owner)).toContain(words);

    // The owner deletes the paragraph: the comment stays, marked as being on deleted text.
    await owner.keyboard.press('Shift+Home');
    await owner.keyboard.press('Backspace');
    await eventually(() => editorText(visitor)).not.toContain('district judges');
    await eventually(() => readThread(visitor)).toMatchObject({ orphaned: 'true', quote: 'district judges' });
    await expect(visitor.getByTestId('comment-orphaned').isVisible()).resolves.toBe(true);
  });

  it('on a phone, by keyboard and offline: Ctrl+Alt+M comments on the selection, the sidebar stacks under the text, and the comment reaches the others once back online', async () => {
    const draft = draftOf(1);
    const { token } = await workshop.participant('member', 'Gul', draft.groupId);
    const phone = await browser.newContext({ viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true });
    contexts.push(phone);
    await signInWithToken(phone, server.httpUrl, token);
    const gul = await openDraft(phone, server.httpUrl, draft, { who: 'Gul' });
    const other = await memberPage(draft, 'Hina', draft.groupId);

    const words = 'Open a helpline in Urdu and Pashto.';
    await typeParagraph(gul, words);
    await eventually(() => editorText(other)).toContain(words);
    await eventually(() => connectionState(gul)).toBe('saved');

    await phone.setOffline(true);
    await eventually(() => connectionState(gul)).toBe('offline');
    await gul.keyboard.press('Shift+Home');
    await gul.keyboard.press('Control+Alt+m');
    const input = gul.getByTestId('comment-input');
    await eventually(() => input.evaluate((element) => element === document.activeElement)).toBe(true);
    await gul.keyboard.type('Who staffs it at night?');
    await gul.keyboard.press('Control+Enter');
    await eventually(() => readThread(gul, words)).toMatchObject({ quote: words, state: 'open' });

    // Stacked: the sidebar sits below the text and nothing is wider than the screen.
    const layout = await gul.evaluate(() => {
      const text = document.querySelector('[data-testid=editor]')?.getBoundingClientRect();
      const side = document.querySelector('[data-testid=comments-sidebar]')?.getBoundingClientRect();
      return { below: !!text && !!side && side.top >= text.bottom, width: document.documentElement.scrollWidth };
    });
    expect(layout).toEqual({ below: true, width: 360 });

    await phone.setOffline(false);
    await eventually(() => readThread(other, words)).toMatchObject({ quote: words, state: 'open' });
    expect((await readThread(other, words)).body).toContain('Who staffs it at night?');
  });

  it('with "Show authors" on, each member’s text carries their name, also after a server restart', async () => {
    const draft = draftOf(0);
    const amina = await memberPage(draft, 'Erum', draft.groupId);
    const bilal = await memberPage(draft, 'Faisal', draft.groupId);
    await typeParagraph(amina, 'Erum wrote this.');
    await eventually(() => editorText(bilal)).toContain('Erum wrote this.');
    await typeParagraph(bilal, 'Faisal wrote that.');
    await eventually(() => editorText(amina)).toContain('Faisal wrote that.');

    const toggle = amina.getByTestId('authorship-toggle');
    await toggle.click();
    await expect(toggle.getAttribute('aria-pressed')).resolves.toBe('true');
    await eventually(() => authoredText(amina)).toMatchObject({
      Erum: 'Erum wrote this.',
      Faisal: 'Faisal wrote that.',
    });
    const title = await amina.locator('.authored-text[data-author=Faisal]').first().getAttribute('title');
    expect(title).toBe('Faisal');
    // Not by colour alone: the writers are listed by name, and the line for the caret says whose
    // text it is in, for the keyboard and for a screen reader (a polite live region).
    const legend = amina.getByTestId('authorship-legend');
    // (Earlier tests wrote in this draft too: their writers are listed as well, in the order they wrote.)
    const writers = () => legend.locator('li').allTextContents();
    await eventually(writers).toEqual(expect.arrayContaining(['Erum', 'Faisal']));
    const listed = await writers();
    expect(listed.indexOf('Erum')).toBeLessThan(listed.indexOf('Faisal'));
    const atCaret = (page: Page) =>
      page.getByTestId('author-at-caret').evaluate((line) => line.textContent?.replace(/[\u2068\u2069]/g, ''));
    await amina.locator('[data-testid=editor] .ProseMirror p', { hasText: 'Faisal wrote that.' }).click();
    await amina.keyboard.press('End');
    await eventually(() => atCaret(amina)).toBe('At the cursor: written by Faisal');
    await amina.keyboard.press('ArrowUp');
    await eventually(() => atCaret(amina)).toBe('At the cursor: written by Erum');
    expect(await amina.getByTestId('author-at-caret').getAttribute('role')).toBe('status');

    // Kept in the document itself: a restarted server and a reloaded page still know who wrote what.
    const { port, dataDir } = server;
    expect(await server.stop()).toBe(0);
    server = await startServer({ port, dataDir });
    await reloadDraft(amina);
    await waitForEditor(amina);
    await amina.getByTestId('authorship-toggle').click();
    await eventually(() => authoredText(amina)).toMatchObject({
      Erum: 'Erum wrote this.',
      Faisal: 'Faisal wrote that.',
    });
  });
});
