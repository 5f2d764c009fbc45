import { getDocumentSchema } from '@plenary/shared/schema';
import type { Node } from '@tiptap/pm/model';
import { EditorState, type PluginView, TextSelection, type Transaction } from '@tiptap/pm/state';
import type { EditorView } from '@tiptap/pm/view';
import { ySyncPlugin, yUndoPlugin } from '@tiptap/y-tiptap';
import * as Y from 'yjs';

/**
 * Two editors bound to two Yjs documents that exchange every update at once, through y-tiptap's
 * real sync plugin, without a browser: enough to see where a remote change leaves a caret.
 */
export const schema = getDocumentSchema();
export const heading = (text: string) => schema.node('heading', { level: 2 }, text ? schema.text(text) : undefined);
export const paragraph = (text = '') => schema.node('paragraph', null, text ? schema.text(text) : undefined);
export const recommendation = (id: string) => schema.node('recommendation', { id }, [paragraph()]);
export const doc = (...blocks: Node[]) => schema.node('doc', null, blocks);

export interface BoundEditor {
  readonly state: EditorState;
  dispatch(tr: Transaction): void;
}

function bindEditor(ydoc: Y.Doc, withUndo: boolean): BoundEditor {
  const plugins = [ySyncPlugin(ydoc.getXmlFragment('default')), ...(withUndo ? [yUndoPlugin()] : [])];
  let state = EditorState.create({ schema, plugins });
  const views: PluginView[] = [];
  // The parts of an EditorView the sync plugin reads.
  const bound = {
    get state() {
      return state;
    },
    dispatch(tr: Transaction) {
      const previous = state;
      state = state.apply(tr);
      for (const pluginView of views) pluginView.update?.(view, previous);
    },
    hasFocus: () => false,
    _root: { getSelection: () => null },
    dom: {},
  };
  const view = bound as unknown as EditorView;
  for (const plugin of state.plugins) {
    if (plugin.spec.view) views.push(plugin.spec.view(view));
  }
  return bound;
}

/** A writing in document A (its undo manager on, if asked) and B reading along. */
export function twoEditors(withUndo = false): { a: BoundEditor; b: BoundEditor } {
  const docA = new Y.Doc();
  const docB = new Y.Doc();
  docA.on('update', (update: Uint8Array, origin: unknown) => {
    if (origin !== 'b') Y.applyUpdate(docB, update, 'a');
  });
  docB.on('update', (update: Uint8Array, origin: unknown) => {
    if (origin !== 'a') Y.applyUpdate(docA, update, 'b');
  });
  return { a: bindEditor(docA, withUndo), b: bindEditor(docB, false) };
}

export function setContent(editor: BoundEditor, content: Node): void {
  editor.dispatch(editor.state.tr.replaceWith(0, editor.state.doc.content.size, content.content));
}

export function blockStart(content: Node, index: number): number {
  let position = 0;
  for (let i = 0; i < index; i++) position += content.child(i).nodeSize;
  return position;
}

/** Puts the caret `offset` positions into the top-level block `index`. */
export function caretIn(editor: BoundEditor, index: number, offset = 0): void {
  const position = blockStart(editor.state.doc, index) + 1 + offset;
  editor.dispatch(editor.state.tr.setSelection(TextSelection.create(editor.state.doc, position)));
}

export function typeAt(editor: BoundEditor, text: string): void {
  for (const character of text) editor.dispatch(editor.state.tr.insertText(character));
}

/** Each top-level block as `type:text`. */
export function blocks(editor: BoundEditor): string[] {
  const out: string[] = [];
  editor.state.doc.forEach((node) => {
    out.push(`${node.type.name}:${node.textContent}`);
  });
  return out;
}
