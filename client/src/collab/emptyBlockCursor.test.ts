import { getDocumentSchema } from '@plenary/shared/schema';
import type { Node } from '@tiptap/pm/model';
import { findAbsolutePositionAfterStructuralChange, isMisresolvedAfterStructuralChange } from '@tiptap/y-tiptap';
import { describe, expect, it } from 'vitest';

// y-tiptap puts a cursor back after every remote change, and checks Yjs's answer against the
// blocks' text. Every empty block has the same (empty) text: these pin the patch
// (client/patches) that keeps a cursor in *its* empty block.

const schema = getDocumentSchema();
const heading = (text: string) => schema.node('heading', { level: 2 }, text ? schema.text(text) : undefined);
const paragraph = (text = '') => schema.node('paragraph', null, text ? schema.text(text) : undefined);
const doc = (...blocks: Node[]) => schema.node('doc', null, blocks);

/** The position just inside the block at `index` (its start), plus `offset` characters. */
function inside(document: Node, index: number, offset = 0): number {
  let position = 0;
  for (let i = 0; i < index; i++) position += document.child(i).nodeSize;
  return position + 1 + offset;
}

/** Which top-level block a position falls in. */
function blockAt(document: Node, position: number): number {
  return document.resolve(position).index(0);
}

const template = (context = '', keyIssues = '') =>
  doc(
    heading('Context'),
    paragraph(context),
    heading('Key issues'),
    paragraph(keyIssues),
    heading('Recommendations'),
    paragraph(),
  );

describe('a cursor waiting in an empty paragraph', () => {
  it('stays there when a collaborator starts typing in it', () => {
    const before = template();
    const after = template('O');
    const cursor = inside(before, 1);
    // Yjs places the cursor at the end of that paragraph, after the collaborator's letter.
    const yjsAnswer = inside(after, 1, 1);
    expect(isMisresolvedAfterStructuralChange(before, after, cursor, yjsAnswer)).toBe(false);
    // Without an answer from Yjs, the cursor is found again in the same paragraph, not the next empty one.
    const found = findAbsolutePositionAfterStructuralChange(before, after, cursor);
    expect(found).not.toBeNull();
    expect(blockAt(after, found ?? 0)).toBe(1);
  });

  it('stays in its own paragraph when an earlier empty one fills up', () => {
    const before = template();
    const after = template('Over two days');
    const cursor = inside(before, 3);
    const found = findAbsolutePositionAfterStructuralChange(before, after, cursor);
    expect(blockAt(after, found ?? 0)).toBe(3);
    expect(isMisresolvedAfterStructuralChange(before, after, cursor, inside(after, 3))).toBe(false);
  });

  it('is moved back when Yjs places it in another block', () => {
    const before = template();
    const after = template('O');
    // A stale position resolving into the next section's empty paragraph is still caught.
    expect(isMisresolvedAfterStructuralChange(before, after, inside(before, 1), inside(after, 3))).toBe(true);
  });

  it('follows its paragraph when blocks are added above it', () => {
    const before = doc(heading('Context'), paragraph('Our group met on day one.'), paragraph());
    const after = doc(
      heading('Context'),
      paragraph('A new first line'),
      paragraph('Our group met on day one.'),
      paragraph(),
    );
    const found = findAbsolutePositionAfterStructuralChange(before, after, inside(before, 2));
    expect(blockAt(after, found ?? 0)).toBe(3);
  });

  it('is still found when nothing before it has text', () => {
    const before = doc(paragraph(), paragraph('Second'));
    const after = doc(paragraph(), paragraph('Second line'));
    const found = findAbsolutePositionAfterStructuralChange(before, after, inside(before, 0));
    expect(blockAt(after, found ?? 0)).toBe(0);
  });
});
