import type { BrowserContext, Locator, Page } from 'playwright-core';

/**
 * A façade over the draft editor, so browser tests read as what a person does and sees.
 * Selectors are the client's test contract: data-testid values plus Tiptap's own class names.
 */

const EDITOR = '[data-testid=editor] .ProseMirror';
const CARET = '.collaboration-carets__caret';
const CARET_LABEL = '.collaboration-carets__label';

export interface OpenDraftOptions {
  /** Display name to give if the page asks for one. */
  name: string;
}

/** The editable area of the draft. */
export function editor(page: Page): Locator {
  return page.locator(EDITOR);
}

/**
 * Opens `/d/<documentId>` in a new tab of `context`, answers the display-name prompt if it
 * appears, and resolves once the editor is ready for typing.
 */
export async function openDraft(
  context: BrowserContext,
  baseUrl: string,
  documentId: string,
  { name }: OpenDraftOptions,
): Promise<Page> {
  const page = await context.newPage();
  reportPageErrors(page, name);
  await page.goto(`${baseUrl}/d/${encodeURIComponent(documentId)}`);
  await enterNameIfAsked(page, name);
  await editor(page).waitFor({ state: 'visible' });
  await page.waitForFunction(
    (selector) => document.querySelector(selector)?.getAttribute('contenteditable') === 'true',
    EDITOR,
  );
  return page;
}

/** Reloads the tab and waits for the editor again; the remembered name means no prompt. */
export async function reloadDraft(page: Page): Promise<void> {
  await page.reload();
  await editor(page).waitFor({ state: 'visible' });
}

/** Whether the page is asking for a display name right now. */
export async function isAskingForName(page: Page): Promise<boolean> {
  return page.getByTestId('display-name-input').isVisible();
}

/** Types `text` as keystrokes at the end of the draft, as a person would. */
export async function typeInEditor(page: Page, text: string): Promise<void> {
  const area = editor(page);
  await area.click();
  // Each person writes at the end, so concurrent typing never lands inside the other's words.
  await page.keyboard.press('Control+End');
  await page.keyboard.type(text);
}

/** Starts a new paragraph at the end of the draft and types `text` into it. */
export async function typeParagraph(page: Page, text: string): Promise<void> {
  await editor(page).click();
  await page.keyboard.press('Control+End');
  await page.keyboard.press('Enter');
  await page.keyboard.type(text);
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

async function enterNameIfAsked(page: Page, name: string): Promise<void> {
  const nameInput = page.getByTestId('display-name-input');
  await nameInput.or(editor(page)).first().waitFor({ state: 'visible' });
  if (!(await nameInput.isVisible())) return;
  await nameInput.fill(name);
  await page.getByTestId('display-name-submit').click();
  await nameInput.waitFor({ state: 'hidden' });
}

/** Browser-side errors end up in the vitest output, labelled with whose page it was. */
function reportPageErrors(page: Page, who: string): void {
  page.on('pageerror', (error) => {
    console.error(`[${who}'s page] ${error.message}`);
  });
}
