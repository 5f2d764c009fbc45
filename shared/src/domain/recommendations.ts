import type { JSONContent } from '@tiptap/core';
import { parseEndorsementKey } from '../protocol/documentId';
import { type RecordedNames, shownName } from './authorship';
import { hashString } from './contentHash';
import { normaliseSources, type ProvenanceSource } from './provenance';
import { normaliseRecommendationFields, type RecommendationFields, STANCES, type Stance } from './recommendationFields';

/** One participant's +1. */
export interface Endorsement {
  participantId: string;
  name: string;
}

/** One organisation's position on a recommendation. */
export interface Position {
  participantId: string;
  name: string;
  organisation: string;
  audience: string | null;
  stance: Stance;
  reason: string;
}

export type StanceTally = Record<Stance, number>;

/** A recommendation as read from a draft or brief. */
export interface ExtractedRecommendation {
  /** Null only for a block no client has given an id yet (a hand-crafted update). */
  id: string | null;
  /** 1-based, in document order; never stored. */
  number: number;
  fields: RecommendationFields;
  /** The statement's rich text (the block's content). */
  statement: JSONContent[];
  /** The statement as plain text (list items as "- " lines). */
  text: string;
  /** Changes when the statement or any field changes, and only then. */
  contentHash: string;
  /** True when the statement has no text: shown flagged, never dropped. */
  empty: boolean;
  endorsements: Endorsement[];
  positions: Position[];
  /** Positions counted per audience ("" for positions that named none). */
  tallyByAudience: Record<string, StanceTally>;
  /** For a brief's recommendation: the group recommendations it came from. */
  sources: ProvenanceSource[];
  /** For a merged recommendation: how many originals a split would restore. */
  mergedCount: number;
}

/** The side data kept beside the body: endorsements and positions keyed `<recommendationId>/<participantId>`. */
export interface RecommendationSideData {
  endorsements?: Iterable<[string, unknown]>;
  positions?: Iterable<[string, unknown]>;
  /** The names the server recorded per participant: shown instead of a name an entry claims. */
  names?: RecordedNames;
}

const RECOMMENDATION = 'recommendation';

/**
 * Reads every recommendation of a document (ProseMirror JSON) with its number, fields, plain text,
 * content hash, endorsements and positions. Tolerates anything: malformed attributes are
 * normalised, unknown nodes are walked through, nested recommendations are found.
 */
export function extractRecommendations(doc: JSONContent, side: RecommendationSideData = {}): ExtractedRecommendation[] {
  const endorsements = groupByRecommendation(side.endorsements, (participantId, value) =>
    withShownName(readEndorsement(participantId, value), side.names),
  );
  const positions = groupByRecommendation(side.positions, (participantId, value) =>
    withShownName(readPosition(participantId, value), side.names),
  );
  const found: ExtractedRecommendation[] = [];
  const visit = (node: JSONContent) => {
    if (node.type === RECOMMENDATION) {
      const fields = normaliseRecommendationFields(node.attrs);
      const statement = Array.isArray(node.content) ? node.content : [];
      const text = plainText(statement).trim();
      const own = fields.id ? (positions.get(fields.id) ?? []) : [];
      found.push({
        id: fields.id,
        number: found.length + 1,
        fields,
        statement,
        text,
        contentHash: recommendationHash(fields, statement),
        empty: text === '',
        endorsements: fields.id ? (endorsements.get(fields.id) ?? []) : [],
        positions: own,
        tallyByAudience: tally(own),
        sources: normaliseSources(node.attrs?.sources),
        mergedCount: Array.isArray(node.attrs?.mergedFrom) ? node.attrs.mergedFrom.length : 0,
      });
      return;
    }
    if (Array.isArray(node.content)) for (const child of node.content) visit(child);
  };
  visit(doc);
  return found;
}

/** The content hash: the statement's structure, text and marks plus every field but the id. */
export function recommendationHash(fields: RecommendationFields, statement: JSONContent[]): string {
  const { id: _id, audiences, ...rest } = fields;
  // Audiences are a set: ticking them in another order is no change.
  return hashString(JSON.stringify([canonical(statement), rest, [...audiences].sort()]));
}

