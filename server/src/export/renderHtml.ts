import { type Block, type Inline, inlineText } from './documentBlocks';
import { type ExportFonts, facesFor } from './exportFonts';
import type { AudienceSection, ExportModel, ExportRecommendation, RecommendationEntry } from './exportModel';
import { type Direction, directionOf, languageOf } from './exportText';
import { DOCUMENT_CSS, fontFaceCss } from './htmlStyles';

/**
 * Forbids every script and every fetch: the file only styles itself and uses its inlined fonts.
 * `base-uri` and `form-action` are not covered by `default-src`, so they are named.
 */
export const EXPORT_CSP =
  "default-src 'none'; style-src 'unsafe-inline'; font-src data:; img-src data:; base-uri 'none'; form-action 'none'";

export interface HtmlRenderOptions {
  fonts: ExportFonts;
  /** Trusted markup placed first in <body> (the published page's navigation); the caller escapes it. */
  header?: string;
  /** Extra CSS for that header. */
  headerCss?: string;
}

/** One self-contained HTML file: inline CSS and fonts, no script, nothing fetched. */
export function renderHtml(model: ExportModel, options: HtmlRenderOptions): string {
  const body = [
    options.header ?? '',
    titlePage(model),
    tableOfContents(model),
    `<main>\n${mainContent(model)}</main>`,
    colophon(model),
  ]
    .filter((part) => part !== '')
    .join('\n');
  const faces = facesFor(options.fonts, codePointsOf(body));
  const title = [model.titlePage.title, model.titlePage.workshopTitle].filter(Boolean).join(' — ');
  return [
    '<!DOCTYPE html>',
    '<html lang="en" dir="ltr">',
    '<head>',
    '<meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="${EXPORT_CSP}">`,
    '<meta name="referrer" content="no-referrer">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    '<meta name="generator" content="Plenary">',
    `<title>${escapeHtml(title)}</title>`,
    `<style>\n${fontFaceCss(faces)}\n${DOCUMENT_CSS}${options.headerCss ?? ''}</style>`,
    '</head>',
    '<body>',
    body,
    '</body>',
    '</html>',
    '',
  ].join('\n');
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Escapes text for element content and quoted attribute values alike. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => ESCAPES[char] ?? char);
}

const dirOf = (text: string, fallback: Direction = 'ltr'): Direction => directionOf(text) ?? fallback;
const dirAttr = (dir: Direction) => ` dir="${dir}"`;
/** `lang="ur"` on an Urdu paragraph or heading: a screen reader then reads it in Urdu, not English. */
const langAttr = (block: { dir: Direction; inlines: readonly Inline[] }) =>
  block.dir === 'rtl' && languageOf(inlineText(block.inlines)) === 'ur' ? ' lang="ur"' : '';

function titlePage(model: ExportModel): string {
  const page = model.titlePage;
  const place = [page.venue, page.dates].filter(Boolean).join(' · ');
  const facts: Array<[string, string]> = [];
  if (page.versionName) facts.push(['Version', page.versionName]);
  facts.push(['Generated', page.generated]);
  return [
    '<header class="title-page">',
    `<p class="kind" dir="ltr">${escapeHtml(page.kindLabel)}</p>`,
    `<h1${dirAttr(dirOf(page.title))}>${escapeHtml(page.title)}</h1>`,
    page.workshopTitle
      ? `<p class="workshop"${dirAttr(dirOf(page.workshopTitle))}>${escapeHtml(page.workshopTitle)}</p>`
      : '',
    place ? `<p class="place"${dirAttr(dirOf(place))}>${escapeHtml(place)}</p>` : '',
    page.editionNote ? `<p class="edition"${dirAttr(dirOf(page.editionNote))}>${escapeHtml(page.editionNote)}</p>` : '',
    '<dl>',
    ...facts.map(
      ([label, value]) => `<dt>${escapeHtml(label)}</dt><dd${dirAttr(dirOf(value))}>${escapeHtml(value)}</dd>`,
    ),
    '</dl>',
    '</header>',
  ]
    .filter(Boolean)
    .join('\n');
}

