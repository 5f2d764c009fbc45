import type { BriefStatus, RecommendationItem, SourceChange } from '@plenary/shared/api';
import { describe, expect, it } from 'vitest';
import {
  audienceToName,
  briefEntries,
  entriesBySource,
  filterPool,
  importsByDraft,
  mergeUnits,
  NO_FILTERS,
  originalsOf,
  prefilledStatement,
  sourcesNeedingAttention,
} from './composerModel';

function item(overrides: Partial<RecommendationItem> & Pick<RecommendationItem, 'id'>): RecommendationItem {
  return {
    number: 1,
    groupId: 'g1',
    groupName: 'Group 1',
    documentId: 'draft-1',
    audiences: [],
    priority: null,
    responsibleBody: '',
    timeframe: null,
    legalReference: '',
    status: 'draft',
    text: '',
    contentHash: 'h',
    empty: false,
    endorsementCount: 0,
    endorsedBy: [],
    positions: [],
    tallyByAudience: {},
    ...overrides,
  };
}

function source(overrides: Partial<SourceChange> & Pick<SourceChange, 'recommendationId'>): SourceChange {
  return {
    number: 1,
    sourceIndex: 0,
    groupId: 'g1',
    groupName: 'Group 1',
    sourceDocumentId: 'draft-1',
    sourceRecommendationId: 'r1',
    status: 'unchanged',
    importedText: '',
    currentText: '',
    briefText: '',
    sourceDiff: [],
    briefDiff: [],
    sourceFields: [],
    briefFields: [],
    conflicting: false,
    noted: false,
    groupDeleted: false,
    ...overrides,
  };
}

function status(changes: SourceChange[]): BriefStatus {
  return {
    briefId: 'b1',
    documentId: 'brief-b1',
    changes,
    changedCount: changes.filter((c) => c.status === 'changed').length,
    coverage: { used: 0, total: 0 },
    importedKeys: [],
    positions: [],
  };
}

const police = item({
  id: 'r1',
  number: 1,
  text: 'Set up a joint FIA–police cell in every province.',
  audiences: ['Law enforcement agencies (police, FIA)'],
  priority: 'high',
  status: 'agreed',
  endorsementCount: 1,
});
const courts = item({
  id: 'r2',
  number: 2,
  text: 'Train judges on victim-centred trials.',
  audiences: ['Judiciary'],
  priority: 'medium',
  responsibleBody: 'Judicial academies',
  endorsementCount: 4,
});
const shelters = item({
  id: 's1',
  number: 1,
  groupId: 'g2',
  groupName: 'Group 2',
  documentId: 'draft-2',
  text: 'Fund shelters for survivors.',
  legalReference: 'Prevention of Trafficking in Persons Act, 2018',
  endorsementCount: 4,
});
const all = [police, courts, shelters];
const nothingInBrief = () => false;

describe('filterPool', () => {
  it('puts the most endorsed first, then keeps group and number order among equals', () => {
    expect(filterPool(all, NO_FILTERS, nothingInBrief).map((i) => i.id)).toEqual(['r2', 's1', 'r1']);
  });

  it('filters by group, audience, priority and status, each on its own', () => {
    const ids = (filters: Partial<typeof NO_FILTERS>) =>
      filterPool(all, { ...NO_FILTERS, ...filters }, nothingInBrief).map((i) => i.id);
    expect(ids({ group: 'g2' })).toEqual(['s1']);
    expect(ids({ audience: 'Judiciary' })).toEqual(['r2']);
    expect(ids({ priority: 'high' })).toEqual(['r1']);
    expect(ids({ status: 'agreed' })).toEqual(['r1']);
    expect(ids({ group: 'g1', priority: 'low' })).toEqual([]);
  });

  it('finds text in the statement, the responsible body and the legal reference, ignoring case', () => {
    const ids = (text: string) => filterPool(all, { ...NO_FILTERS, text }, nothingInBrief).map((i) => i.id);
    expect(ids('  JUDGES ')).toEqual(['r2']);
    expect(ids('judicial academies')).toEqual(['r2']);
    expect(ids('act, 2018')).toEqual(['s1']);
  });

  it('separates what is in the brief from what is not yet', () => {
    const inBrief = (i: RecommendationItem) => i.id === 'r1';
    expect(filterPool(all, { ...NO_FILTERS, inBrief: 'yes' }, inBrief).map((i) => i.id)).toEqual(['r1']);
    expect(filterPool(all, { ...NO_FILTERS, inBrief: 'no' }, inBrief).map((i) => i.id)).toEqual(['r2', 's1']);
  });
});

