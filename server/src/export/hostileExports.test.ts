import { type Browser, chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findChromium } from './chromiumExecutable';
import { chromiumSearch, modelOf, testFonts } from './exportTestKit';
import { hostileDraft } from './fixtures/exportFixtures';
import { EXPORT_CSP, renderHtml } from './renderHtml';

let browser: Browser;

beforeAll(async () => {
  const { path } = await findChromium(chromiumSearch.executablePath, chromiumSearch.searchPath);
  browser = await chromium.launch({ executablePath: path, args: ['--no-sandbox', '--disable-gpu'] });
});

afterAll(async () => {
  await browser?.close();
});

/** Opens HTML the way a reader's browser would (JavaScript on) and records anything that ran or was fetched. */
async function openInBrowser(html: string) {
  const context = await browser.newContext({ javaScriptEnabled: true });
  const dialogs: string[] = [];
  const requests: string[] = [];
  try {
    await context.route('**/*', (route) => {
      requests.push(route.request().url());
      return route.abort();
    });
    const page = await context.newPage();
    page.on('dialog', (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    await page.setContent(html, { waitUntil: 'load' });
    const dom = await page.evaluate(() => ({
      scripts: document.querySelectorAll('script, iframe, object, embed, img, link, base, form').length,
      handlers: [...document.querySelectorAll('*')].flatMap((element) =>
        [...element.attributes]
          .filter((attribute) => attribute.name.startsWith('on'))
          .map((attribute) => attribute.name),
      ),
      hrefs: [...document.querySelectorAll('[href]')].map((element) => element.getAttribute('href') ?? ''),
      marker: document.body.dataset.ran ?? null,
    }));
    return { dialogs, requests, ...dom };
  } finally {
    await context.close();
  }
}

describe('a hostile document, exported to HTML and opened in a browser', () => {
  it('runs nothing and fetches nothing even with its Content-Security-Policy removed', async () => {
    const html = renderHtml(modelOf(hostileDraft), { fonts: await testFonts() });
    const withoutCsp = html.replace(/<meta http-equiv="Content-Security-Policy"[^>]*>/, '');
    expect(withoutCsp).not.toContain('Content-Security-Policy');
    const result = await openInBrowser(withoutCsp);
    expect(result.dialogs).toEqual([]);
    expect(result.requests).toEqual([]);
    expect(result.scripts).toBe(0);
    expect(result.handlers).toEqual([]);
    for (const href of result.hrefs) expect(href).toMatch(/^(#|https:\/\/)/);
  });

  it('is also protected by its policy: a script slipped into the file would not run', async () => {
    const html = renderHtml(modelOf(hostileDraft), { fonts: await testFonts() });
    expect(html).toContain(EXPORT_CSP);
    // Simulates a renderer bug that let markup through: the policy must still stop it.
    const tampered = html.replace(
      '</main>',
      '<script>document.body.dataset.ran = "yes"; alert(1)</script><img src="https://attacker.example/x"></main>',
    );
    const result = await openInBrowser(tampered);
    expect(result.marker).toBeNull();
    expect(result.dialogs).toEqual([]);
    expect(result.requests).toEqual([]);
    // The same file without its policy does run the script: the checks above can see one.
    const unprotected = await openInBrowser(tampered.replace(/<meta http-equiv="Content-Security-Policy"[^>]*>/, ''));
    expect(unprotected.marker).toBe('yes');
    expect(unprotected.dialogs).toEqual(['1']);
    expect(unprotected.requests).toEqual(['https://attacker.example/x']);
  });
});
