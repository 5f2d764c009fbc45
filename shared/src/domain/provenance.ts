import type { JSONContent } from '@tiptap/core';
import {
  COMPARED_FIELDS,
  fieldsWithoutId,
  MAX_LEGAL_REFERENCE_CHARS,
  MAX_RESPONSIBLE_BODY_CHARS,
  normaliseRecommendationFields,
  PRIORITIES,
  type RecommendationFields,
  recommendationFieldChanges,
  TIMEFRAMES,
} from './recommendationFields';
import type { ExtractedRecommendation } from './recommendations';

/** Where a brief's recommendation came from: one group's recommendation, as it was when imported. */
export interface ProvenanceSource {
  groupId: string;
  groupName: string;
  documentId: string;
  recommendationId: string;
  importedAt: string;
  /** The source's content hash, statement and fields at import (or at the last pull). */
  importedHash: string;
  importedText: string;
  importedStatement: JSONContent[];
  importedFields: Omit<RecommendationFields, 'id'>;
  /** The source hash the rapporteur last pulled or dismissed; a different current hash is "changed". */
  acknowledgedHash: string;
  /**
   * The source's statement text and fields as the rapporteur last dealt with them (import, pull or
   * "keep the brief's"): what the group changed is shown from here, so a change already kept is
   * not offered again with the next one.
   */
  acknowledgedText: string;
  acknowledgedFields: Omit<RecommendationFields, 'id'>;
  /** The group removed it and the rapporteurs kept it in the brief: not asked about while it stays removed. */
  removalNoted: boolean;
}

/** The identity of a source recommendation across documents. */
export const sourceKey = (documentId: string, recommendationId: string) => `${documentId}#${recommendationId}`;

const str = (value: unknown): string => (typeof value === 'string' ? value : '');

/** Reads the `sources` attribute from anything (an old client, a crafted update) into valid sources. */
export function normaliseSources(raw: unknown): ProvenanceSource[] {
  if (!Array.isArray(raw)) return [];
  const sources: ProvenanceSource[] = [];
  for (const item of raw) {
    if (!item || typeof item !== 'object') continue;
    const s = item as Record<string, unknown>;
    if (!str(s.groupId) || !str(s.documentId) || !str(s.recommendationId)) continue;
    const fields = fieldsWithoutId(normaliseRecommendationFields(s.importedFields as Record<string, unknown>));
    // Sources recorded before the rapporteur's last decision was kept: as of the import (or last pull).
    const acknowledged = s.acknowledgedFields as Record<string, unknown> | undefined;
    sources.push({
      groupId: str(s.groupId),
      groupName: str(s.groupName),
      documentId: str(s.documentId),
      recommendationId: str(s.recommendationId),
      importedAt: str(s.importedAt),
      importedHash: str(s.importedHash),
      importedText: str(s.importedText),
      importedStatement: Array.isArray(s.importedStatement) ? (s.importedStatement as JSONContent[]) : [],
      importedFields: fields,
      acknowledgedHash: str(s.acknowledgedHash) || str(s.importedHash),
      acknowledgedText: typeof s.acknowledgedText === 'string' ? s.acknowledgedText : str(s.importedText),
      acknowledgedFields:
        acknowledged && typeof acknowledged === 'object'
          ? fieldsWithoutId(normaliseRecommendationFields(acknowledged))
          : fields,
      removalNoted: s.removalNoted === true,
    });
  }
  return sources;
}

/** A source record for `recommendation` of `group`, as of now. */
export function sourceOf(
  recommendation: ExtractedRecommendation,
  group: { id: string; name: string; documentId: string },
  importedAt: string,
): ProvenanceSource {
  const fields = fieldsWithoutId(recommendation.fields);
  return {
    groupId: group.id,
    groupName: group.name,
    documentId: group.documentId,
    recommendationId: recommendation.id ?? '',
    importedAt,
    importedHash: recommendation.contentHash,
    importedText: recommendation.text,
    importedStatement: recommendation.statement,
    importedFields: fields,
    ...acknowledgedAs(recommendation),
    removalNoted: false,
  };
}

/** The acknowledgement of `current`: the rapporteur has dealt with the source as it is now. */
function acknowledgedAs(
  current: ExtractedRecommendation,
): Pick<ProvenanceSource, 'acknowledgedHash' | 'acknowledgedText' | 'acknowledgedFields'> {
  return {
    acknowledgedHash: current.contentHash,
    acknowledgedText: current.text,
    acknowledgedFields: fieldsWithoutId(current.fields),
  };
}

