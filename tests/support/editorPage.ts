import type { BrowserContext, Locator, Page } from 'playwright-core';

/**
 * A façade over the draft editor, so browser tests read as what a person does and sees.
 * Selectors are the client's test contract (client/CONTEXT.md): data-testid values plus
 * Tiptap's own class names.
 */

const EDITOR = '[data-testid=editor] .ProseMirror';
const CARET = '.collaboration-carets__caret';
const CARET_LABEL = '.collaboration-carets__label';

/** A document in its workshop: the editor lives at `/w/<workshopId>/d/<documentId>`. */
export interface DraftAddress {
  workshopId: string;
  documentId: string;
}

export function draftUrl(baseUrl: string, { workshopId, documentId }: DraftAddress): string {
  return `${baseUrl}/w/${encodeURIComponent(workshopId)}/d/${encodeURIComponent(documentId)}`;
}

/** The editable area of the draft. */
export function editor(page: Page): Locator {
  return page.locator(EDITOR);
}

/**
 * Signs `context` in with a session token from the REST API (`POST /api/join`), exactly as the
 * HttpOnly cookie the join page would have left behind.
 */
export async function signInWithToken(context: BrowserContext, baseUrl: string, token: string): Promise<void> {
  await context.addCookies([{ name: 'plenary_session', value: token, url: baseUrl }]);
}

/**
 * Opens an invite link in a new tab, types `name` on the join page, joins, and resolves once the
 * app has moved on to the participant's landing page.
 */
export async function joinThroughLink(context: BrowserContext, inviteUrl: string, name: string): Promise<Page> {
  const page = await context.newPage();
  reportPageErrors(page, name);
  await page.goto(inviteUrl);
  await page.getByTestId('join-name').fill(name);
  await page.getByTestId('join-submit').click();
  await page.waitForURL((url) => !url.pathname.startsWith('/join/'));
  return page;
}

export interface OpenDraftOptions {
  /** Whose page it is, to label browser errors in the test output. */
  who: string;
  /** Wait until the editor accepts typing (default) or until it is shown read-only. */
  editable?: boolean;
}

/** Opens a draft in a new tab of a signed-in `context` and waits for the editor. */
export async function openDraft(
  context: BrowserContext,
  baseUrl: string,
  draft: DraftAddress,
  { who, editable = true }: OpenDraftOptions,
): Promise<Page> {
  const page = await context.newPage();
  reportPageErrors(page, who);
  await page.goto(draftUrl(baseUrl, draft));
  await waitForEditor(page, { editable });
  return page;
}

/** Waits until the editor is on the page and editable (or read-only, when `editable` is false). */
export async function waitForEditor(page: Page, { editable = true }: { editable?: boolean } = {}): Promise<void> {
  await editor(page).waitFor({ state: 'visible' });
  await page.waitForFunction(
    ([selector, expected]) => document.querySelector(selector)?.getAttribute('contenteditable') === expected,
    [EDITOR, String(editable)] as const,
  );
}

/**
 * Waits until the service worker that keeps the app shell on the device controls the page; only
 * then can the page be reloaded without network.
 */
export async function waitForOfflineShell(page: Page): Promise<void> {
  await page.waitForFunction(() => navigator.serviceWorker?.controller != null);
}

/** Reloads the tab and waits for the editor again; the session cookie means no join page. */
export async function reloadDraft(page: Page): Promise<void> {
  await page.reload();
  await editor(page).waitFor({ state: 'visible' });
}

/** Types `text` as keystrokes at the end of the draft, as a person would. */
export async function typeInEditor(page: Page, text: string): Promise<void> {
  // Each person writes at the end, so concurrent typing never lands inside the other's words.
  await caretToEnd(page);
  await page.keyboard.type(text);
}

/** Starts a new paragraph at the end of the draft and types `text` into it. */
export async function typeParagraph(page: Page, text: string): Promise<void> {
  await caretToEnd(page);
  await page.keyboard.press('Enter');
  await page.keyboard.type(text);
}

/**
 * Clicks into the draft and puts the caret at its very end with Ctrl+End, as a person would, and
 * waits until it is there. ProseMirror settles a click's selection a moment after the mouse is
 * released (and in Chrome may put it back where the click landed ~20 ms later), so a Ctrl+End
 * pressed at once can be undone: the next keystrokes then land wherever the click was, e.g. in
 * the middle of a heading when the text column is narrow.
 */
async function caretToEnd(page: Page): Promise<void> {
  await editor(page).click();
  for (let attempt = 0; attempt < 20; attempt++) {
    await page.waitForTimeout(30);
    await page.keyboard.press('Control+End');
    await page.waitForTimeout(30);
    if (await caretIsAtEnd(page)) return;
  }
  throw new Error('Ctrl+End did not put the caret at the end of the draft');
}

/** Whether the caret is collapsed after the last character of the draft's last block. */
async function caretIsAtEnd(page: Page): Promise<boolean> {
  return editor(page).evaluate((root, caretSelector) => {
    const selection = window.getSelection();
    const last = (root.matches('.ProseMirror') ? root : root.querySelector('.ProseMirror'))?.lastElementChild;
    if (!selection?.isCollapsed || !selection.focusNode || !last?.contains(selection.focusNode)) return false;
    const after = document.createRange();
    after.setStart(selection.focusNode, selection.focusOffset);
    after.setEnd(last, last.childNodes.length);
    const rest = after.cloneContents();
    // Other people's carets are drawn inside the text with their names: not text of the draft.
    for (const caret of rest.querySelectorAll(caretSelector)) caret.remove();
    return (rest.textContent ?? '') === '';
  }, CARET);
}

