import {
  audienceNamedBy,
  excerpt,
  normaliseRecommendationFields,
  type RecommendationFields,
  readingOrderNumbers,
  sameWords,
} from '@plenary/shared/domain';
import {
  asNode,
  attrsOf,
  type Block,
  childrenOf,
  EXPORT_LIMITS,
  findRecommendations,
  inlineText,
  type JsonNode,
  readBlocks,
} from './documentBlocks';
import { formatDateRange, formatTimestamp, PRIORITY_LABEL, STATUS_LABEL, TIMEFRAME_LABEL } from './exportLabels';
import { cleanText, type Direction, directionOf } from './exportText';

/** A group a recommendation came from (provenance). */
export interface ExportSource {
  groupId: string;
  groupName: string;
}

/** What an export needs besides the document body. */
export interface ExportMetadata {
  workshop: { title: string; venue: string; startsOn: string | null; endsOn: string | null };
  document: { title: string; kind: 'draft' | 'brief' };
  /** The published version's name ("Version 2"), when exporting one. */
  versionName?: string;
  /** The workshop's audiences: the order recommendations are grouped in. */
  audiences: string[];
  /** Limit the export to these audiences, keeping the full document's numbering. */
  edition?: { audiences: string[] };
  generatedAt: Date;
  /** Where recommendations came from; recorded by the server, never read from the document itself. */
  provenance?: {
    /** Sources of each recommendation, by recommendation id (a brief). */
    byRecommendation?: ReadonlyMap<string, readonly ExportSource[]>;
    /** Sources of any recommendation without its own (a group draft: the group itself). */
    fallback?: readonly ExportSource[];
  };
  /** Comment threads for a "Comments" appendix; left out (the default) means no appendix. */
  comments?: readonly ExportCommentSource[];
}

/** A comment thread handed to the export (only when the comments were asked for). */
export interface ExportCommentSource {
  quote: string;
  /** The commented text has been deleted since. */
  onDeletedText: boolean;
  resolved: boolean;
  /** The opening comment, then the replies, oldest first. */
  entries: ReadonlyArray<{ author: string; at: Date; text: string }>;
}

/** A comment thread as every format prints it in the "Comments" appendix. */
export interface ExportComment {
  number: number;
  quote: string;
  dir: Direction;
  /** "Open", "Resolved", with "on deleted text" when the text is gone. */
  status: string;
  entries: Array<{ author: string; when: string; text: string; dir: Direction }>;
}

export interface ExportRecommendation {
  /** 1-based, in the order of the full document, whatever the edition. */
  number: number;
  id: string | null;
  fields: RecommendationFields;
  statement: Block[];
  /** No statement yet: shown flagged, never dropped. */
  empty: boolean;
  sources: readonly ExportSource[];
  /** Labelled field values to print, in order; unset fields are left out, the status never. */
  facts: Array<{ label: string; value: string }>;
}

/** One appearance of a recommendation under an audience. */
export interface RecommendationEntry {
  recommendation: ExportRecommendation;
  /** "Recommendation 3 — Judiciary" */
  heading: string;
  anchor: string;
  dir: Direction;
}

export interface AudienceSection {
  /** null: recommendations that name no audience. */
  audience: string | null;
  title: string;
  anchor: string;
  dir: Direction;
  entries: RecommendationEntry[];
  /** The rapporteurs' own text under this audience's heading in the document (an introduction, a note). */
  notes: Block[];
  /**
   * Recommendations for this audience too that another section prints in full (the one of their
   * first audience): named and linked here, not printed again (a recommendation for three
   * audiences read three times).
   */
  alsoListed: { label: string; recommendations: Array<{ text: string; anchor: string }> } | null;
}

export interface AnnexGroup {
  source: ExportSource;
  dir: Direction;
  recommendations: Array<{ number: number; anchor: string }>;
}

export interface TocEntry {
  title: string;
  anchor: string;
  dir: Direction;
}

