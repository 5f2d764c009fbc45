import type { BriefStatus, RecommendationItem, SourceChange } from '@plenary/shared/api';
import { type Priority, type RecommendationStatus, STANCES, type StanceTally, sourceKey } from '@plenary/shared/domain';

/** The composer's filters; an empty string means "any". */
export interface PoolFilters {
  group: string;
  audience: string;
  priority: Priority | '';
  status: RecommendationStatus | '';
  /** Whether the recommendation is in this brief yet. */
  inBrief: '' | 'yes' | 'no';
  text: string;
}

export const NO_FILTERS: PoolFilters = { group: '', audience: '', priority: '', status: '', inBrief: '', text: '' };

/** The identity of a group recommendation across documents; null for one without an id yet. */
export const itemKey = (item: Pick<RecommendationItem, 'documentId' | 'id'>): string | null =>
  item.id === null ? null : sourceKey(item.documentId, item.id);

/**
 * The recommendations to show: filtered as the server's list filters (text matches the statement,
 * responsible body and legal reference), most endorsed first, then by group and number so the
 * order is stable while endorsements stay equal.
 */
export function filterPool(
  items: readonly RecommendationItem[],
  filters: PoolFilters,
  inBrief: (item: RecommendationItem) => boolean,
): RecommendationItem[] {
  const needle = filters.text.trim().toLocaleLowerCase();
  const groupOrder = new Map<string, number>();
  for (const item of items) if (!groupOrder.has(item.groupId)) groupOrder.set(item.groupId, groupOrder.size);
  return items
    .filter((item) => {
      if (filters.group && item.groupId !== filters.group) return false;
      if (filters.audience && !item.audiences.includes(filters.audience)) return false;
      if (filters.priority && item.priority !== filters.priority) return false;
      if (filters.status && item.status !== filters.status) return false;
      if (filters.inBrief && inBrief(item) !== (filters.inBrief === 'yes')) return false;
      if (needle) {
        const haystack = `${item.text}\n${item.responsibleBody}\n${item.legalReference}`.toLocaleLowerCase();
        if (!haystack.includes(needle)) return false;
      }
      return true;
    })
    .sort(
      (a, b) =>
        b.endorsementCount - a.endorsementCount ||
        (groupOrder.get(a.groupId) ?? 0) - (groupOrder.get(b.groupId) ?? 0) ||
        a.number - b.number,
    );
}

/** One recommendation of the brief, with every group recommendation it holds (one, or several once merged). */
export interface BriefEntry {
  recommendationId: string;
  sources: SourceChange[];
}

/** The brief's recommendations by id, from the status report (which lists one row per source). */
export function briefEntries(status: BriefStatus | null): Map<string, BriefEntry> {
  const entries = new Map<string, BriefEntry>();
  for (const change of status?.changes ?? []) {
    if (change.recommendationId === null) continue;
    const entry = entries.get(change.recommendationId) ?? { recommendationId: change.recommendationId, sources: [] };
    entry.sources.push(change);
    entries.set(change.recommendationId, entry);
  }
  for (const entry of entries.values()) entry.sources.sort((a, b) => a.sourceIndex - b.sourceIndex);
  return entries;
}

/** Which brief recommendation holds each group recommendation (`<documentId>#<recommendationId>`). */
export function entriesBySource(entries: ReadonlyMap<string, BriefEntry>): Map<string, BriefEntry> {
  const bySource = new Map<string, BriefEntry>();
  for (const entry of entries.values()) {
    for (const source of entry.sources) {
      bySource.set(sourceKey(source.sourceDocumentId, source.sourceRecommendationId), entry);
    }
  }
  return bySource;
}

/** The group names of a merged recommendation's sources, each once, in source order. */
export function sourceGroupNames(entry: BriefEntry): string[] {
  return [...new Set(entry.sources.map((source) => source.groupName))];
}

/** What a merge takes in: a recommendation already in the brief, or a group's that is imported first. */
export type MergeUnit = { kind: 'brief'; entry: BriefEntry; text: string } | { kind: 'new'; item: RecommendationItem };

/**
 * The units a merge of the selected group recommendations combines. Two selected sources that
 * already share one brief recommendation are one unit; a selected source that sits in a merged
 * recommendation brings that whole recommendation (all of its sources) into the merge.
 */