describe('brief entries and merges', () => {
  // r1 (Group 1) and s1 (Group 2) were merged into brief recommendation m1; r2 was imported alone as b2.
  const report = status([
    source({
      recommendationId: 'm1',
      sourceIndex: 1,
      groupName: 'Group 2',
      sourceDocumentId: 'draft-2',
      sourceRecommendationId: 's1',
      briefText: 'Merged text.',
    }),
    source({ recommendationId: 'm1', sourceIndex: 0, sourceRecommendationId: 'r1', briefText: 'Merged text.' }),
    source({ recommendationId: 'b2', sourceRecommendationId: 'r2', briefText: 'Train judges.' }),
  ]);
  const bySource = entriesBySource(briefEntries(report));

  it('groups the report by brief recommendation, sources in their order, and finds each source', () => {
    const merged = briefEntries(report).get('m1');
    expect(merged?.sources.map((s) => s.groupName)).toEqual(['Group 1', 'Group 2']);
    expect(bySource.get('draft-2#s1')?.recommendationId).toBe('m1');
    expect(bySource.get('draft-1#r2')?.recommendationId).toBe('b2');
    expect(bySource.has('draft-1#r9')).toBe(false);
  });

  it('merges a whole merged recommendation once, even when two of its sources are selected', () => {
    const fresh = item({ id: 'r3', number: 3, text: 'A new one.' });
    const units = mergeUnits([police, shelters, fresh], bySource);
    expect(units.map((u) => (u.kind === 'brief' ? u.entry.recommendationId : u.item.id))).toEqual(['m1', 'r3']);
    expect(prefilledStatement(units)).toBe('Merged text.\n\nA new one.');
  });

  it('cannot merge what is already one recommendation', () => {
    expect(mergeUnits([police, shelters], bySource)).toHaveLength(1);
  });

  it("shows every group's original with its own reactions, never summed", () => {
    const units = mergeUnits([police, courts], bySource);
    const originals = originalsOf(units, all, report);
    expect(originals.map((o) => [o.groupName, o.text, o.endorsementCount])).toEqual([
      ['Group 1', police.text, 1],
      ['Group 2', shelters.text, 4],
      ['Group 1', courts.text, 4],
    ]);
  });

  it('still shows a removed source, with the wording it had', () => {
    const gone = status([
      source({
        recommendationId: 'b9',
        status: 'removed',
        sourceRecommendationId: 'old',
        importedText: 'Old words.',
        currentText: null,
      }),
    ]);
    const units = mergeUnits([item({ id: 'old' })], entriesBySource(briefEntries(gone)));
    expect(originalsOf(units, [], gone)).toEqual([
      expect.objectContaining({ groupName: 'Group 1', text: 'Old words.', removed: true, endorsementCount: 0 }),
    ]);
  });
});

describe('importsByDraft', () => {
  it('makes one request per draft, each id once, skipping recommendations without an id', () => {
    expect(importsByDraft([police, shelters, courts, police, item({ id: null })])).toEqual([
      { documentId: 'draft-1', ids: ['r1', 'r2'] },
      { documentId: 'draft-2', ids: ['s1'] },
    ]);
  });
});

describe('sourcesNeedingAttention', () => {
  it('lists changed sources first, then removed ones, and leaves out the unchanged and the removals noted', () => {
    const changes = [
      source({ recommendationId: 'a', number: 1, status: 'removed' }),
      source({ recommendationId: 'b', number: 2, status: 'unchanged' }),
      source({ recommendationId: 'c', number: 3, status: 'changed' }),
      source({ recommendationId: 'd', number: 4, status: 'removed', noted: true }),
    ];
    expect(sourcesNeedingAttention(changes).map((c) => c.recommendationId)).toEqual(['c', 'a']);
  });
});

describe('audienceToName', () => {
  it('names the focus audience after a group once, not when the group is named after it', () => {
    expect(audienceToName('Group 1', 'Parliamentarians')).toBe('Parliamentarians');
    expect(audienceToName('Group 1 — Parliamentarians', 'Parliamentarians')).toBeNull();
    expect(audienceToName('Group 1', null)).toBeNull();
    // Named after the audience without its parenthesis, as the demo's groups are.
    expect(audienceToName('Group 3 — Law enforcement agencies', 'Law enforcement agencies (police, FIA)')).toBeNull();
    expect(audienceToName('Group 3', 'Law enforcement agencies (police, FIA)')).toBe(
      'Law enforcement agencies (police, FIA)',
    );
  });
});