function tableOfContents(model: ExportModel): string {
  if (model.toc.length === 0) return '';
  const items = model.toc.map(
    (entry) => `<li${dirAttr(entry.dir)}><a href="#${entry.anchor}">${escapeHtml(entry.title)}</a></li>`,
  );
  return [
    '<nav class="toc" aria-labelledby="contents">',
    '<h2 id="contents" dir="ltr">Contents</h2>',
    '<ol dir="ltr">',
    ...items,
    '</ol>',
    '</nav>',
  ].join('\n');
}

function mainContent(model: ExportModel): string {
  const parts: string[] = [];
  if (model.executiveSummary) {
    parts.push(
      '<section class="executive-summary">',
      `<h2 id="${model.executiveSummary.anchor}" dir="ltr">Executive summary</h2>`,
      blocksHtml(model.executiveSummary.blocks),
      '</section>',
    );
  }
  if (model.body.length > 0) parts.push('<section class="body">', blocksHtml(model.body), '</section>');
  for (const section of model.recommendationSections) parts.push(audienceSection(section));
  if (model.closing.length > 0) parts.push('<section class="body">', blocksHtml(model.closing), '</section>');
  if (model.annex) {
    const annex = model.annex;
    parts.push(
      '<section class="annex">',
      `<h2 id="${annex.anchor}" dir="ltr">${escapeHtml(annex.title)}</h2>`,
      `<p dir="ltr">${escapeHtml(annex.intro)}</p>`,
      '<table class="annex">',
      `<thead><tr><th scope="col">${escapeHtml(annex.columns.group)}</th><th scope="col">${escapeHtml(annex.columns.numbers)}</th></tr></thead>`,
      '<tbody>',
      ...annex.groups.map(
        (group) =>
          `<tr><td${dirAttr(group.dir)}>${escapeHtml(group.source.groupName || 'Unnamed group')}</td><td>` +
          // A bare number read alone (a screen reader's list of links) says nothing: name it.
          group.recommendations
            .map((r) => `<a href="#${r.anchor}" aria-label="Recommendation ${r.number}">${r.number}</a>`)
            .join(', ') +
          '</td></tr>',
      ),
      '</tbody>',
      '</table>',
      annex.unattributed.length > 0
        ? `<p dir="ltr">Recommendations with no recorded source: ${annex.unattributed.join(', ')}.</p>`
        : '',
      '</section>',
    );
  }
  if (model.comments) parts.push(commentsAppendix(model.comments));
  return `${parts.filter(Boolean).join('\n')}\n`;
}

function commentsAppendix(comments: NonNullable<ExportModel['comments']>): string {
  return [
    '<section class="comments">',
    `<h2 id="${comments.anchor}" dir="ltr">${escapeHtml(comments.title)}</h2>`,
    comments.threads.length === 0 ? '<p class="none" dir="ltr">No comments.</p>' : '',
    '<ol>',
    ...comments.threads.map((thread) =>
      [
        '<li>',
        `<blockquote${dirAttr(thread.dir)}>${escapeHtml(thread.quote)}</blockquote>`,
        `<p dir="ltr"><em>${escapeHtml(thread.status)}</em></p>`,
        ...thread.entries.map(
          (entry) =>
            `<p${dirAttr(entry.dir)}><strong>${escapeHtml(entry.author)}</strong> (${escapeHtml(entry.when)}): ${escapeHtml(entry.text)}</p>`,
        ),
        '</li>',
      ].join('\n'),
    ),
    '</ol>',
    '</section>',
  ]
    .filter(Boolean)
    .join('\n');
}

function audienceSection(section: AudienceSection): string {
  return [
    '<section class="recommendations">',
    `<h2 id="${section.anchor}"${dirAttr(section.dir)}>${escapeHtml(section.title)}</h2>`,
    section.notes.length > 0 ? blocksHtml(section.notes) : '',
    section.entries.length === 0 && !section.alsoListed
      ? '<p class="none" dir="ltr">No recommendations for this audience.</p>'
      : '',
    // Under the heading, not after the cards: a reader of this section learns of them first.
    section.alsoListed
      ? `<div class="also-listed"><p dir="ltr">${escapeHtml(section.alsoListed.label)}</p><ul>` +
        section.alsoListed.recommendations
          .map(
            (r) => `<li><a href="#${r.anchor}"${dirAttr(directionOf(r.text) ?? 'ltr')}>${escapeHtml(r.text)}</a></li>`,
          )
          .join('') +
        '</ul></div>'
      : '',
    ...section.entries.map(recommendationCard),
    '</section>',
  ]
    .filter(Boolean)
    .join('\n');
}

