import type { Brief, Publication } from '@plenary/shared/api';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, newPersonContext } from '../support/browser';
import { openDraft, reloadDraft, signInWithToken, typeParagraph } from '../support/editorPage';
import { type ServerProcess, startServer } from '../support/serverProcess';
import { api, createWorkshop, type WorkshopFixture } from '../support/workshopFixture';

const ENGLISH = 'Train every judge on the 2018 Act.';
const URDU = 'ہر جج کو دو ہزار اٹھارہ کے ایکٹ کی تربیت دی جائے۔';

/** The direction each block of the editor carries, by its text. */
async function editorDirections(page: Page): Promise<Record<string, string | null>> {
  return page.locator('[data-testid=editor] .ProseMirror').evaluate((root) => {
    const found: Record<string, string | null> = {};
    for (const block of root.querySelectorAll('p, h1, h2, h3, li')) {
      const text = block.textContent?.trim() ?? '';
      if (text) found[text] = block.getAttribute('dir');
    }
    return found;
  });
}

/** How the browser lays a block out: its resolved direction and which side its text starts on. */
async function layoutOf(page: Page, text: string): Promise<{ direction: string; startsRight: boolean }> {
  return page.locator('[data-testid=editor] .ProseMirror p', { hasText: text }).evaluate((block) => {
    const range = document.createRange();
    range.selectNodeContents(block);
    const text = range.getBoundingClientRect();
    const box = block.getBoundingClientRect();
    // Text that starts at the right edge leaves its gap on the left.
    return {
      direction: getComputedStyle(block).direction,
      startsRight: box.right - text.right < text.left - box.left,
    };
  });
}

/**
 * An Urdu paragraph typed beside an English one keeps its own direction: in the editor (where the
 * caret moves the way each one reads), after a reload, on the published page and in the HTML export.
 */
describe('Urdu beside English, right to left', () => {
  let server: ServerProcess;
  let browser: Browser;
  let workshop: WorkshopFixture;
  let context: BrowserContext;

  beforeAll(async () => {
    [server, browser] = await Promise.all([startServer({ env: { SEED_DEMO: 'false' } }), launchBrowser()]);
    workshop = await createWorkshop(server, 1);
    context = await newPersonContext(browser);
  });

  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await server?.stop();
  });

  it('keeps each paragraph’s direction in the editor, after reload, published and exported', async () => {
    const w = workshop.workshop.id;
    const token = workshop.facilitatorToken;
    const brief = (await api<Brief>(server, 'POST', `/api/workshops/${w}/briefs`, { token, body: { title: 'Brief' } }))
      .body;
    await signInWithToken(context, server.httpUrl, token);
    const page = await openDraft(
      context,
      server.httpUrl,
      { workshopId: w, documentId: brief.documentId },
      { who: 'rapporteur' },
    );

    await typeParagraph(page, ENGLISH);
    await typeParagraph(page, URDU);
    await expect.poll(() => editorDirections(page)).toMatchObject({ [ENGLISH]: 'ltr', [URDU]: 'rtl' });
    expect(await layoutOf(page, URDU)).toEqual({ direction: 'rtl', startsRight: true });
    expect(await layoutOf(page, ENGLISH)).toEqual({ direction: 'ltr', startsRight: false });

    // The caret moves the way the Urdu paragraph reads: Home puts it at its right-hand start.
    await page.keyboard.press('Home');
    const caretSide = await page.evaluate(() => {
      const selection = window.getSelection();
      const rect = selection?.getRangeAt(0).getClientRects()[0] ?? selection?.getRangeAt(0).getBoundingClientRect();
      const block = selection?.anchorNode?.parentElement?.closest('p')?.getBoundingClientRect();
      return rect && block ? (rect.left > block.left + block.width / 2 ? 'right' : 'left') : 'none';
    });
    expect(caretSide).toBe('right');

    await expect.poll(() => page.getByTestId('connection-status').getAttribute('data-state')).toBe('saved');
    await reloadDraft(page);
    await expect.poll(() => editorDirections(page)).toMatchObject({ [ENGLISH]: 'ltr', [URDU]: 'rtl' });

    const html = await fetch(`${server.httpUrl}/api/documents/${brief.documentId}/export?format=html`, {
      headers: { authorization: `Bearer ${token}` },
    }).then((response) => response.text());
    expect(html).toContain(`<p dir="ltr">${ENGLISH}</p>`);
    // Tagged Urdu, so a screen reader reads it with an Urdu voice.
    expect(html).toContain(`<p dir="rtl" lang="ur">${URDU}</p>`);

    const published = await api<Publication>(server, 'POST', `/api/workshops/${w}/briefs/${brief.id}/publications`, {
      token,
    });
    expect(published.status).toBe(201);
    const reader = await (await newPersonContext(browser)).newPage();
    await reader.goto(`${server.httpUrl}${published.body.path}`);
    expect(await reader.locator('p', { hasText: URDU }).getAttribute('dir')).toBe('rtl');
    expect(await reader.locator('p', { hasText: ENGLISH }).getAttribute('dir')).toBe('ltr');
    expect(await reader.locator('p', { hasText: URDU }).evaluate((p) => getComputedStyle(p).direction)).toBe('rtl');
    await reader.context().close();
  });

  it('switches the interface to Urdu from the join page: mirrored, in the shipped font, remembered', async () => {
    const group = workshop.groups[0];
    if (!group) throw new Error('no group');
    const { invite } = await workshop.participant('member', 'Organiser', group.id);
    const visitor = await newPersonContext(browser);
    const page = await visitor.newPage();
    await page.goto(`${server.httpUrl}/join/${invite.url.split('/join/')[1]}`);
    const submit = page.getByTestId('join-submit');
    expect(await submit.textContent()).toBe('Join');
    expect(await page.evaluate(() => document.documentElement.dir)).toBe('ltr');

    await page.getByTestId('language-switcher').selectOption('ur');
    await expect.poll(() => submit.textContent()).toBe('شامل ہوں');
    expect(await page.evaluate(() => [document.documentElement.lang, document.documentElement.dir])).toEqual([
      'ur',
      'rtl',
    ]);
    // Mirrored: the name field's label starts at the right.
    const label = await page.locator('label[for]', { hasText: 'آپ کا نام' }).evaluate((element) => {
      const box = element.getBoundingClientRect();
      return { right: box.right, pageRight: document.documentElement.clientWidth };
    });
    expect(label.pageRight - label.right).toBeLessThan(label.pageRight / 2);
    // Urdu is drawn with the font the app ships, not one the visitor happens to have.
    await expect
      .poll(() =>
        page.evaluate(async () => {
          await document.fonts.ready;
          return [...document.fonts].some(
            (font) => font.family.includes('Noto Nastaliq Urdu') && font.status === 'loaded',
          );
        }),
      )
      .toBe(true);

    // Remembered on this device: after a reload and on the next page.
    await page.reload();
    await expect.poll(() => submit.textContent()).toBe('شامل ہوں');
    await page.getByTestId('join-name').fill('Sadia');
    await submit.click();
    await page.waitForURL((url) => url.pathname.includes('/d/'));
    await expect.poll(() => page.getByRole('button', { name: 'سفارش شامل کریں' }).count()).toBe(1);
    await page.getByTestId('language-switcher').selectOption('en');
    await expect.poll(() => page.getByRole('button', { name: 'Insert recommendation' }).count()).toBe(1);
    expect(await page.evaluate(() => document.documentElement.dir)).toBe('ltr');
    await visitor.close();
  });
});
