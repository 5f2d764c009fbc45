import type { Block, Inline, InlineMarks } from './documentBlocks';
import type { AudienceSection, ExportModel, ExportRecommendation, RecommendationEntry } from './exportModel';

/** Markdown that reads well as plain text; recommendations are headed blocks with their fields as a list. */
export function renderMarkdown(model: ExportModel): string {
  const parts: string[] = [titlePage(model)];
  if (model.toc.length > 0) {
    parts.push('## Contents', model.toc.map((entry, index) => `${index + 1}. ${escapeText(entry.title)}`).join('\n'));
  }
  if (model.executiveSummary) parts.push('## Executive summary', blocksMarkdown(model.executiveSummary.blocks));
  parts.push(blocksMarkdown(model.body));
  for (const section of model.recommendationSections) parts.push(...audienceSection(section));
  if (model.closing.length > 0) parts.push(blocksMarkdown(model.closing));
  if (model.annex) {
    const annex = model.annex;
    parts.push(
      `## ${escapeText(annex.title)}`,
      escapeText(annex.intro),
      [
        `| ${escapeText(annex.columns.group)} | ${escapeText(annex.columns.numbers)} |`,
        '|---|---|',
        ...annex.groups.map(
          (group) =>
            `| ${escapeText(group.source.groupName || 'Unnamed group', false)} | ${group.recommendations.map((r) => r.number).join(', ')} |`,
        ),
      ].join('\n'),
    );
    if (annex.unattributed.length > 0) {
      parts.push(`Recommendations with no recorded source: ${annex.unattributed.join(', ')}.`);
    }
  }
  if (model.comments) {
    const { title, threads } = model.comments;
    parts.push(`## ${escapeText(title)}`);
    if (threads.length === 0) parts.push('No comments.');
    for (const thread of threads) {
      const lines = [
        `${thread.number}. > ${escapeText(thread.quote, false)}`,
        `   _${escapeText(thread.status, false)}_`,
        ...thread.entries.map(
          (entry) =>
            `   - **${escapeText(entry.author, false)}** (${escapeText(entry.when, false)}): ${escapeText(entry.text, false)}`,
        ),
      ];
      parts.push(lines.join('\n'));
    }
  }
  parts.push('---', `_Exported from Plenary on ${escapeText(model.titlePage.generated)}._`);
  return `${parts.filter((part) => part !== '').join('\n\n')}\n`;
}

function titlePage(model: ExportModel): string {
  const page = model.titlePage;
  const lines = [
    [page.kindLabel, page.workshopTitle].filter(Boolean).join(' · '),
    [page.venue, page.dates].filter(Boolean).join(' · '),
    page.versionName ?? '',
    `Generated ${page.generated}`,
  ]
    .filter(Boolean)
    .map((line) => escapeText(line));
  const parts = [`# ${escapeText(page.title)}`, lines.join('\\\n')];
  if (page.editionNote) parts.push(`> ${escapeText(page.editionNote)}`);
  return parts.join('\n\n');
}

function audienceSection(section: AudienceSection): string[] {
  const parts = [`## ${escapeText(section.title)}`];
  if (section.notes.length > 0) parts.push(blocksMarkdown(section.notes));
  if (section.entries.length === 0 && !section.alsoListed) parts.push('_No recommendations for this audience._');
  if (section.alsoListed) {
    const { label, recommendations } = section.alsoListed;
    // Plain names: Markdown viewers make their own heading ids, so the model's anchors lead nowhere.
    parts.push(`_${escapeText(label)}_\n\n${recommendations.map((r) => `- ${escapeText(r.text)}`).join('\n')}`);
  }
  for (const entry of section.entries) parts.push(...recommendationBlock(entry));
  return parts;
}

function recommendationBlock(entry: RecommendationEntry): string[] {
  const { recommendation } = entry;
  return [
    `### ${escapeText(entry.heading)}`,
    recommendation.empty
      ? `_No statement yet._\n\n${blocksMarkdown(factList(recommendation))}`
      : blocksMarkdown([...recommendation.statement, ...factList(recommendation)]),
  ];
}

/** The fields as a bullet list of "**Label:** value" items; none when it has none to show. */
function factList(recommendation: ExportRecommendation): Block[] {
  if (recommendation.facts.length === 0) return [];
  return [
    {
      kind: 'list',
      ordered: false,
      start: 1,
      dir: 'ltr',
      items: recommendation.facts.map((fact) => [
        {
          kind: 'paragraph',
          dir: 'ltr',
          inlines: [
            { kind: 'text', text: `${fact.label}:`, marks: { bold: true }, href: null },
            { kind: 'text', text: ` ${fact.value}`, marks: {}, href: null },
          ],
        },
      ]),
    },
  ];
}

/**
 * Blocks separated by blank lines. Two lists in a row would merge into one, so the second uses the
 * other marker ("*" after "-", ")" after "."), which CommonMark reads as a new list.
 */