export function mergeUnits(
  selected: readonly RecommendationItem[],
  bySource: ReadonlyMap<string, BriefEntry>,
): MergeUnit[] {
  const units: MergeUnit[] = [];
  const seen = new Set<string>();
  for (const item of selected) {
    const key = itemKey(item);
    if (key === null) continue;
    const entry = bySource.get(key);
    if (entry) {
      if (seen.has(entry.recommendationId)) continue;
      seen.add(entry.recommendationId);
      units.push({ kind: 'brief', entry, text: entry.sources[0]?.briefText ?? '' });
    } else if (!seen.has(key)) {
      seen.add(key);
      units.push({ kind: 'new', item });
    }
  }
  return units;
}

/** The merged wording to start from: each unit's text, as separate paragraphs. */
export function prefilledStatement(units: readonly MergeUnit[]): string {
  return units
    .map((unit) => (unit.kind === 'brief' ? unit.text : unit.item.text).trim())
    .filter((text) => text !== '')
    .join('\n\n');
}

/** One group's original as the merge dialog shows it: its own wording and its own reactions. */
export interface OriginalView {
  key: string;
  groupName: string;
  text: string;
  endorsementCount: number;
  stances: StanceTally;
  /** The group deleted it since it was imported; the wording shown is the imported one. */
  removed: boolean;
}

/** Counts positions by stance. */
export function tallyStances(positions: ReadonlyArray<{ stance: keyof StanceTally }>): StanceTally {
  const tally = Object.fromEntries(STANCES.map((stance) => [stance, 0])) as StanceTally;
  for (const position of positions) tally[position.stance] += 1;
  return tally;
}

/**
 * Every group original a merge would combine, one per source — reactions are shown per source,
 * never added up across groups.
 */
export function originalsOf(
  units: readonly MergeUnit[],
  items: readonly RecommendationItem[],
  status: BriefStatus | null,
): OriginalView[] {
  const byKey = new Map<string, RecommendationItem>();
  for (const item of items) {
    const key = itemKey(item);
    if (key !== null) byKey.set(key, item);
  }
  const originals: OriginalView[] = [];
  for (const unit of units) {
    if (unit.kind === 'new') {
      originals.push(fromItem(unit.item, itemKey(unit.item) ?? ''));
      continue;
    }
    for (const source of unit.entry.sources) {
      const key = sourceKey(source.sourceDocumentId, source.sourceRecommendationId);
      const item = byKey.get(key);
      if (item) {
        originals.push(fromItem(item, key));
        continue;
      }
      const reactions = status?.positions.find(
        (p) => p.recommendationId === source.recommendationId && p.sourceIndex === source.sourceIndex,
      );
      originals.push({
        key,
        groupName: source.groupName,
        text: source.currentText ?? source.importedText,
        endorsementCount: reactions?.endorsementCount ?? 0,
        stances: { ...tallyStances([]), ...reactions?.stances },
        removed: source.status === 'removed',
      });
    }
  }
  return originals;
}

function fromItem(item: RecommendationItem, key: string): OriginalView {
  return {
    key,
    groupName: item.groupName,
    text: item.text,
    endorsementCount: item.endorsementCount,
    stances: tallyStances(item.positions),
    removed: false,
  };
}

/** Group recommendations to import, one request per group draft (the import endpoint takes one draft). */
export function importsByDraft(items: readonly RecommendationItem[]): Array<{ documentId: string; ids: string[] }> {
  const byDraft = new Map<string, string[]>();
  for (const item of items) {
    if (item.id === null) continue;
    const ids = byDraft.get(item.documentId) ?? [];
    if (!ids.includes(item.id)) ids.push(item.id);
    byDraft.set(item.documentId, ids);
  }
  return [...byDraft].map(([documentId, ids]) => ({ documentId, ids }));
}

/** The sources that need the rapporteur's eye: changed first, then removed ones, in brief order. */
export function sourcesNeedingAttention(changes: readonly SourceChange[]): SourceChange[] {
  const rank = { changed: 0, removed: 1, foreign: 1, unchanged: 2 } as const;
  return changes
    .filter((change) => change.status !== 'unchanged' && !change.noted)
    .sort((a, b) => rank[a.status] - rank[b.status] || a.number - b.number || a.sourceIndex - b.sourceIndex);
}

/**
 * The focus audience to name after a group in "from Group 1 — Parliamentarians", or null when the
 * group's own name says it already (a group called "Group 1 — Parliamentarians").
 */
export function audienceToName(groupName: string, focusAudience: string | null): string | null {
  if (focusAudience === null) return null;
  // "Group 3 — Law enforcement agencies" names "Law enforcement agencies (police, FIA)" already.
  const shortName = focusAudience.replace(/\s*\([^)]*\)\s*$/, '');
  const name = groupName.toLocaleLowerCase();
  return [focusAudience, shortName].some((form) => form !== '' && name.includes(form.toLocaleLowerCase()))
    ? null
    : focusAudience;
}