/** Everything every format prints, decided once: the renderers only lay it out. */
export interface ExportModel {
  titlePage: {
    kindLabel: string;
    title: string;
    workshopTitle: string;
    venue: string;
    dates: string | null;
    versionName: string | null;
    editionNote: string | null;
    generated: string;
  };
  /**
   * Printed at the foot of every page but the title page (PDF, DOCX): the title, and for an
   * audience edition which one, so a printed page that strays from its pile says where it belongs.
   */
  runningFooter: string;
  /** "Contents" entries: the top-level sections. */
  toc: TocEntry[];
  executiveSummary: { anchor: string; blocks: Block[] } | null;
  /**
   * The document's own text before its recommendations, without them; top-level headings are
   * level 1. Text between recommendations goes with them (`notes` under an audience's heading,
   * else here, just before them).
   */
  body: Block[];
  recommendationSections: AudienceSection[];
  /** The document's own text after its last recommendation ("Next steps"), printed after them. */
  closing: Block[];
  annex: {
    anchor: string;
    title: string;
    intro: string;
    /** The table's column headings: a group, and the numbers of the recommendations it contributed. */
    columns: { group: string; numbers: string };
    groups: AnnexGroup[];
    unattributed: number[];
  } | null;
  /** The comments appendix, only when comments were asked for. */
  comments: { anchor: string; title: string; threads: ExportComment[] } | null;
  /** Every recommendation of the full document, by number. */
  recommendationCount: number;
  /** Audiences the document's recommendations name, in order of first use. */
  audiencesInDocument: string[];
  edition: { audiences: string[] } | null;
}

/**
 * Builds the export model from a document body (ProseMirror JSON, possibly malformed: it may come
 * from a raw Yjs update) and its metadata. Tolerates anything; never recurses without bound.
 */
export function buildExportModel(doc: unknown, meta: ExportMetadata): ExportModel {
  const root = asNode(doc) ?? {};
  const recommendationNodes = findRecommendations(root);
  const inDocumentOrder = recommendationNodes.map((node, index) => toRecommendation(node, index + 1, meta));
  // A brief reads by audience, then priority, then the rapporteurs' own order; its numbers follow
  // that reading order (recomputed here, never stored). A group draft keeps its document order.
  const byPriority = meta.document.kind === 'brief';
  const recommendations = byPriority ? renumberForReading(inDocumentOrder, meta.audiences) : inDocumentOrder;

  const recommendationSet = new Set(recommendationNodes);
  const edition = normaliseEdition(meta.edition);
  const known = meta.audiences.map((audience) => cleanText(audience).trim());
  // Audiences in document order, as the numbering meets them: the order of sections too.
  const usedInDocumentOrder = [...new Set(inDocumentOrder.flatMap((r) => r.fields.audiences))];
  const filed = fileUnderAudiences(childrenOf(root), recommendationSet, edition?.audiences ?? usedInDocumentOrder);
  const notes = new Map<string, Block[]>();
  // Notes keep the heading levels under their audience: one level below the section's heading.
  for (const [audience, nodes] of filed.notes) {
    notes.set(audience, shiftHeadings(pruneEmptySections(readBlocks(nodes, recommendationSet)), 2));
  }
  const parts = splitAroundRecommendations(filed.rest, recommendationSet);
  let before = parts.before;
  const title = cleanText(meta.document.title).trim();
  const first = before[0];
  if (first?.kind === 'heading' && first.level === 1 && sameWords(inlineText(first.inlines), title))
    before = before.slice(1);

  let executiveSummary: ExportModel['executiveSummary'] = null;
  let after = parts.after;
  if (meta.document.kind === 'brief') {
    const split = splitExecutiveSummary(before);
    before = split.rest;
    if (split.summary.length > 0) executiveSummary = { anchor: 'executive-summary', blocks: split.summary };
    else {
      const late = splitExecutiveSummary(after);
      after = late.rest;
      if (late.summary.length > 0) executiveSummary = { anchor: 'executive-summary', blocks: late.summary };
    }
  }
  // One heading scale for the text before and after the recommendations, as in the document.
  const afterBlocks = new Set(after);
  const kept = pruneEmptySections([...before, ...parts.between, ...after]);
  const boundary = kept.findIndex((block) => afterBlocks.has(block));
  const ownText = shiftHeadings(kept, 1);
  const body = boundary === -1 ? ownText : ownText.slice(0, boundary);
  const closing = boundary === -1 ? [] : ownText.slice(boundary);
  let sectionNumber = 0;
  for (const block of ownText) if (block.kind === 'heading') block.anchor = `section-${++sectionNumber}`;

  const recommendationSections = groupByAudience(
    recommendations,
    known,
    edition,
    byPriority,
    notes,
    usedInDocumentOrder,
  );
  const annex = buildAnnex(recommendationSections, meta.document.kind);

  const toc: TocEntry[] = [];
  if (executiveSummary) toc.push({ title: 'Executive summary', anchor: executiveSummary.anchor, dir: 'ltr' });
  const headingsOf = (blocks: Block[]) => {
    for (const block of blocks) {
      if (block.kind === 'heading' && block.level === 1) {
        toc.push({ title: inlineText(block.inlines), anchor: block.anchor, dir: block.dir });
      }
    }
  };
  headingsOf(body);
  for (const section of recommendationSections) {
    toc.push({ title: section.title, anchor: section.anchor, dir: section.dir });
  }
  headingsOf(closing);
  if (annex) toc.push({ title: annex.title, anchor: annex.anchor, dir: 'ltr' });
  const comments = meta.comments ? buildComments(meta.comments) : null;
  if (comments) toc.push({ title: comments.title, anchor: comments.anchor, dir: 'ltr' });

  const kindWord = meta.document.kind === 'brief' ? 'brief' : 'draft';
  return {
    titlePage: {
      kindLabel: meta.document.kind === 'brief' ? 'Policy brief' : 'Group draft',
      title: title || 'Untitled',
      workshopTitle: cleanText(meta.workshop.title).trim(),
      venue: cleanText(meta.workshop.venue).trim(),
      dates: formatDateRange(meta.workshop.startsOn, meta.workshop.endsOn),
      // A brief exported from its live text, not from a publication, says so: nobody should take
      // a working copy for the brief the rapporteurs published.
      versionName:
        cleanText(meta.versionName ?? '').trim() ||
        (meta.document.kind === 'brief' ? 'Working copy, not a published version' : null),
      editionNote: edition
        ? `Audience edition: ${edition.audiences.join(', ')}. Numbering follows the full ${kindWord}.`
        : null,
      generated: formatTimestamp(meta.generatedAt),
    },
    runningFooter: [title || 'Untitled', edition && `Edition for ${edition.audiences.join(', ')}`]
      .filter(Boolean)
      .join(' · '),
    toc,
    executiveSummary,
    body,
    recommendationSections,
    closing,
    annex,
    comments,
    recommendationCount: recommendations.length,
    audiencesInDocument: [...new Set(recommendations.flatMap((recommendation) => recommendation.fields.audiences))],
    edition,
  };
}

