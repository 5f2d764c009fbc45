import type { JSONContent } from '@tiptap/core';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { extractRecommendationsFromYDoc } from '../schema/recommendationsFromYDoc';
import { proseMirrorJsonToUpdate, readProseMirrorJson } from '../schema/yjsConversion';
import { extractRecommendations } from './recommendations';

const p = (text: string, marks?: JSONContent['marks']): JSONContent => ({
  type: 'paragraph',
  content: [{ type: 'text', text, ...(marks ? { marks } : {}) }],
});

const rec = (id: string, content: JSONContent[], attrs: Record<string, unknown> = {}): JSONContent => ({
  type: 'recommendation',
  attrs: { id, ...attrs },
  content,
});

const FIA = rec('rec-fia', [p('Set up a joint FIA–police anti-trafficking cell in every province.')], {
  audiences: ['Law enforcement agencies (police, FIA)'],
  priority: 'high',
  responsibleBody: 'FIA',
  timeframe: 'within_6_months',
  legalReference: 'Prevention of Trafficking in Persons Act, 2018',
  status: 'agreed',
});

const doc = (...content: JSONContent[]): JSONContent => ({ type: 'doc', content });

describe('extractRecommendations', () => {
  it('numbers recommendations in document order with their fields and plain text', () => {
    const list = extractRecommendations(
      doc(
        { type: 'heading', attrs: { level: 2 }, content: [{ type: 'text', text: 'Recommendations' }] },
        FIA,
        p('Between two recommendations.'),
        rec('rec-2', [
          p('Train judges:'),
          {
            type: 'bulletList',
            content: [
              { type: 'listItem', content: [p('on victim protection')] },
              { type: 'listItem', content: [p('on the 2018 Act')] },
            ],
          },
        ]),
      ),
    );
    expect(list.map((r) => [r.number, r.id])).toEqual([
      [1, 'rec-fia'],
      [2, 'rec-2'],
    ]);
    expect(list[0]?.fields).toMatchObject({ priority: 'high', timeframe: 'within_6_months', status: 'agreed' });
    expect(list[1]?.text).toBe('Train judges:\n- on victim protection\n- on the 2018 Act');
  });

  it('finds recommendations nested inside other blocks', () => {
    const nested = doc({ type: 'blockquote', content: [FIA] });
    expect(extractRecommendations(nested).map((r) => r.id)).toEqual(['rec-fia']);
  });

  it('flags an empty recommendation instead of dropping it', () => {
    const list = extractRecommendations(doc(rec('rec-empty', [{ type: 'paragraph' }])));
    expect(list).toHaveLength(1);
    expect(list[0]?.empty).toBe(true);
  });

  it('normalises malformed and unknown attribute values to "unset"', () => {
    const list = extractRecommendations(
      doc(
        rec('bad id with spaces', [p('x')], {
          priority: 'urgent!!',
          timeframe: 42,
          status: 'maybe',
          audiences: 'not an array',
          responsibleBody: { nested: true },
        }),
        { type: 'recommendation' },
      ),
    );
    expect(list[0]?.fields).toEqual({
      id: null,
      audiences: [],
      priority: null,
      responsibleBody: '',
      timeframe: null,
      legalReference: '',
      status: 'draft',
    });
    expect(list[1]?.empty).toBe(true);
  });

  it('attaches endorsements and positions, with a tally by audience', () => {
    const list = extractRecommendations(doc(FIA), {
      endorsements: [
        ['rec-fia/p1', { name: 'Amina' }],
        ['rec-fia/p2', { name: 'Bilal' }],
        ['other/p1', { name: 'Amina' }],
        ['malformed-key', { name: 'x' }],
        // Stuffed under one person's id: no extra endorsers.
        ['rec-fia/made-up/p1', { name: 'Ministry official' }],
        ['rec-fia/p1/', { name: 'Ministry official' }],
      ],
      positions: [
        [
          'rec-fia/p1',
          { name: 'Amina', organisation: 'SSDO', audience: 'Judiciary', stance: 'supports', reason: 'Overdue' },
        ],
        [
          'rec-fia/p3',
          { name: 'C', organisation: 'FIA', audience: 'Judiciary', stance: 'reservations', reason: 'Budget' },
        ],
        ['rec-fia/p4', { name: 'D', stance: 'nonsense' }],
      ],
    });
    const fia = list[0];
    expect(fia?.endorsements.map((e) => e.name)).toEqual(['Amina', 'Bilal']);
    expect(fia?.positions).toHaveLength(2);
    expect(fia?.tallyByAudience).toEqual({ Judiciary: { supports: 1, reservations: 1, opposes: 0 } });
  });

  it('shows the names the server recorded for endorsers and positions, not the names the entries claim', () => {
    const [fia] = extractRecommendations(doc(FIA), {
      endorsements: [['rec-fia/p1', { name: 'Minister of Interior' }]],
      positions: [['rec-fia/p1', { name: 'Supreme Court', stance: 'opposes' }]],
      names: new Map([['p1', new Set(['Amina'])]]),
    });
    expect(fia?.endorsements.map((e) => e.name)).toEqual(['Amina']);
    expect(fia?.positions.map((p) => p.name)).toEqual(['Amina']);
  });
});

describe('content hash', () => {
  const hashOf = (r: JSONContent) => extractRecommendations(doc(r))[0]?.contentHash;

  it('is stable across a round trip through Yjs and the schema (no false "changed")', () => {
    const withLink = rec('r', [p('See the Act', [{ type: 'link', attrs: { href: 'https://example.org/act' } }])], {
      priority: 'low',
      audiences: ['Judiciary', 'Parliamentarians'],
    });
    const ydoc = new Y.Doc();
    Y.applyUpdate(ydoc, proseMirrorJsonToUpdate(doc(withLink)));
    expect(extractRecommendations(readProseMirrorJson(ydoc))[0]?.contentHash).toBe(hashOf(withLink));
    expect(extractRecommendationsFromYDoc(ydoc)[0]?.contentHash).toBe(hashOf(withLink));
  });

  it('changes when the statement changes', () => {
    expect(hashOf(rec('r', [p('Fund shelters.')]))).not.toBe(hashOf(rec('r', [p('Fund shelters now.')])));
    expect(hashOf(rec('r', [p('Fund shelters.')]))).not.toBe(
      hashOf(rec('r', [p('Fund shelters.', [{ type: 'bold' }])])),
    );
  });

  it.each([
    ['priority', 'medium'],
    ['timeframe', 'long_term'],
    ['responsibleBody', 'Ministry of Interior'],
    ['legalReference', 'Section 3'],
    ['status', 'contested'],
    ['audiences', ['Judiciary']],
  ])('changes when %s changes', (field, value) => {
    const base = rec('r', [p('Same text')], { priority: 'high' });
    const changed = rec('r', [p('Same text')], { priority: 'high', [field]: value });
    expect(hashOf(changed)).not.toBe(hashOf(base));
  });

  it('does not change with the id, endorsements, or the order audiences were ticked in', () => {
    expect(hashOf(rec('a', [p('t')]))).toBe(hashOf(rec('b', [p('t')])));
    expect(hashOf(rec('a', [p('t')], { audiences: ['X', 'Y'] }))).toBe(
      hashOf(rec('a', [p('t')], { audiences: ['Y', 'X'] })),
    );
    const endorsed = extractRecommendations(doc(FIA), { endorsements: [['rec-fia/p1', { name: 'A' }]] })[0];
    expect(endorsed?.contentHash).toBe(hashOf(FIA));
  });
});