/** The brief's copy of a group recommendation: same statement and fields, a new id, and its provenance. */
export function importedRecommendationNode(source: ProvenanceSource, newId: string): JSONContent {
  return {
    type: 'recommendation',
    attrs: { ...source.importedFields, id: newId, sources: [source], mergedFrom: [] },
    content: source.importedStatement.length > 0 ? source.importedStatement : [{ type: 'paragraph' }],
  };
}

/** The brief recommendation that already holds this source, if any ("already in the brief — go to it"). */
export function findImported(
  brief: ExtractedRecommendation[],
  documentId: string,
  recommendationId: string,
): ExtractedRecommendation | undefined {
  const key = sourceKey(documentId, recommendationId);
  return brief.find((r) => r.sources.some((s) => sourceKey(s.documentId, s.recommendationId) === key));
}

export type SourceStatus = 'unchanged' | 'changed' | 'removed' | 'foreign';

/** One source of one brief recommendation, checked against the groups' current drafts. */
export interface SourceCheck {
  briefRecommendationId: string | null;
  briefNumber: number;
  sourceIndex: number;
  source: ProvenanceSource;
  status: SourceStatus;
  /** The source as it is now (for "changed": what a pull would bring). */
  current: ExtractedRecommendation | null;
  /** A removed source whose removal the rapporteurs noted: it needs nothing more of them. */
  noted: boolean;
}

/**
 * Which imported recommendations changed at source: compares each source's acknowledged hash with
 * the group's current recommendation. A source whose group is not in this workshop is 'foreign'
 * (never resolved); a deleted one 'removed'. No false "changed": hashes ignore ids, endorsements
 * and schema round-trip noise.
 */
export function checkSources(
  brief: ExtractedRecommendation[],
  current: ReadonlyMap<string, ExtractedRecommendation>,
  workshopGroupIds: ReadonlySet<string>,
): SourceCheck[] {
  const checks: SourceCheck[] = [];
  for (const recommendation of brief) {
    recommendation.sources.forEach((source, sourceIndex) => {
      const found = current.get(sourceKey(source.documentId, source.recommendationId)) ?? null;
      const status: SourceStatus = !workshopGroupIds.has(source.groupId)
        ? 'foreign'
        : !found
          ? 'removed'
          : found.contentHash === source.acknowledgedHash
            ? 'unchanged'
            : 'changed';
      checks.push({
        briefRecommendationId: recommendation.id,
        briefNumber: recommendation.number,
        sourceIndex,
        source,
        status,
        current: status === 'foreign' ? null : found,
        noted: status === 'removed' && source.removalNoted,
      });
    });
  }
  return checks;
}

/** A source after the rapporteur pulled the group's current version: it becomes the new base. */
export function pulledSource(source: ProvenanceSource, current: ExtractedRecommendation): ProvenanceSource {
  const fields = fieldsWithoutId(current.fields);
  return {
    ...source,
    importedHash: current.contentHash,
    importedText: current.text,
    importedStatement: current.statement,
    importedFields: fields,
    ...acknowledgedAs(current),
  };
}

/**
 * A pulled recommendation's fields: where the group changed a field since the import (or the last
 * pull), the group's value; everywhere else the brief's own, so a rapporteur's edit to a field the
 * group left alone (a more precise responsible body, say) survives the pull.
 */
export function pulledFields(
  base: Omit<RecommendationFields, 'id'>,
  source: Omit<RecommendationFields, 'id'>,
  brief: Omit<RecommendationFields, 'id'>,
): Omit<RecommendationFields, 'id'> {
  const changedAtSource = new Set(recommendationFieldChanges(base, source).map((change) => change.field));
  const pulled: Omit<RecommendationFields, 'id'> = { ...brief };
  for (const field of COMPARED_FIELDS) {
    if (changedAtSource.has(field)) Object.assign(pulled, { [field]: source[field] });
  }
  return pulled;
}

/** A source after the rapporteur kept the brief's text: quiet until the group changes it again. */
export function dismissedSource(source: ProvenanceSource, current: ExtractedRecommendation): ProvenanceSource {
  return { ...source, ...acknowledgedAs(current) };
}

/** A source the group removed, kept in the brief as the rapporteurs decided: no longer asked about. */
export function removalNoted(source: ProvenanceSource): ProvenanceSource {
  return { ...source, removalNoted: true };
}