function toRecommendation(node: JsonNode, number: number, meta: ExportMetadata): ExportRecommendation {
  const raw = normaliseRecommendationFields(attrsOf(node));
  const fields: RecommendationFields = {
    ...raw,
    audiences: [...new Set(raw.audiences.map((audience) => cleanText(audience).trim()).filter(Boolean))],
    responsibleBody: cleanText(raw.responsibleBody).trim(),
    legalReference: cleanText(raw.legalReference).trim(),
  };
  // A recommendation inside a recommendation is part of its statement, as extraction reads it.
  const statement = readBlocks(childrenOf(node));
  const sources =
    (fields.id ? meta.provenance?.byRecommendation?.get(fields.id) : undefined) ?? meta.provenance?.fallback ?? [];
  const cleanSources = sources
    .map((source) => ({ groupId: cleanText(source.groupId), groupName: cleanText(source.groupName).trim() }))
    .filter((source) => source.groupId !== '');
  const facts: ExportRecommendation['facts'] = [];
  if (fields.priority) facts.push({ label: 'Priority', value: PRIORITY_LABEL[fields.priority] });
  if (fields.responsibleBody) facts.push({ label: 'Responsible body', value: fields.responsibleBody });
  if (fields.timeframe) facts.push({ label: 'Timeframe', value: TIMEFRAME_LABEL[fields.timeframe] });
  if (fields.legalReference) facts.push({ label: 'Legal reference', value: fields.legalReference });
  // In a brief, "Draft" (the default nobody changed) reads to a minister as "unfinished": only a
  // status a working group set (agreed, contested) is printed there. A group's draft shows all.
  if (meta.document.kind !== 'brief' || fields.status !== 'draft') {
    facts.push({ label: 'Status', value: STATUS_LABEL[fields.status] });
  }
  if (fields.audiences.length > 0) facts.push({ label: 'Audiences', value: fields.audiences.join(', ') });
  if (cleanSources.length > 0) {
    facts.push({
      label: cleanSources.length > 1 ? 'Sources' : 'Source',
      value: cleanSources.map((source) => source.groupName || 'Unnamed group').join(', '),
    });
  }
  return {
    number,
    id: fields.id,
    fields,
    statement,
    empty: statement.every((block) => block.kind === 'rule'),
    sources: cleanSources,
    facts,
  };
}

