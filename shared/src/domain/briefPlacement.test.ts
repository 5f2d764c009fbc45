import type { JSONContent } from '@tiptap/core';
import { describe, expect, it } from 'vitest';
import { briefPlacement, OTHER_RECOMMENDATIONS_SECTION, readingPlace } from './briefPlacement';
import { briefTemplate } from './draftTemplate';

const ORDER = ['Parliamentarians', 'Policy makers', 'Law enforcement agencies', 'Judiciary'];
const heading = (text: string, level = 2): JSONContent => ({
  type: 'heading',
  attrs: { level },
  content: [{ type: 'text', text }],
});
const paragraph = (text: string): JSONContent => ({ type: 'paragraph', content: [{ type: 'text', text }] });
const rec = (id: string, audience: string | null, priority: string | null): JSONContent => ({
  type: 'recommendation',
  attrs: { id, audiences: audience ? [audience] : [], priority },
  content: [paragraph(id)],
});
/** The brief's outline after placing `node` for `audience` as an import does: heading texts and recommendation ids. */
function place(blocks: JSONContent[], audience: string, priority: 'high' | 'medium' | 'low' | null, id: string) {
  const { index, createSection } = briefPlacement(blocks, audience, priority, ORDER);
  blocks.splice(index, 0, ...(createSection ? [heading(audience)] : []), rec(id, audience, priority));
  return outline(blocks);
}
const outline = (blocks: JSONContent[]) =>
  blocks.map((block) =>
    block.type === 'heading'
      ? `# ${block.content?.[0]?.text}`
      : block.type === 'recommendation'
        ? String(block.attrs?.id)
        : `p ${block.content?.[0]?.text ?? ''}`,
  );

describe('briefPlacement', () => {
  it('files sections in the workshop’s audience order, whatever order they are imported in', () => {
    const blocks = [...(briefTemplate('Brief').content ?? [])];
    place(blocks, 'Judiciary', 'high', 'j1');
    place(blocks, 'Parliamentarians', 'high', 'p1');
    place(blocks, 'Law enforcement agencies', null, 'l1');
    place(blocks, 'Tribal jirgas', null, 'x1');
    place(blocks, OTHER_RECOMMENDATIONS_SECTION, null, 'o1');
    expect(place(blocks, 'Policy makers', 'low', 'm1')).toEqual([
      '# Brief',
      '# Executive summary',
      'p ',
      '# Recommendations',
      'p ',
      '# Parliamentarians',
      'p1',
      '# Policy makers',
      'm1',
      '# Law enforcement agencies',
      'l1',
      '# Judiciary',
      'j1',
      '# Tribal jirgas',
      'x1',
      `# ${OTHER_RECOMMENDATIONS_SECTION}`,
      'o1',
    ]);
  });

  it('never files a recommendation after the rapporteurs’ closing text', () => {
    const blocks = [...(briefTemplate('Brief').content ?? []), heading('Next steps'), paragraph('Meet in March.')];
    place(blocks, 'Judiciary', 'high', 'j1');
    expect(place(blocks, 'Parliamentarians', 'high', 'p1')).toEqual([
      '# Brief',
      '# Executive summary',
      'p ',
      '# Recommendations',
      'p ',
      '# Parliamentarians',
      'p1',
      '# Judiciary',
      'j1',
      '# Next steps',
      'p Meet in March.',
    ]);
  });

  it('keeps a section in priority order, the earlier import first among equals, and notes under its heading first', () => {
    const blocks = [heading('Judiciary'), paragraph('A note for judges.'), heading('Next steps')];
    place(blocks, 'Judiciary', 'low', 'low');
    place(blocks, 'Judiciary', null, 'unset');
    place(blocks, 'Judiciary', 'high', 'high-1');
    place(blocks, 'Judiciary', 'medium', 'medium');
    expect(place(blocks, 'Judiciary', 'high', 'high-2')).toEqual([
      '# Judiciary',
      'p A note for judges.',
      'high-1',
      'high-2',
      'medium',
      'low',
      'unset',
      '# Next steps',
    ]);
  });

  it('reads a section heading as the exports do: letter case, spacing and "Recommendations for" aside', () => {
    const blocks = [
      heading('Recommendations for  judiciary', 3),
      rec('j0', 'Judiciary', 'high'),
      heading('Next steps'),
    ];
    expect(place(blocks, 'Judiciary', 'low', 'j1')).toEqual([
      '# Recommendations for  judiciary',
      'j0',
      'j1',
      '# Next steps',
    ]);
    expect(place(blocks, 'Parliamentarians', null, 'p1')).toEqual([
      '# Parliamentarians',
      'p1',
      '# Recommendations for  judiciary',
      'j0',
      'j1',
      '# Next steps',
    ]);
  });

  it('adds a section at the end of a document with no sections', () => {
    expect(place([paragraph('Notes.')], 'Judiciary', null, 'j1')).toEqual(['p Notes.', '# Judiciary', 'j1']);
  });
});

