import type { JSONContent } from '@tiptap/core';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { extractRecommendationsFromYDoc } from '../schema/recommendationsFromYDoc';
import { proseMirrorJsonToUpdate, readProseMirrorJson, writeProseMirrorJson } from '../schema/yjsConversion';
import {
  checkSources,
  dismissedSource,
  importedRecommendationNode,
  mergeRecommendationNodes,
  pulledFields,
  pulledSource,
  readingOrderNumbers,
  sourceKey,
  sourceOf,
  splitRecommendationNode,
} from './provenance';
import { type ExtractedRecommendation, extractRecommendations } from './recommendations';

const p = (text: string): JSONContent => ({ type: 'paragraph', content: [{ type: 'text', text }] });
const rec = (id: string, text: string, attrs: Record<string, unknown> = {}): JSONContent => ({
  type: 'recommendation',
  attrs: { id, ...attrs },
  content: [p(text)],
});
const doc = (...content: JSONContent[]): JSONContent => ({ type: 'doc', content });

const GROUP2 = { id: 'g2', name: 'Group 2 — Law enforcement', documentId: 'draft-g2' };
const GROUP4 = { id: 'g4', name: 'Group 4 — Judiciary', documentId: 'draft-g4' };

/** A group draft as a live Y.Doc, so edits go through Yjs like a member's would. */
function groupDraft(...content: JSONContent[]) {
  const ydoc = new Y.Doc();
  Y.applyUpdate(ydoc, proseMirrorJsonToUpdate(doc(...content)));
  return {
    ydoc,
    recommendations: () => extractRecommendationsFromYDoc(ydoc),
    edit(change: (json: JSONContent) => JSONContent) {
      writeProseMirrorJson(ydoc, change(readProseMirrorJson(ydoc)));
    },
  };
}

const currentMap = (...lists: Array<{ documentId: string; recs: ExtractedRecommendation[] }>) =>
  new Map(lists.flatMap(({ documentId, recs }) => recs.map((r) => [sourceKey(documentId, r.id ?? ''), r] as const)));

function importInto(source: ExtractedRecommendation, group: typeof GROUP2, id: string): JSONContent {
  return importedRecommendationNode(sourceOf(source, group, '2025-02-27T15:00:00Z'), id);
}

describe('provenance', () => {
  it('records the source group, recommendation and content at import', () => {
    const draft = groupDraft(
      rec('s1', 'Joint FIA–police desks in every province.', { priority: 'high', audiences: ['Law enforcement'] }),
    );
    const [source] = draft.recommendations();
    const node = importInto(source as ExtractedRecommendation, GROUP2, 'b1');
    const [imported] = extractRecommendations(doc(node));
    expect(imported?.id).toBe('b1');
    expect(imported?.text).toBe('Joint FIA–police desks in every province.');
    expect(imported?.fields.priority).toBe('high');
    expect(imported?.sources).toEqual([
      expect.objectContaining({
        groupId: 'g2',
        groupName: 'Group 2 — Law enforcement',
        recommendationId: 's1',
        importedText: 'Joint FIA–police desks in every province.',
        acknowledgedHash: source?.contentHash,
      }),
    ]);
  });

  it('reports no change after a no-op edit, and a real change always', () => {
    const draft = groupDraft(rec('s1', 'Fund shelters.', { priority: 'low' }));
    const brief = extractRecommendations(
      doc(importInto(draft.recommendations()[0] as ExtractedRecommendation, GROUP2, 'b1')),
    );
    const statuses = () =>
      checkSources(brief, currentMap({ documentId: 'draft-g2', recs: draft.recommendations() }), new Set(['g2'])).map(
        (c) => c.status,
      );
    // Rewriting the same content (a no-op for the reader) produces Yjs updates but no change.
    draft.edit((json) => json);
    expect(statuses()).toEqual(['unchanged']);
    draft.edit(() => doc(rec('s1', 'Fund shelters in every district.', { priority: 'low' })));
    expect(statuses()).toEqual(['changed']);
    draft.edit(() => doc(rec('s1', 'Fund shelters in every district.', { priority: 'high' })));
    expect(statuses()).toEqual(['changed']);
  });

  it('says "removed" for a deleted source and "foreign" for a group outside the workshop', () => {
    const draft = groupDraft(rec('s1', 'Text'));
    const brief = extractRecommendations(
      doc(importInto(draft.recommendations()[0] as ExtractedRecommendation, GROUP2, 'b1')),
    );
    expect(checkSources(brief, new Map(), new Set(['g2']))[0]?.status).toBe('removed');
    expect(
      checkSources(brief, currentMap({ documentId: 'draft-g2', recs: draft.recommendations() }), new Set(['g9']))[0]
        ?.status,
    ).toBe('foreign');
  });

  it('is quiet after a pull or a dismiss until the source changes again', () => {
    const draft = groupDraft(rec('s1', 'Version one.'));
    const source = sourceOf(draft.recommendations()[0] as ExtractedRecommendation, GROUP2, 'now');
    draft.edit(() => doc(rec('s1', 'Version two.')));
    const current = draft.recommendations()[0] as ExtractedRecommendation;
    expect(pulledSource(source, current)).toMatchObject({
      importedText: 'Version two.',
      acknowledgedHash: current.contentHash,
    });
    expect(dismissedSource(source, current)).toMatchObject({
      importedText: 'Version one.',
      acknowledgedHash: current.contentHash,
      // The group's next change is shown from what the rapporteur kept their text over.
      acknowledgedText: 'Version two.',
    });
  });
});