/**
 * The draft's text as the reader sees it, one line per block, without the other people's caret
 * names that Tiptap renders inside the editable area.
 */
export async function editorText(page: Page): Promise<string> {
  return editor(page).evaluate((root, caretSelector) => {
    const copy = root.cloneNode(true) as HTMLElement;
    for (const caret of copy.querySelectorAll(caretSelector)) caret.remove();
    return Array.from(copy.children, (block) => block.textContent ?? '').join('\n');
  }, CARET);
}

/** Whether the editor accepts typing right now. */
export async function isEditable(page: Page): Promise<boolean> {
  return (await editor(page).getAttribute('contenteditable')) === 'true';
}

/** The read-only banner above the editor (locked, another group's draft), or null when there is none. */
export async function readOnlyBanner(page: Page): Promise<{ reason: string | null; text: string } | null> {
  const banner = page.getByTestId('read-only-banner');
  if (!(await banner.isVisible())) return null;
  return { reason: await banner.getAttribute('data-reason'), text: (await banner.textContent()) ?? '' };
}

/** The name labels of other people's carets shown in the editor. */
export async function caretLabels(page: Page): Promise<string[]> {
  const labels = page.locator(CARET_LABEL);
  const visible: string[] = [];
  for (const label of await labels.all()) {
    if (await label.isVisible()) visible.push(((await label.textContent()) ?? '').trim());
  }
  return visible;
}

/** The text of the "who is here" list beside the document. */
export async function presenceText(page: Page): Promise<string> {
  return (await page.getByTestId('presence').textContent()) ?? '';
}

/** The status indicator's state (connecting / connected / offline / saved). */
export async function connectionState(page: Page): Promise<string | null> {
  return page.getByTestId('connection-status').getAttribute('data-state');
}

/** The signed-in person's name as the header shows it. */
export async function headerName(page: Page): Promise<string> {
  return (await page.getByTestId('name-button').locator('.name-button__name').textContent()) ?? '';
}

/** Browser-side errors end up in the vitest output, labelled with whose page it was. */
export function reportPageErrors(page: Page, who: string): void {
  page.on('pageerror', (error) => {
    console.error(`[${who}'s page] ${error.message}`);
  });
}

/* ---------- Recommendations (the card contract in client/CONTEXT.md) ---------- */

/** The card of recommendation number `n` (1-based, in document order). */
export function recommendationCard(page: Page, n: number): Locator {
  return page.locator(`[data-testid=recommendation][data-number="${n}"]`);
}

/** What a card shows: its heading, status, chips by field, statement and reaction counts. */
export interface CardView {
  heading: string;
  status: string;
  chips: Record<string, string>;
  statement: string;
  endorsements: number;
  endorsedByMe: boolean;
  empty: boolean;
}

/** Reads a card as a person sees it (the chip text without its label). */
export async function readCard(card: Locator): Promise<CardView> {
  return card.evaluate((root, caretSelector) => {
    const text = (selector: string) => root.querySelector(selector)?.textContent?.trim() ?? '';
    // Other people's caret names are drawn inside the statement; they are not part of it.
    const statement = root.querySelector('[data-node-view-content]')?.cloneNode(true) as HTMLElement | undefined;
    for (const caret of statement?.querySelectorAll(caretSelector) ?? []) caret.remove();
    const chips: Record<string, string> = {};
    for (const chip of root.querySelectorAll('[data-testid=recommendation-chip]')) {
      const name = chip.querySelector('.rec-chip__name')?.textContent ?? '';
      chips[chip.getAttribute('data-field') ?? ''] = (chip.textContent ?? '').slice(name.length).trim();
    }
    const status = root.querySelector('[data-testid=recommendation-status]');
    const statusCopy = status?.cloneNode(true) as HTMLElement | undefined;
    for (const hidden of statusCopy?.querySelectorAll('.visually-hidden') ?? []) hidden.remove();
    return {
      heading: text('[data-testid=recommendation-number]'),
      status: statusCopy?.textContent?.trim() ?? '',
      chips,
      statement: statement?.textContent?.trim() ?? '',
      endorsements: Number(text('[data-testid=endorsement-count]') || 'NaN'),
      endorsedByMe: root.querySelector('[data-testid=endorse-button]')?.getAttribute('aria-pressed') === 'true',
      empty: root.querySelector('[data-testid=recommendation-empty]') !== null,
    };
  }, CARET);
}

/** The `data-testid` of the focused element (and its text), to follow keyboard focus. */
export async function focusedElement(page: Page): Promise<{ testId: string | null; text: string; tag: string }> {
  return page.evaluate(() => {
    const active = document.activeElement;
    return {
      testId: active?.getAttribute('data-testid') ?? null,
      text: (active?.textContent ?? '').trim(),
      tag: active?.tagName.toLowerCase() ?? '',
    };
  });
}

/** The label of the focused form control (its `<label>`), to follow focus through a form. */
export async function focusedLabel(page: Page): Promise<string> {
  return page.evaluate(() => {
    const active = document.activeElement as HTMLInputElement | null;
    const label = active?.labels?.[0]?.textContent ?? active?.getAttribute('aria-label') ?? '';
    return label.trim();
  });
}