/** Where `value` stands in `order`; unset after every value. */
const rankIn = <T extends string>(order: readonly T[], value: T | null) =>
  value === null ? order.length : order.indexOf(value);

/** Where a priority stands: high first, unset last. */
export const priorityRank = (p: RecommendationFields['priority']) => rankIn(PRIORITIES, p);

/** The value of `values` that comes first in `order` (unset last), or null when none is set. */
function earliestIn<T extends string>(order: readonly T[], values: ReadonlyArray<T | null>): T | null {
  return values.reduce<T | null>((best, value) => (rankIn(order, value) < rankIn(order, best) ? value : best), null);
}

/** Every distinct non-empty value, in order, joined with "; " and cut to the field's length. */
const combined = (values: string[], max: number) =>
  [...new Set(values.map((value) => value.trim()).filter((value) => value !== ''))].join('; ').slice(0, max);

/**
 * Merges brief recommendations into one: the rapporteur's statement, every source kept, and
 * fields that leave out no group's: audiences united, the highest priority, the soonest
 * timeframe, every responsible body and reference, and "agreed" (or "contested") only when every
 * original says so, since the merged wording is new. The originals are kept whole in `mergedFrom`
 * so a split restores them exactly.
 */
export function mergeRecommendationNodes(nodes: JSONContent[], statement: JSONContent[], newId: string): JSONContent {
  const all = nodes.map((node) => ({ node, fields: normaliseRecommendationFields(node.attrs) }));
  const first = all[0]?.fields ?? normaliseRecommendationFields({});
  const audiences = [...new Set(all.flatMap((n) => n.fields.audiences))];
  const priority = earliestIn(
    PRIORITIES,
    all.map((n) => n.fields.priority),
  );
  const timeframe = earliestIn(
    TIMEFRAMES,
    all.map((n) => n.fields.timeframe),
  );
  const responsibleBody = combined(
    all.map((n) => n.fields.responsibleBody),
    MAX_RESPONSIBLE_BODY_CHARS,
  );
  const legalReference = combined(
    all.map((n) => n.fields.legalReference),
    MAX_LEGAL_REFERENCE_CHARS,
  );
  const status = all.every((n) => n.fields.status === first.status) ? first.status : 'draft';
  const sources = all.flatMap(({ node }) => normaliseSources(node.attrs?.sources));
  const mergedFrom = all.flatMap(({ node }) => {
    const inner = Array.isArray(node.attrs?.mergedFrom) ? (node.attrs?.mergedFrom as JSONContent[]) : [];
    // Merging a merge keeps the very first originals, so one split goes back to them.
    return inner.length > 0 ? inner : [node];
  });
  return {
    type: 'recommendation',
    attrs: {
      ...first,
      id: newId,
      audiences,
      priority,
      timeframe,
      responsibleBody,
      legalReference,
      status,
      sources,
      mergedFrom,
    },
    content: statement.length > 0 ? statement : [{ type: 'paragraph' }],
  };
}

/** The recommendations a merged one was made from, exactly as they were; [] for an unmerged one. */
export function splitRecommendationNode(node: JSONContent): JSONContent[] {
  const originals = node.attrs?.mergedFrom;
  return Array.isArray(originals) ? (originals as JSONContent[]) : [];
}

/**
 * Reading-order numbers of a brief's recommendations, given in document order: sections by
 * audience (the workshop's order, then others, then none), priority then document order inside
 * each. A recommendation for several audiences is numbered in the section of its own first
 * audience, where the rapporteurs filed it and the exports print it in full (the others only name
 * it). The editor's cards, the exports and the published page all number a brief this way.
 */
export function readingOrderNumbers(
  items: ReadonlyArray<{ audiences: readonly string[]; priority: RecommendationFields['priority'] }>,
  audienceOrder: readonly string[],
): number[] {
  const extra = [...new Set(items.flatMap((item) => item.audiences))].filter((a) => !audienceOrder.includes(a));
  const order: Array<string | null> = [...audienceOrder, ...extra, null];
  const numbers: number[] = new Array(items.length).fill(0);
  let next = 1;
  for (const audience of order) {
    const members = items
      .map((item, index) => ({ item, index }))
      .filter(({ item }) => (item.audiences[0] ?? null) === audience)
      .sort((a, b) => priorityRank(a.item.priority) - priorityRank(b.item.priority) || a.index - b.index);
    for (const { index } of members) numbers[index] = next++;
  }
  return numbers;
}