function blocksMarkdown(blocks: readonly Block[]): string {
  let previous: Block | undefined;
  let alternate = false;
  const parts = blocks.map((block) => {
    if (block.kind === 'list') {
      alternate = previous?.kind === 'list' && previous.ordered === block.ordered ? !alternate : false;
    }
    previous = block;
    return blockMarkdown(block, alternate);
  });
  return parts.join('\n\n');
}

/** One block as Markdown; nesting is bounded by the model. */
function blockMarkdown(block: Block, alternateMarker = false): string {
  switch (block.kind) {
    case 'paragraph':
      return inlinesMarkdown(block.inlines);
    case 'heading':
      return `${'#'.repeat(Math.min(block.level + 1, 6))} ${inlinesMarkdown(block.inlines)}`;
    case 'list':
      return block.items
        .map((item, index) => {
          const marker = block.ordered
            ? `${block.start + index}${alternateMarker ? ')' : '.'} `
            : alternateMarker
              ? '* '
              : '- ';
          return indentAfterFirst(marker, itemMarkdown(item));
        })
        .join('\n');
    case 'quote':
      return blocksMarkdown(block.blocks)
        .split('\n')
        .map((line) => (line === '' ? '>' : `> ${line}`))
        .join('\n');
    case 'code': {
      const fence = '`'.repeat(Math.max(3, longestRun(block.text, '`') + 1));
      return `${fence}\n${block.text}\n${fence}`;
    }
    case 'rule':
      return '---';
  }
}

/** A list item's blocks; a paragraph with one nested list stays tight (no blank line between them). */
function itemMarkdown(blocks: readonly Block[]): string {
  const [first, ...rest] = blocks;
  const nested = rest[0];
  // Only a bullet list or a list starting at 1 may interrupt a paragraph; any other needs the blank line.
  if (
    first?.kind === 'paragraph' &&
    rest.length === 1 &&
    nested?.kind === 'list' &&
    (!nested.ordered || nested.start === 1)
  ) {
    return `${blockMarkdown(first)}\n${blockMarkdown(nested)}`;
  }
  return blocksMarkdown(blocks);
}

function indentAfterFirst(marker: string, text: string): string {
  const pad = ' '.repeat(marker.length);
  return text
    .split('\n')
    .map((line, index) => (index === 0 ? marker + line : line === '' ? '' : pad + line))
    .join('\n');
}

function inlinesMarkdown(inlines: readonly Inline[]): string {
  let out = '';
  let lineStart = true;
  for (const inline of inlines) {
    if (inline.kind === 'break') {
      out += '\\\n';
      lineStart = true;
      continue;
    }
    out += inlineMarkdown(inline, lineStart);
    lineStart = false;
  }
  return out;
}

function inlineMarkdown(inline: Extract<Inline, { kind: 'text' }>, lineStart: boolean): string {
  const marks: InlineMarks = inline.marks;
  // Emphasis cannot open or close next to a space, so spaces stay outside the delimiters.
  const match = /^(\s*)([\s\S]*?)(\s*)$/.exec(inline.text);
  const [, lead = '', core = '', trail = ''] = match ?? [];
  if (core === '') return lead + trail;
  let text = marks.code ? codeSpan(core) : escapeText(core, lineStart);
  if (marks.strike) text = `~~${text}~~`;
  if (marks.italic) text = `_${text}_`;
  if (marks.bold) text = `**${text}**`;
  if (inline.href) text = `[${text}](${markdownUrl(inline.href)})`;
  return lead + text + trail;
}

function codeSpan(text: string): string {
  const ticks = '`'.repeat(longestRun(text, '`') + 1);
  const pad = text.startsWith('`') || text.endsWith('`') ? ' ' : '';
  return `${ticks}${pad}${text}${pad}${ticks}`;
}

/** Parentheses and spaces would end the link destination early; the URL was already parsed, so the rest is encoded. */
function markdownUrl(href: string): string {
  return href.replace(/[()<> ]/g, (char) => `%${char.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`);
}

function longestRun(text: string, char: string): number {
  let longest = 0;
  let run = 0;
  for (const c of text) {
    run = c === char ? run + 1 : 0;
    longest = Math.max(longest, run);
  }
  return longest;
}

/**
 * Escapes what Markdown would read as markup: emphasis, code, links, HTML, tables, entities, and
 * (at the start of a line) headings, quotes, list markers and rules. Text stays readable.
 */
export function escapeText(text: string, lineStart = true): string {
  let escaped = text.replace(/[\\`*_[\]<>#|~]/g, '\\$&').replace(/&(?=#?[a-z0-9]+;)/gi, '\\&');
  if (lineStart) escaped = escaped.replace(/^(\s*)([-+=])/, '$1\\$2').replace(/^(\s*\d+)([.)])/, '$1\\$2');
  return escaped;
}