/**
 * The document's top-level blocks read in three parts: before its first recommendation, from there
 * to its last one (the headings and notes among them), and after it. Without recommendations, all
 * of it is "before".
 */
/** Whether a top-level node is, or contains, one of the recommendations. */
function holdsRecommendation(child: unknown, recommendations: ReadonlySet<JsonNode>): boolean {
  const node = asNode(child);
  return node !== null && (recommendations.has(node) || findRecommendations({ content: [node] }).length > 0);
}

function splitAroundRecommendations(
  children: readonly unknown[],
  recommendations: ReadonlySet<JsonNode>,
): { before: Block[]; between: Block[]; after: Block[] } {
  const holds = children.map((child) => holdsRecommendation(child, recommendations));
  const first = holds.indexOf(true);
  if (first === -1) return { before: readBlocks(children, recommendations), between: [], after: [] };
  const last = holds.lastIndexOf(true);
  return {
    before: readBlocks(children.slice(0, first), recommendations),
    between: readBlocks(children.slice(first, last + 1), recommendations),
    after: readBlocks(children.slice(last + 1), recommendations),
  };
}

/**
 * A heading named after an audience ("Judiciary") whose section holds recommendations is where
 * the brief files that audience's recommendations: the rest of its section (until the next
 * heading as high) is printed at the top of that audience's section, whose own heading replaces
 * it. A heading with such a name anywhere else (a "Judiciary" paragraph under "Background") is
 * the rapporteurs' own structure and stays where it is, as does a filing for an audience that
 * gets no section (`audiences` are those that do).
 */
function fileUnderAudiences(
  children: readonly unknown[],
  recommendations: ReadonlySet<JsonNode>,
  audiences: readonly string[],
): { notes: Map<string, unknown[]>; rest: unknown[] } {
  const holds = children.map((child) => holdsRecommendation(child, recommendations));
  const headingOf = (child: unknown) => {
    if (asNode(child)?.type !== 'heading') return null;
    const [block] = readBlocks([child]);
    return block?.kind === 'heading' ? block : null;
  };
  const notes = new Map<string, unknown[]>();
  const rest: unknown[] = [];
  for (let i = 0; i < children.length; i++) {
    const heading = headingOf(children[i]);
    const text = heading ? inlineText(heading.inlines) : '';
    const audience = heading ? audienceNamedBy(text, audiences) : undefined;
    if (!heading || audience === undefined) {
      rest.push(children[i]);
      continue;
    }
    let end = i + 1;
    while (end < children.length && !((headingOf(children[end])?.level ?? Number.POSITIVE_INFINITY) <= heading.level))
      end++;
    if (!holds.slice(i + 1, end).includes(true)) {
      rest.push(children[i]);
      continue;
    }
    const filedNotes = notes.get(audience) ?? [];
    notes.set(audience, filedNotes);
    for (let k = i + 1; k < end; k++) {
      if (holds[k]) rest.push(children[k]);
      else filedNotes.push(children[k]);
    }
    i = end - 1;
  }
  return { notes, rest };
}

const EXECUTIVE_SUMMARY = 'executive summary';

/** The section under the first "Executive summary" heading (until a heading as high), and everything else. */
function splitExecutiveSummary(blocks: Block[]): { summary: Block[]; rest: Block[] } {
  const start = blocks.findIndex(
    (block) => block.kind === 'heading' && sameWords(inlineText(block.inlines), EXECUTIVE_SUMMARY),
  );
  const heading = blocks[start];
  if (heading?.kind !== 'heading') return { summary: [], rest: blocks };
  let end = start + 1;
  while (end < blocks.length) {
    const block = blocks[end];
    if (block?.kind === 'heading' && block.level <= heading.level) break;
    end++;
  }
  const summary = shiftHeadings(pruneEmptySections(blocks.slice(start + 1, end)), 2);
  return { summary, rest: [...blocks.slice(0, start), ...blocks.slice(end)] };
}

/**
 * Drops headings whose section ends up with nothing in it (a template's "Recommendations" heading
 * once its recommendations moved to the grouped section, or an empty "Key issues").
 */