describe('readingPlace', () => {
  const brief = () => [
    heading('Brief', 1),
    heading('Recommendations'),
    heading('Parliamentarians'),
    rec('p1', 'Parliamentarians', 'high'),
    rec('p2', 'Parliamentarians', 'medium'),
    heading('Judiciary'),
    rec('j1', 'Judiciary', 'high'),
    heading('Next steps'),
    paragraph('Closing.'),
  ];
  /** The outline once `id` is moved where readingPlace says (unchanged when it says it is in place). */
  function movedBack(blocks: JSONContent[], id: string) {
    const place = readingPlace(blocks, id, ORDER);
    if (!place) return outline(blocks);
    const node = blocks.find((block) => block.attrs?.id === id) as JSONContent;
    const others = blocks.filter((block) => block !== node);
    others.splice(place.index, 0, ...(place.createSection ? [heading(place.audience)] : []), node);
    return outline(others);
  }

  it('says a card in its printed order is in place', () => {
    for (const id of ['p1', 'p2', 'j1']) expect(readingPlace(brief(), id, ORDER)).toBeNull();
    expect(readingPlace(brief(), 'nowhere', ORDER)).toBeNull();
  });

  it('puts a card whose priority was raised before the ones it is now printed before', () => {
    const blocks = brief();
    (blocks[4] as JSONContent).attrs = { id: 'p2', audiences: ['Parliamentarians'], priority: 'high' };
    expect(readingPlace(blocks, 'p2', ORDER)).toBeNull(); // equal priority: printed in document order
    (blocks[3] as JSONContent).attrs = { id: 'p1', audiences: ['Parliamentarians'], priority: 'low' };
    expect(movedBack(blocks, 'p1')).toEqual([
      '# Brief',
      '# Recommendations',
      '# Parliamentarians',
      'p2',
      'p1',
      '# Judiciary',
      'j1',
      '# Next steps',
      'p Closing.',
    ]);
  });

  it('moves a card whose first audience changed to that audience’s section, making the section when there is none', () => {
    const blocks = brief();
    (blocks[6] as JSONContent).attrs = { id: 'j1', audiences: ['Parliamentarians'], priority: 'medium' };
    expect(movedBack(blocks, 'j1')).toEqual([
      '# Brief',
      '# Recommendations',
      '# Parliamentarians',
      'p1',
      'p2',
      'j1',
      '# Judiciary',
      '# Next steps',
      'p Closing.',
    ]);
    const again = brief();
    (again[3] as JSONContent).attrs = { id: 'p1', audiences: ['Law enforcement agencies'], priority: 'high' };
    expect(movedBack(again, 'p1')).toEqual([
      '# Brief',
      '# Recommendations',
      '# Parliamentarians',
      'p2',
      '# Law enforcement agencies',
      'p1',
      '# Judiciary',
      'j1',
      '# Next steps',
      'p Closing.',
    ]);
  });
});