describe('pulledFields', () => {
  const base = {
    audiences: ['Judiciary'],
    priority: 'high' as const,
    responsibleBody: 'FIA',
    timeframe: null,
    legalReference: '',
    status: 'draft' as const,
  };
  it('takes the fields the group changed and keeps the ones only the brief changed', () => {
    const source = { ...base, priority: 'medium' as const, audiences: ['Judiciary', 'Policy makers'] };
    const brief = { ...base, responsibleBody: 'FIA Director General', timeframe: 'immediate' as const };
    expect(pulledFields(base, source, brief)).toEqual({
      ...base,
      priority: 'medium',
      audiences: ['Judiciary', 'Policy makers'],
      responsibleBody: 'FIA Director General',
      timeframe: 'immediate',
    });
  });

  it('lets the group win a field both changed, and changes nothing when the group changed no field', () => {
    const source = { ...base, status: 'agreed' as const };
    const brief = { ...base, status: 'contested' as const };
    expect(pulledFields(base, source, brief).status).toBe('agreed');
    expect(pulledFields(base, base, brief)).toEqual(brief);
  });
});

describe('merge and split', () => {
  const a = importInto(
    groupDraft(
      rec('s1', 'Train judges.', { priority: 'medium', audiences: ['Judiciary'] }),
    ).recommendations()[0] as ExtractedRecommendation,
    GROUP4,
    'b1',
  );
  const b = importInto(
    groupDraft(
      rec('s2', 'Train prosecutors.', { priority: 'high', audiences: ['Law enforcement'] }),
    ).recommendations()[0] as ExtractedRecommendation,
    GROUP2,
    'b2',
  );

  it('keeps every source, unites audiences, takes the highest priority', () => {
    const merged = mergeRecommendationNodes([a, b], [p('Train judges and prosecutors together.')], 'm1');
    const [read] = extractRecommendations(doc(merged));
    expect(read?.sources.map((s) => s.groupName)).toEqual(['Group 4 — Judiciary', 'Group 2 — Law enforcement']);
    expect(read?.fields.audiences).toEqual(['Judiciary', 'Law enforcement']);
    expect(read?.fields.priority).toBe('high');
    expect(read?.mergedCount).toBe(2);
    // Each group's original wording stays viewable.
    expect(read?.sources.map((s) => s.importedText)).toEqual(['Train judges.', 'Train prosecutors.']);
  });

  it('leaves out no group’s fields: the soonest timeframe, every responsible body and reference, agreed only if all were', () => {
    const node = (id: string, attrs: Record<string, unknown>) => ({
      type: 'recommendation',
      attrs: { id, audiences: ['Judiciary'], ...attrs },
      content: [p(id)],
    });
    const merged = mergeRecommendationNodes(
      [
        node('x', { status: 'agreed', responsibleBody: 'FIA and provincial police', timeframe: 'within_1_2_years' }),
        node('y', {
          status: 'draft',
          responsibleBody: 'National Assembly',
          timeframe: 'within_6_months',
          legalReference: 'PTPA 2018',
        }),
        node('z', { status: 'draft', responsibleBody: 'FIA and provincial police' }),
      ],
      [p('Together.')],
      'm1',
    );
    const [read] = extractRecommendations(doc(merged));
    expect(read?.fields).toMatchObject({
      responsibleBody: 'FIA and provincial police; National Assembly',
      timeframe: 'within_6_months',
      legalReference: 'PTPA 2018',
      status: 'draft',
    });
    const agreed = mergeRecommendationNodes(
      [node('x', { status: 'agreed' }), node('y', { status: 'agreed' })],
      [p('Both.')],
      'm2',
    );
    expect(extractRecommendations(doc(agreed))[0]?.fields.status).toBe('agreed');
  });

  it('splits back to exactly the originals, also after merging a merge', () => {
    const merged = mergeRecommendationNodes([a, b], [p('Both.')], 'm1');
    expect(splitRecommendationNode(merged)).toEqual([a, b]);
    const c = rec('b3', 'Written in the brief.');
    const again = mergeRecommendationNodes([merged, c], [p('All three.')], 'm2');
    expect(splitRecommendationNode(again)).toEqual([a, b, c]);
    // Survives storage in a Yjs document.
    const ydoc = new Y.Doc();
    Y.applyUpdate(ydoc, proseMirrorJsonToUpdate(doc(again)));
    const stored = readProseMirrorJson(ydoc).content?.[0] as JSONContent;
    expect(splitRecommendationNode(stored).map((n) => n.attrs?.id)).toEqual(['b1', 'b2', 'b3']);
  });
});

describe('readingOrderNumbers', () => {
  it('numbers by audience section, then priority, then document order, once per recommendation', () => {
    const numbers = readingOrderNumbers(
      [
        { audiences: ['Judiciary'], priority: 'low' },
        { audiences: ['Parliamentarians', 'Judiciary'], priority: 'high' },
        { audiences: ['Parliamentarians'], priority: null },
        { audiences: [], priority: 'high' },
      ],
      ['Parliamentarians', 'Judiciary'],
    );
    expect(numbers).toEqual([3, 1, 2, 4]);
  });

  it('numbers a recommendation for several audiences under its own first one, not the workshop’s first', () => {
    const numbers = readingOrderNumbers(
      [
        { audiences: ['Parliamentarians'], priority: 'low' },
        { audiences: ['Judiciary', 'Parliamentarians'], priority: 'high' },
        { audiences: ['Judiciary'], priority: 'low' },
      ],
      ['Parliamentarians', 'Judiciary'],
    );
    expect(numbers).toEqual([1, 2, 3]);
  });
});
