import { describe, expect, it } from 'vitest';
import { modelOf, testFonts, withoutFontData } from './exportTestKit';
import {
  type ExportFixture,
  hostileDraft,
  judiciaryEdition,
  provenanceBrief,
  structureDraft,
  URDU_PARAGRAPH,
  urduBrief,
} from './fixtures/exportFixtures';
import { EXPORT_CSP, renderHtml } from './renderHtml';

const ALLOWED_TAGS = [
  'html',
  'head',
  'meta',
  'title',
  'style',
  'body',
  'header',
  'nav',
  'main',
  'section',
  'article',
  'footer',
];
ALLOWED_TAGS.push('h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'p', 'br', 'hr', 'ul', 'ol', 'li', 'blockquote', 'pre', 'code');
ALLOWED_TAGS.push('strong', 'em', 'u', 's', 'a', 'div', 'dl', 'dt', 'dd', 'table', 'thead', 'tbody', 'tr', 'th', 'td');
const ALLOWED_ATTRIBUTES = ['lang', 'dir', 'charset', 'http-equiv', 'content', 'name', 'class', 'id', 'href', 'rel'];
ALLOWED_ATTRIBUTES.push('start', 'scope', 'aria-labelledby', 'aria-label');

const render = async (fixture: ExportFixture) => renderHtml(modelOf(fixture), { fonts: await testFonts() });

const GOLDEN: Array<[string, ExportFixture]> = [
  ['structure-draft', structureDraft],
  ['provenance-brief', provenanceBrief],
  ['judiciary-edition', judiciaryEdition],
  ['urdu-brief', urduBrief],
  ['hostile-draft', hostileDraft],
];

describe('renderHtml', () => {
  it.each(GOLDEN)('matches the golden file for %s', async (name, fixture) => {
    await expect(withoutFontData(await render(fixture))).toMatchFileSnapshot(`./fixtures/golden/${name}.html`);
  });

  it('forbids script and every fetch before anything else in the head', async () => {
    const html = await render(structureDraft);
    const head = html.slice(0, html.indexOf('<style>'));
    expect(head).toContain(`<meta http-equiv="Content-Security-Policy" content="${EXPORT_CSP}">`);
    expect(EXPORT_CSP).toMatch(/^default-src 'none';/);
    expect(EXPORT_CSP).not.toMatch(/script-src|unsafe-eval|https?:/);
  });

  it('embeds its fonts as woff2 data, and the Urdu face only when there is Urdu text', async () => {
    const latin = await render(structureDraft);
    const urdu = await render(urduBrief);
    const families = (html: string) =>
      [...html.matchAll(/font-family:'([^']+)';font-style:(\w+);font-weight:(\d+)/g)].map((m) => m.slice(1).join(' '));
    expect(families(latin)).toEqual([
      'Noto Sans normal 400',
      'Noto Sans normal 700',
      'Noto Sans italic 400',
      'Noto Sans italic 700',
    ]);
    expect(families(urdu)).toContain('Noto Nastaliq Urdu normal 400');
    // "wOF2" is the woff2 signature; base64 of it starts "d09GMg".
    for (const match of urdu.matchAll(/data:font\/woff2;base64,([^)]+)\)/g)) expect(match[1]).toMatch(/^d09GMg/);
    expect(latin.length).toBeLessThan(120_000);
    expect(urdu.length).toBeLessThan(400_000);
  });

  it('links every contents entry and annex number to an element that exists', async () => {
    const html = await render(provenanceBrief);
    const ids = new Set([...html.matchAll(/ id="([^"]+)"/g)].map((m) => m[1]));
    const targets = [...html.matchAll(/href="#([^"]+)"/g)].map((m) => m[1]);
    expect(targets.length).toBeGreaterThan(8);
    for (const target of targets) expect(ids, target).toContain(target);
  });

  it('gives every block a resolved direction', async () => {
    const html = await render(urduBrief);
    const blocks = [...html.matchAll(/<(p|h[1-6]|ul|ol|blockquote|li|td)\b([^>]*)>/g)];
    for (const [tag, name] of blocks) {
      if (name === 'li') continue; // a list item takes its list's direction
      expect(tag).toMatch(/ dir="(ltr|rtl)"/);
    }
    expect(html).toContain(`<p dir="rtl" lang="ur">${URDU_PARAGRAPH}</p>`);
  });

  it('keeps hostile text as text: only our own tags and attributes are markup', async () => {
    const html = await render(hostileDraft);
    // Text escapes every "<", so each "<" left starts a tag this renderer wrote.
    const markup = html.replace(/<!DOCTYPE html>/, '').replace(/<style>[\s\S]*?<\/style>/, '<style></style>');
    const tags = [...markup.matchAll(/<\/?([a-zA-Z][a-zA-Z0-9]*)((?:\s+[a-z-]+(?:="[^"]*")?)*)\s*\/?>/g)];
    expect((markup.match(/</g) ?? []).length).toBe(tags.length);
    for (const [, name, attrs = ''] of tags) {
      expect(ALLOWED_TAGS, name).toContain(name?.toLowerCase());
      for (const [, attr, value] of attrs.matchAll(/([a-z-]+)(?:="([^"]*)")?/g)) {
        expect(ALLOWED_ATTRIBUTES, `${name} ${attr}`).toContain(attr);
        if (attr === 'href') expect(value).toMatch(/^(#[a-z0-9-]+|https:\/\/[^"<>\s]+)$/);
      }
    }
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).not.toContain('attacker');
  });
});