function pruneEmptySections(blocks: Block[]): Block[] {
  const keep = new Array<boolean>(blocks.length).fill(true);
  // hasContent[level]: something kept lies between here and the next heading of that level or higher.
  const hasContent = new Array<boolean>(8).fill(false);
  for (let i = blocks.length - 1; i >= 0; i--) {
    const block = blocks[i];
    if (!block) continue;
    if (block.kind !== 'heading') {
      hasContent.fill(true);
      continue;
    }
    const kept = hasContent[block.level] === true;
    keep[i] = kept;
    for (let level = block.level; level < hasContent.length; level++) hasContent[level] = false;
    if (kept) for (let level = 1; level < block.level; level++) hasContent[level] = true;
  }
  return blocks.filter((_, i) => keep[i]);
}

/** Renumbers top-level headings so the highest becomes `top`, capped at the deepest level every format has. */
function shiftHeadings(blocks: Block[], top: number): Block[] {
  const levels = blocks.flatMap((block) => (block.kind === 'heading' ? [block.level] : []));
  if (levels.length === 0) return blocks;
  const shift = Math.min(...levels) - top;
  return blocks.map((block) =>
    block.kind === 'heading'
      ? { ...block, level: Math.min(Math.max(block.level - shift, top), EXPORT_LIMITS.maxHeadingLevel) }
      : block,
  );
}

function normaliseEdition(edition: ExportMetadata['edition']): ExportModel['edition'] {
  if (!edition) return null;
  const audiences = [...new Set(edition.audiences.map((audience) => cleanText(audience).trim()).filter(Boolean))];
  return audiences.length > 0 ? { audiences } : null;
}

const PRIORITY_RANK: Record<string, number> = { high: 0, medium: 1, low: 2 };
const priorityRank = (r: ExportRecommendation) => PRIORITY_RANK[r.fields.priority ?? ''] ?? 3;

/** A brief's recommendations renumbered in reading order (shared `readingOrderNumbers`), sorted by it. */
function renumberForReading(recommendations: ExportRecommendation[], workshopAudiences: readonly string[]) {
  const numbers = readingOrderNumbers(
    recommendations.map((r) => r.fields),
    workshopAudiences.map((audience) => cleanText(audience).trim()),
  );
  return recommendations
    .map((recommendation, index) => ({ ...recommendation, number: numbers[index] ?? recommendation.number }))
    .sort((a, b) => a.number - b.number);
}

function groupByAudience(
  recommendations: ExportRecommendation[],
  workshopAudiences: readonly string[],
  edition: ExportModel['edition'],
  byPriority = false,
  notes: ReadonlyMap<string, Block[]> = new Map(),
  /** The audiences the recommendations name, in document order: extra sections follow it, as the numbers do. */
  used: readonly string[] = [...new Set(recommendations.flatMap((r) => r.fields.audiences))],
): AudienceSection[] {
  const known = workshopAudiences.map((audience) => cleanText(audience).trim());
  let order: Array<string | null>;
  if (edition) {
    // The workshop's order first, then any others in the order asked for; shown even when empty.
    order = [
      ...known.filter((audience) => edition.audiences.includes(audience)),
      ...edition.audiences.filter((audience) => !known.includes(audience)),
    ];
  } else {
    order = [
      ...known.filter((audience) => used.includes(audience)),
      ...used.filter((audience) => !known.includes(audience)),
    ];
    if (recommendations.some((recommendation) => recommendation.fields.audiences.length === 0)) order.push(null);
  }
  // The whole document prints each recommendation once, under its own first audience (as the
  // rapporteurs filed it), and names it in the sections of its other audiences. An edition is
  // read on its own, so it prints in full everything for its audiences, in the full document's
  // order (its numbers rising).
  const home = (recommendation: ExportRecommendation) => {
    if (recommendation.fields.audiences.length === 0) return order.indexOf(null);
    const index = recommendation.fields.audiences.map((audience) => order.indexOf(audience)).find((i) => i !== -1);
    return index ?? -1;
  };
  const entryAnchor = (recommendation: ExportRecommendation, index: number) =>
    `rec-${recommendation.number}-${index + 1}`;
  return order.map((audience, index) => {
    const anchor = `recommendations-${index + 1}`;
    const members = recommendations.filter((recommendation) =>
      audience === null
        ? recommendation.fields.audiences.length === 0
        : recommendation.fields.audiences.includes(audience),
    );
    if (edition) members.sort((a, b) => a.number - b.number);
    else if (byPriority) members.sort((a, b) => priorityRank(a) - priorityRank(b) || a.number - b.number);
    const dir = audience === null ? 'ltr' : (directionOf(audience) ?? 'ltr');
    const entries: RecommendationEntry[] = [];
    const elsewhere: ExportRecommendation[] = [];
    for (const recommendation of members) {
      const homeIndex = home(recommendation);
      if (!edition && homeIndex !== index && homeIndex !== -1) {
        elsewhere.push(recommendation);
        continue;
      }
      entries.push({
        recommendation,
        heading:
          audience === null
            ? `Recommendation ${recommendation.number}`
            : `Recommendation ${recommendation.number} — ${audience}`,
        anchor: entryAnchor(recommendation, index),
        dir,
      });
    }
    elsewhere.sort((a, b) => a.number - b.number);
    return {
      audience,
      title: audience === null ? 'Recommendations without a named audience' : `Recommendations for ${audience}`,
      anchor,
      dir,
      notes: audience === null ? [] : (notes.get(audience) ?? []),
      entries,
      alsoListed:
        elsewhere.length === 0
          ? null
          : {
              label: 'Also for this audience, printed in full under its first audience:',
              recommendations: elsewhere.map((recommendation) => ({
                text: `Recommendation ${recommendation.number}: ${openingWords(recommendation)}`,
                anchor: entryAnchor(recommendation, home(recommendation)),
              })),
            },
    };
  });
}

