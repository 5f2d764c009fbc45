import { getDocumentSchema } from '@plenary/shared/schema';
import type { JSONContent } from '@tiptap/core';
import { EditorState, TextSelection } from '@tiptap/pm/state';
import { describe, expect, it } from 'vitest';
import { type CaretEditor, CaretRecommendation } from './caretRecommendation';

const schema = getDocumentSchema();
const p = (text: string): JSONContent => ({ type: 'paragraph', content: [{ type: 'text', text }] });
const rec = (id: string, text: string): JSONContent => ({ type: 'recommendation', attrs: { id }, content: [p(text)] });

/** Just enough of a Tiptap editor: its state, and the `transaction` event every change fires. */
class FakeEditor implements CaretEditor {
  private listeners = new Set<() => void>();
  state = EditorState.create({
    doc: schema.nodeFromJSON({ type: 'doc', content: [p('Context'), rec('a', 'First'), rec('b', 'Second')] }),
  });
  on(_event: 'transaction', listener: () => void) {
    this.listeners.add(listener);
    return this;
  }
  off(_event: 'transaction', listener: () => void) {
    this.listeners.delete(listener);
    return this;
  }
  /** Puts the caret inside the first text that reads `text`. */
  caretIn(text: string) {
    let at = -1;
    this.state.doc.descendants((node, pos) => {
      if (at === -1 && node.isText && node.text === text) at = pos + 1;
    });
    this.state = this.state.apply(this.state.tr.setSelection(TextSelection.create(this.state.doc, at)));
    for (const listener of this.listeners) listener();
  }
  get listenerCount() {
    return this.listeners.size;
  }
}

describe('CaretRecommendation', () => {
  it('names the recommendation holding the caret, and tells subscribers only when that changes', () => {
    const editor = new FakeEditor();
    const caret = new CaretRecommendation(editor);
    let told = 0;
    const unsubscribe = caret.subscribe(() => told++);
    expect(caret.current()).toBeNull();
    editor.caretIn('Second');
    expect(caret.current()).toBe('b');
    editor.caretIn('Second');
    expect(told).toBe(1);
    editor.caretIn('First');
    expect(caret.current()).toBe('a');
    editor.caretIn('Context');
    expect(caret.current()).toBeNull();
    expect(told).toBe(3);
    unsubscribe();
    expect(editor.listenerCount).toBe(0);
  });

  it('reads the caret afresh when the first card subscribes after it moved unheard', () => {
    const editor = new FakeEditor();
    const caret = new CaretRecommendation(editor);
    editor.caretIn('First');
    caret.subscribe(() => {});
    expect(caret.current()).toBe('a');
  });
});
