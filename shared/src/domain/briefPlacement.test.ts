import type { JSONContent } from '@tiptap/core';
import { describe, expect, it } from 'vitest';
import { briefPlacement, OTHER_RECOMMENDATIONS_SECTION } from './briefPlacement';
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