/** The first words of a recommendation, to name it where it is not printed in full. */
function openingWords(recommendation: ExportRecommendation, count = 8): string {
  const first = recommendation.statement.find((block) => block.kind === 'paragraph' || block.kind === 'heading');
  const text = first && 'inlines' in first ? inlineText(first.inlines) : '';
  return excerpt(text, count) || '(no text)';
}

function buildAnnex(sections: AudienceSection[], kind: ExportMetadata['document']['kind']): ExportModel['annex'] {
  // First appearance of each recommendation: where the annex links to.
  const firstAnchor = new Map<number, { recommendation: ExportRecommendation; anchor: string }>();
  for (const section of sections) {
    for (const entry of section.entries) {
      if (!firstAnchor.has(entry.recommendation.number)) {
        firstAnchor.set(entry.recommendation.number, { recommendation: entry.recommendation, anchor: entry.anchor });
      }
    }
  }
  const included = [...firstAnchor.values()].sort((a, b) => a.recommendation.number - b.recommendation.number);
  const groups = new Map<string, AnnexGroup>();
  const unattributed: number[] = [];
  for (const { recommendation, anchor } of included) {
    if (recommendation.sources.length === 0) unattributed.push(recommendation.number);
    for (const source of recommendation.sources) {
      let group = groups.get(source.groupId);
      if (!group) {
        group = { source, dir: directionOf(source.groupName) ?? 'ltr', recommendations: [] };
        groups.set(source.groupId, group);
      }
      group.recommendations.push({ number: recommendation.number, anchor });
    }
  }
  if (groups.size === 0) return null;
  return {
    anchor: 'annex',
    title: 'Annex: contributing groups',
    intro:
      kind === 'brief'
        ? 'The groups whose drafts these recommendations came from, and the recommendations each contributed.'
        : 'The group that wrote this draft, and its recommendations.',
    // "Recommendations | 2" read as a count; these are numbers, each linked to its recommendation.
    columns: { group: 'Group', numbers: 'Recommendation numbers' },
    // By name (Group 2 before Group 10): the same order in the full brief and in every edition,
    // where an order of first appearance jumbled them.
    groups: [...groups.values()].sort((a, b) =>
      a.source.groupName.localeCompare(b.source.groupName, 'en', { numeric: true }),
    ),
    unattributed,
  };
}

function buildComments(sources: readonly ExportCommentSource[]): NonNullable<ExportModel['comments']> {
  const threads = sources.map((source, index): ExportComment => {
    const quote = cleanText(source.quote).trim();
    const state = source.resolved ? 'Resolved' : 'Open';
    return {
      number: index + 1,
      quote,
      dir: directionOf(quote) ?? 'ltr',
      status: source.onDeletedText ? `${state}, on deleted text` : state,
      entries: source.entries.map((entry) => {
        const text = cleanText(entry.text).trim();
        return {
          author: cleanText(entry.author).trim() || 'Someone',
          when: formatTimestamp(entry.at),
          text,
          dir: directionOf(text) ?? 'ltr',
        };
      }),
    };
  });
  return { anchor: 'comments', title: 'Comments', threads };
}
