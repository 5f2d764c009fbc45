import type { JSONContent } from '@tiptap/core';
import { describe, expect, it } from 'vitest';
import { diffDocuments } from './documentDiff';
import { sideOf } from './textDiff';

const p = (text: string): JSONContent => ({ type: 'paragraph', content: text ? [{ type: 'text', text }] : [] });
const h = (level: number, text: string): JSONContent => ({
  type: 'heading',
  attrs: { level },
  content: [{ type: 'text', text }],
});
const rec = (id: string, text: string, attrs: Record<string, unknown> = {}): JSONContent => ({
  type: 'recommendation',
  attrs: { id, audiences: ['Judiciary'], priority: 'high', ...attrs },
  content: [p(text)],
});
const doc = (...content: JSONContent[]): JSONContent => ({ type: 'doc', content });

/** "End of day 1" of a law-enforcement group, and the same draft on day 2. */
const endOfDay1 = doc(
  h(1, 'Law enforcement'),
  p('Victims are often treated as offenders at the border.'),
  rec('r1', 'Train border officers to identify victims.'),
  rec('r2', 'Set up a hotline for victims.', { priority: 'medium' }),
  p('Closing remarks.'),
);
const day2 = doc(
  h(1, 'Law enforcement'),
  p('Victims are too often treated as offenders at the border and in custody.'),
  rec('r2', 'Set up a 24-hour hotline for victims.', { priority: 'high', timeframe: 'immediate' }),
  rec('r1', 'Train border officers to identify victims.'),
  rec('r3', 'Publish yearly statistics.'),
);

describe('diffDocuments', () => {
  it('reports nothing changed for identical documents', () => {
    const diff = diffDocuments(endOfDay1, endOfDay1);
    expect(diff.counts).toEqual({ inserted: 0, deleted: 0, changed: 0, moved: 0 });
    expect(diff.blocks.every((block) => block.change === 'unchanged')).toBe(true);
  });

  it('shows an edited paragraph word by word', () => {
    const diff = diffDocuments(endOfDay1, day2);
    const paragraph = diff.blocks.find((block) => block.type === 'paragraph' && block.change === 'changed');
    expect(paragraph?.text.filter((part) => part.kind === 'insert').map((part) => part.text.trim())).toEqual([
      'too',
      'border and in custody.',
    ]);
    expect(paragraph?.text.filter((part) => part.kind === 'delete').map((part) => part.text.trim())).toEqual([
      'border.',
    ]);
    expect(sideOf(paragraph?.text ?? [], 'before')).toBe('Victims are often treated as offenders at the border.');
  });

  it('numbers recommendations as the draft shows them, with the number they had before when it changed', () => {
    const numbers = diffDocuments(endOfDay1, day2)
      .blocks.filter((block) => block.recommendationId !== null)
      .map((block) => [block.recommendationId, block.change, block.number, block.numberBefore, block.moved]);
    // r1 went below r2: said once, as a move, where it is now.
    expect(numbers).toEqual([
      ['r2', 'changed', 1, 2, false],
      ['r1', 'unchanged', 2, 1, true],
      ['r3', 'inserted', 3, null, false],
    ]);
    expect(diffDocuments(endOfDay1, day2).counts).toEqual({ inserted: 1, deleted: 1, changed: 2, moved: 1 });
  });

  it('numbers a brief in its readers’ order, and a removed recommendation by the number it had', () => {
    const before = doc(rec('a', 'Fund shelters.'), rec('b', 'Amend the PTPA.', { audiences: ['Parliamentarians'] }));
    const after = doc(rec('a', 'Fund shelters.'), rec('c', 'Hold hearings.', { audiences: ['Parliamentarians'] }));
    const numbered = (readingOrder: string[] | null) =>
      diffDocuments(before, after, readingOrder).blocks.map((block) => [
        block.recommendationId,
        block.change,
        block.number,
        block.numberBefore,
      ]);
    expect(numbered(['Parliamentarians', 'Judiciary'])).toEqual([
      ['a', 'unchanged', 2, null],
      ['b', 'deleted', 1, null],
      ['c', 'inserted', 1, null],
    ]);
    // The same documents as drafts: in document order.
    expect(numbered(null)).toEqual([
      ['a', 'unchanged', 1, null],
      ['b', 'deleted', 2, null],
      ['c', 'inserted', 2, null],
    ]);
  });

  it('matches recommendations by id, with their text and field changes', () => {
    const diff = diffDocuments(endOfDay1, day2);
    const hotline = diff.blocks.find((block) => block.recommendationId === 'r2');
    expect(hotline?.change).toBe('changed');
    expect(hotline?.text.find((part) => part.kind === 'insert')?.text.trim()).toBe('24-hour');
    expect(hotline?.fields).toEqual([
      { field: 'priority', before: 'medium', after: 'high' },
      { field: 'timeframe', before: '', after: 'immediate' },
    ]);
    // r1 was only moved: it appears once, where it is now, unchanged (its number says it moved).
    expect(diff.blocks.filter((block) => block.recommendationId === 'r1').map((block) => block.change)).toEqual([
      'unchanged',
    ]);
  });

  it('reports new and removed blocks whole', () => {
    const diff = diffDocuments(endOfDay1, day2);
    expect(diff.blocks.find((block) => block.recommendationId === 'r3')).toMatchObject({
      change: 'inserted',
      text: [{ kind: 'insert', text: 'Publish yearly statistics.' }],
    });
    expect(diff.blocks.find((block) => block.change === 'deleted' && block.type === 'paragraph')).toMatchObject({
      text: [{ kind: 'delete', text: 'Closing remarks.' }],
    });
  });

  it('does not count a blank line added or removed as a change', () => {
    const diff = diffDocuments(doc(p('One.'), p(''), p('Two.')), doc(p('One.'), p('Two.'), p(''), p('Three.')));
    expect(diff.counts).toEqual({ inserted: 1, deleted: 0, changed: 0, moved: 0 });
    expect(diff.blocks.map((block) => [block.change, sideOf(block.text, 'after')])).toEqual([
      ['unchanged', 'One.'],
      ['unchanged', 'Two.'],
      ['unchanged', ''],
      ['inserted', 'Three.'],
    ]);
  });

  it('never pairs a new recommendation with a removed one', () => {
    const diff = diffDocuments(doc(rec('a', 'Same words.')), doc(rec('b', 'Same words.')));
    expect(diff.blocks.map((block) => [block.recommendationId, block.change])).toEqual([
      ['a', 'deleted'],
      ['b', 'inserted'],
    ]);
  });

  it('reports an audience change of a recommendation whose text is untouched', () => {
    const diff = diffDocuments(doc(rec('a', 'x')), doc(rec('a', 'x', { audiences: ['Judiciary', 'Police'] })));
    expect(diff.counts.changed).toBe(1);
    expect(diff.blocks[0]?.fields).toEqual([{ field: 'audiences', before: 'Judiciary', after: 'Judiciary, Police' }]);
  });

  it('reads list blocks as lines and empty documents as nothing', () => {
    const list: JSONContent = {
      type: 'bulletList',
      content: [{ type: 'listItem', content: [p('one')] }],
    };
    const diff = diffDocuments(doc(p('')), doc(list));
    expect(diff.blocks.find((block) => block.change === 'inserted')?.text).toEqual([{ kind: 'insert', text: '- one' }]);
    expect(diffDocuments({ type: 'doc' }, { type: 'doc' }).blocks).toEqual([]);
  });
});