function recommendationCard(entry: RecommendationEntry): string {
  const recommendation: ExportRecommendation = entry.recommendation;
  return [
    `<article class="recommendation" id="${entry.anchor}">`,
    `<h3${dirAttr(entry.dir)}>${escapeHtml(entry.heading)}</h3>`,
    recommendation.empty
      ? '<p class="empty" dir="ltr">No statement yet.</p>'
      : `<div class="statement">\n${blocksHtml(recommendation.statement)}\n</div>`,
    ...(recommendation.facts.length === 0
      ? []
      : [
          '<table class="facts">',
          '<tbody>',
          ...recommendation.facts.map(
            (fact) =>
              `<tr><th scope="row">${escapeHtml(fact.label)}</th><td${dirAttr(dirOf(fact.value))}>${escapeHtml(fact.value)}</td></tr>`,
          ),
          '</tbody>',
          '</table>',
        ]),
    '</article>',
  ].join('\n');
}

function colophon(model: ExportModel): string {
  return `<footer class="colophon"><p dir="ltr">Exported from Plenary on ${escapeHtml(model.titlePage.generated)}.</p></footer>`;
}

/** Blocks as HTML; the model bounds their nesting, so this recursion is bounded too. */
export function blocksHtml(blocks: readonly Block[]): string {
  return blocks.map(blockHtml).join('\n');
}

function blockHtml(block: Block): string {
  switch (block.kind) {
    case 'paragraph':
      return `<p${dirAttr(block.dir)}${langAttr(block)}>${inlinesHtml(block.inlines)}</p>`;
    case 'heading': {
      // Level 1 is the document's top section (h2): h1 is the title alone.
      const tag = `h${Math.min(block.level + 1, 6)}`;
      const id = block.anchor ? ` id="${block.anchor}"` : '';
      return `<${tag}${id}${dirAttr(block.dir)}${langAttr(block)}>${inlinesHtml(block.inlines)}</${tag}>`;
    }
    case 'list': {
      const tag = block.ordered ? 'ol' : 'ul';
      const start = block.ordered && block.start !== 1 ? ` start="${block.start}"` : '';
      const items = block.items.map((item) => `<li>${blocksHtml(item)}</li>`).join('\n');
      return `<${tag}${start}${dirAttr(block.dir)}>\n${items}\n</${tag}>`;
    }
    case 'quote':
      return `<blockquote${dirAttr(block.dir)}>\n${blocksHtml(block.blocks)}\n</blockquote>`;
    case 'code':
      return `<pre dir="ltr"><code>${escapeHtml(block.text)}</code></pre>`;
    case 'rule':
      return '<hr>';
  }
}

function inlinesHtml(inlines: readonly Inline[]): string {
  return inlines.map(inlineHtml).join('');
}

function inlineHtml(inline: Inline): string {
  if (inline.kind === 'break') return '<br>';
  let html = escapeHtml(inline.text);
  if (inline.marks.code) html = `<code>${html}</code>`;
  if (inline.marks.strike) html = `<s>${html}</s>`;
  if (inline.marks.underline) html = `<u>${html}</u>`;
  if (inline.marks.italic) html = `<em>${html}</em>`;
  if (inline.marks.bold) html = `<strong>${html}</strong>`;
  // The model kept only http(s) and mailto links; the href is escaped like any attribute value.
  if (inline.href) html = `<a href="${escapeHtml(inline.href)}" rel="noopener noreferrer">${html}</a>`;
  return html;
}

/** Distinct non-ASCII code points of a string (ASCII is always covered by the Latin faces). */
function codePointsOf(text: string): Set<number> {
  const points = new Set<number>();
  for (const char of text) {
    const code = char.codePointAt(0) ?? 0;
    if (code > 0x7f) points.add(code);
  }
  return points;
}