/** What a statement means, without attributes that a schema round-trip fills in. */
function canonical(nodes: JSONContent[]): unknown {
  return nodes.map((node) => {
    if (node.type === 'text') {
      const marks = (node.marks ?? [])
        .map((mark) => (mark.type === 'link' ? `link:${String(mark.attrs?.href ?? '')}` : mark.type))
        .sort();
      return [node.text ?? '', marks];
    }
    const start = node.type === 'orderedList' ? (node.attrs?.start ?? 1) : undefined;
    return [node.type, start, canonical(node.content ?? [])];
  });
}

/** Plain text of rich content: one line per paragraph, "- " before list items. */
export function plainText(nodes: JSONContent[], listDepth = 0): string {
  const lines: string[] = [];
  for (const node of nodes) {
    switch (node.type) {
      case 'text':
        lines.push(node.text ?? '');
        break;
      case 'paragraph':
      case 'heading':
        lines.push(`${inlineText(node.content ?? [])}\n`);
        break;
      case 'bulletList':
      case 'orderedList':
        for (const item of node.content ?? []) {
          const body = plainText(item.content ?? [], listDepth + 1).trim();
          lines.push(`${'  '.repeat(listDepth)}- ${body}\n`);
        }
        break;
      case 'hardBreak':
        lines.push('\n');
        break;
      default:
        lines.push(plainText(node.content ?? [], listDepth));
    }
  }
  return lines.join('');
}

function inlineText(nodes: JSONContent[]): string {
  return nodes
    .map((node) =>
      node.type === 'text' ? (node.text ?? '') : node.type === 'hardBreak' ? '\n' : inlineText(node.content ?? []),
    )
    .join('');
}

function groupByRecommendation<T>(
  entries: Iterable<[string, unknown]> | undefined,
  read: (participantId: string, value: unknown) => T | null,
): Map<string, T[]> {
  const grouped = new Map<string, T[]>();
  if (!entries) return grouped;
  for (const [key, value] of entries) {
    const parsed = parseEndorsementKey(key);
    if (!parsed) continue;
    const item = read(parsed.participantId, value);
    if (!item) continue;
    const { recommendationId } = parsed;
    const list = grouped.get(recommendationId) ?? [];
    list.push(item);
    grouped.set(recommendationId, list);
  }
  for (const list of grouped.values()) list.sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
  return grouped;
}

const asRecord = (value: unknown): Record<string, unknown> | null =>
  value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : null;

function withShownName<T extends { participantId: string; name: string }>(
  entry: T | null,
  names: RecordedNames | undefined,
): T | null {
  return entry && { ...entry, name: shownName(entry.participantId, entry.name, names) };
}

function readEndorsement(participantId: string, value: unknown): Endorsement | null {
  const record = asRecord(value);
  if (!record || !participantId) return null;
  return { participantId, name: typeof record.name === 'string' ? record.name.slice(0, 60) : '' };
}

function readPosition(participantId: string, value: unknown): Position | null {
  const record = asRecord(value);
  if (!record || !participantId) return null;
  const stance = (STANCES as readonly string[]).includes(String(record.stance)) ? (record.stance as Stance) : null;
  if (!stance) return null;
  return {
    participantId,
    name: typeof record.name === 'string' ? record.name.slice(0, 60) : '',
    organisation: typeof record.organisation === 'string' ? record.organisation.slice(0, 120) : '',
    audience: typeof record.audience === 'string' && record.audience !== '' ? record.audience.slice(0, 80) : null,
    stance,
    reason: typeof record.reason === 'string' ? record.reason.slice(0, 200) : '',
  };
}

function tally(positions: Position[]): Record<string, StanceTally> {
  const result: Record<string, StanceTally> = {};
  for (const position of positions) {
    const key = position.audience ?? '';
    result[key] ??= { supports: 0, reservations: 0, opposes: 0 };
    result[key][position.stance] += 1;
  }
  return result;
}
