import { getDocumentSchema } from '@plenary/shared/schema';
import type { JSONContent } from '@tiptap/core';
import { EditorState } from '@tiptap/pm/state';
import { describe, expect, it } from 'vitest';
import { findRecommendation } from './findRecommendation';
import { type NumberedEditor, RecommendationNumbers } from './recommendationNumbers';

const schema = getDocumentSchema();
const p = (text: string): JSONContent => ({ type: 'paragraph', content: [{ type: 'text', text }] });
const rec = (id: string | null, text: string): JSONContent => ({
  type: 'recommendation',
  attrs: { id },
  content: [p(text)],
});

/** Just enough of a Tiptap editor: its state, and the `update` event a changed document fires. */
class FakeEditor implements NumberedEditor {
  private listeners = new Set<() => void>();
  constructor(public state: EditorState) {}
  on(_event: 'update', listener: () => void) {
    this.listeners.add(listener);
    return this;
  }
  off(_event: 'update', listener: () => void) {
    this.listeners.delete(listener);
    return this;
  }
  setDoc(...content: JSONContent[]) {
    this.state = EditorState.create({ doc: schema.nodeFromJSON({ type: 'doc', content }) });
    for (const listener of this.listeners) listener();
  }
  get listenerCount() {
    return this.listeners.size;
  }
}

function editorWith(...content: JSONContent[]): FakeEditor {
  return new FakeEditor(EditorState.create({ doc: schema.nodeFromJSON({ type: 'doc', content }) }));
}

describe('RecommendationNumbers', () => {
  it('numbers recommendations in document order, skipping other blocks', () => {
    const editor = editorWith(p('Context'), rec('a', 'First'), p('Between'), rec('b', 'Second'));
    const numbers = new RecommendationNumbers(editor);
    expect(numbers.numberOf('a', undefined)).toBe(1);
    expect(numbers.numberOf('b', undefined)).toBe(2);
    expect(numbers.numberOf('gone', undefined)).toBeNull();
  });

  it('renumbers when a recommendation is inserted above, and tells subscribers', () => {
    const editor = editorWith(rec('a', 'First'), rec('b', 'Second'));
    const numbers = new RecommendationNumbers(editor);
    let calls = 0;
    const unsubscribe = numbers.subscribe(() => {
      calls += 1;
    });
    editor.setDoc(rec('new', 'Inserted on top'), rec('a', 'First'), rec('b', 'Second'));
    expect(calls).toBe(1);
    expect([
      numbers.numberOf('new', undefined),
      numbers.numberOf('a', undefined),
      numbers.numberOf('b', undefined),
    ]).toEqual([1, 2, 3]);
    unsubscribe();
    expect(editor.listenerCount).toBe(0);
  });

  it('numbers a block without an id by its position', () => {
    const editor = editorWith(p('Intro'), rec(null, 'No id yet'));
    const numbers = new RecommendationNumbers(editor);
    const pos = editor.state.doc.child(0).nodeSize;
    expect(numbers.numberOf(null, pos)).toBe(1);
    expect(numbers.numberOf(null, 0)).toBeNull();
  });

  it('gives the details and positions panels the number the card shows, a brief’s reading order', () => {
    const judges = { type: 'recommendation', attrs: { id: 'j', audiences: ['Judiciary'] }, content: [p('Judges')] };
    const mps = { type: 'recommendation', attrs: { id: 'm', audiences: ['Parliamentarians'] }, content: [p('MPs')] };
    const editor = editorWith(judges, mps);
    const numbers = new RecommendationNumbers(editor, ['Parliamentarians', 'Judiciary']);
    expect(findRecommendation(editor.state, 'j', numbers)?.number).toBe(2);
    expect(findRecommendation(editor.state, 'm', numbers)?.number).toBe(1);
    expect(findRecommendation(editor.state, 'gone', numbers)).toBeNull();
  });
});
