import { splitBlock } from '@tiptap/pm/commands';
import type { Node } from '@tiptap/pm/model';
import {
  findAbsolutePositionAfterStructuralChange,
  isMisresolvedAfterStructuralChange,
  undo,
  yUndoPluginKey,
} from '@tiptap/y-tiptap';
import { describe, expect, it } from 'vitest';
import {
  type BoundEditor,
  blockStart,
  blocks,
  caretIn,
  doc,
  heading,
  paragraph,
  recommendation,
  setContent,
  twoEditors,
  typeAt,
} from './liveBindingHarness.testSupport';

// y-tiptap puts a cursor back after every remote change, and checks Yjs's answer against the
// blocks' text. Every empty block has the same (empty) text: these pin the patch
// (client/patches) that keeps a cursor in *its* empty block.

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

/**
 * Through the live binding: B's caret waits in an empty block while A changes the document, then
 * B types "ZZ". Yjs follows B's block wherever it goes; nothing may move B elsewhere.
 */
describe('a caret waiting in an empty block, through the live binding', () => {
  function bTypesAfter(initial: Node, at: number, offset: number, change: (a: BoundEditor) => void): string[] {
    const { a, b } = twoEditors();
    setContent(a, initial);
    caretIn(b, at, offset);
    change(a);
    typeAt(b, 'ZZ');
    return blocks(b);
  }

  it('stays put when the first letter lands in an earlier empty paragraph', () => {
    const after = bTypesAfter(
      doc(heading('Context'), paragraph(), heading('Key issues'), paragraph(), heading('Recommendations'), paragraph()),
      3,
      0,
      (a) => {
        caretIn(a, 1);
        typeAt(a, 'Over two days');
      },
    );
    expect(after).toEqual([
      'heading:Context',
      'paragraph:Over two days',
      'heading:Key issues',
      'paragraph:ZZ',
      'heading:Recommendations',
      'paragraph:',
    ]);
  });

  it('stays put when a paragraph is pasted between its heading and it', () => {
    const after = bTypesAfter(doc(heading('Context'), paragraph(), heading('Key issues'), paragraph()), 1, 0, (a) =>
      a.dispatch(a.state.tr.insert(blockStart(a.state.doc, 1), paragraph('Pasted words'))),
    );
    expect(after.slice(0, 3)).toEqual(['heading:Context', 'paragraph:Pasted words', 'paragraph:ZZ']);
  });

  it('stays put when a section with the same heading is pasted above', () => {
    const after = bTypesAfter(doc(heading('Notes'), paragraph(), heading('End'), paragraph('x')), 1, 0, (a) =>
      a.dispatch(a.state.tr.insert(0, [heading('Notes'), paragraph('Pasted')])),
    );
    expect(after.slice(0, 4)).toEqual(['heading:Notes', 'paragraph:Pasted', 'heading:Notes', 'paragraph:ZZ']);
  });

  it('stays in its own empty recommendation when another is inserted above and filled in', () => {
    const after = bTypesAfter(
      doc(heading('Recommendations'), recommendation('r1'), heading('Next'), paragraph('n')),
      1,
      1,
      (a) => {
        a.dispatch(a.state.tr.insert(blockStart(a.state.doc, 1), recommendation('r2')));
        caretIn(a, 1, 1);
        typeAt(a, 'New rec');
      },
    );
    expect(after.slice(1, 3)).toEqual(['recommendation:New rec', 'recommendation:ZZ']);
  });

  it('stays put when a line is split off the paragraph above it and typed into', () => {
    const after = bTypesAfter(
      doc(heading('Context'), paragraph('Existing text'), paragraph(), heading('Key issues'), paragraph()),
      2,
      0,
      (a) => {
        caretIn(a, 1, 'Existing text'.length);
        splitBlock(a.state, (tr) => a.dispatch(tr));
        typeAt(a, 'New');
      },
    );
    expect(after.slice(1, 4)).toEqual(['paragraph:Existing text', 'paragraph:New', 'paragraph:ZZ']);
  });

  it('stays put when a deleted paragraph above it comes back with undo', () => {
    const { a, b } = twoEditors(true);
    setContent(a, doc(heading('Context'), paragraph('Old words'), paragraph(), heading('Next'), paragraph('n')));
    // Each its own undo step, as when they are more than a moment apart.
    const undoManager = yUndoPluginKey.getState(a.state)?.undoManager;
    undoManager?.stopCapturing();
    const start = blockStart(a.state.doc, 1);
    a.dispatch(a.state.tr.delete(start, start + a.state.doc.child(1).nodeSize));
    undoManager?.stopCapturing();
    caretIn(b, 1);
    undo(a.state);
    typeAt(b, 'ZZ');
    expect(blocks(b).slice(1, 3)).toEqual(['paragraph:Old words', 'paragraph:ZZ']);
  });
});
