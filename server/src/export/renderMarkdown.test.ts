import { marked } from 'marked';
import { describe, expect, it } from 'vitest';
import { modelOf } from './exportTestKit';
import {
  deeplyNestedDraft,
  type ExportFixture,
  hostileDraft,
  judiciaryEdition,
  provenanceBrief,
  structureDraft,
  URDU_PARAGRAPH,
  urduBrief,
} from './fixtures/exportFixtures';
import { escapeText, renderMarkdown } from './renderMarkdown';

const render = (fixture: ExportFixture) => renderMarkdown(modelOf(fixture));
/** What a CommonMark/GFM renderer makes of it: how a reader's tool will show the file. */
const toHtml = (markdown: string) => marked.parse(markdown, { async: false });

const GOLDEN: Array<[string, ExportFixture]> = [
  ['structure-draft', structureDraft],
  ['provenance-brief', provenanceBrief],
  ['judiciary-edition', judiciaryEdition],
  ['urdu-brief', urduBrief],
  ['hostile-draft', hostileDraft],
];

describe('renderMarkdown', () => {
  it.each(GOLDEN)('matches the golden file for %s', async (name, fixture) => {
    await expect(render(fixture)).toMatchFileSnapshot(`./fixtures/golden/${name}.md`);
  });

  it('writes each recommendation as a headed block with its fields as a list', () => {
    const html = toHtml(render(judiciaryEdition));
    expect(html).toContain('<h3>Recommendation 2 — Judiciary</h3>');
    expect(html).toContain('<h3>Recommendation 3 — Judiciary</h3>');
    expect(html).not.toContain('Recommendation 1');
    expect(html).toMatch(/<li><strong>Responsible body:<\/strong> Judicial academies<\/li>/);
  });

  it('keeps a statement’s own list apart from the field list that follows it', () => {
    const html = toHtml(render(structureDraft));
    expect(html).toMatch(/<li>shelter<\/li>\s*<li>legal aid<\/li>\s*<\/ul>\s*<ul>\s*<li><strong>Priority:/);
  });

  it('renders lists, numbered lists that start at 3, links, marks, quotes and code as such', () => {
    const html = toHtml(render(structureDraft));
    expect(html).toMatch(/<ol start="3">\s*<li>Anti-human-trafficking circle<\/li>/);
    expect(html).toContain('<a href="https://example.org/acts/pta-2018">2018 Act</a>');
    expect(html).toContain('<a href="mailto:secretariat@example.org">the secretariat</a>');
    expect(html).toContain('<strong>first</strong>');
    expect(html).toContain('<em>FIA</em> circles:');
    expect(html).toContain('<code>370</code>');
    expect(html).toMatch(/<blockquote>\s*<p>Victims are too often treated as offenders.<\/p>/);
    expect(html).toContain('<pre><code>Case register fields:\n  district, date, referral\n</code></pre>');
  });

  it('keeps Urdu text as it is', () => {
    expect(render(urduBrief)).toContain(`\n${URDU_PARAGRAPH}\n`);
  });

  it('leaves nothing of hostile content active once a Markdown renderer has read it', () => {
    const html = toHtml(render(hostileDraft));
    // Only the renderer's own tags; the input's markup shows as text.
    const tags = new Set([...html.matchAll(/<([a-z0-9]+)/g)].map((m) => m[1]));
    for (const tag of tags)
      expect([
        'h1',
        'h2',
        'h3',
        'p',
        'br',
        'ol',
        'ul',
        'li',
        'strong',
        'em',
        'a',
        'blockquote',
        'hr',
        'table',
        'thead',
        'tbody',
        'tr',
        'th',
        'td',
      ]).toContain(tag);
    for (const [, href] of html.matchAll(/href="([^"]*)"/g)) expect(href).toMatch(/^https:\/\//);
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('markdown [x](javascript:alert(8)) **not bold** # not a heading');
    expect(html).toContain('1. not a list');
  });

  it.each([
    ['*bold*', '\\*bold\\*'],
    ['_x_ `y` [z]', '\\_x\\_ \\`y\\` \\[z\\]'],
    ['# title', '\\# title'],
    ['- item', '\\- item'],
    ['12. item', '12\\. item'],
    ['> quote', '\\> quote'],
    ['a | b ~c~', 'a \\| b \\~c\\~'],
    ['&amp; &copy; & x', '\\&amp; \\&copy; & x'],
    ['<b>', '\\<b\\>'],
  ])('escapes %s at the start of a line as %s', (text, escaped) => {
    expect(escapeText(text)).toBe(escaped);
    expect(toHtml(escaped)).not.toMatch(/<(em|strong|code|h1|ul|ol|blockquote|b|del|table)>/);
  });

  it('writes lists nested 200 deep without failing', () => {
    const markdown = render(deeplyNestedDraft(200));
    expect(markdown).toContain('level 200');
    expect(markdown.split('\n').every((line) => line.length < 200)).toBe(true);
  });
});
