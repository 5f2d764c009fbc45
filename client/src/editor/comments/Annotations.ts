import { Extension } from '@tiptap/core';
import { type EditorState, Plugin, PluginKey } from '@tiptap/pm/state';
import { Decoration, DecorationSet } from '@tiptap/pm/view';

/** One highlighted range: a comment thread's text or one author's run of characters. */
export type AnnotationSpec =
  | { kind: 'comment'; from: number; to: number; threadId: string; active: boolean }
  | { kind: 'author'; from: number; to: number; name: string; color: string };

export const annotationsKey = new PluginKey<DecorationSet>('annotations');

/**
 * Comment highlights and authorship colours as ProseMirror decorations, not marks: the text and
 * the shared document stay untouched, so nobody's undo history or the exports see them. The
 * ranges are computed outside (from the Yjs document) and handed in with `setAnnotations`;
 * between two hand-ins they follow the edits.
 */
export const Annotations = Extension.create({
  name: 'annotations',
  addProseMirrorPlugins() {
    return [
      new Plugin<DecorationSet>({
        key: annotationsKey,
        state: {
          init: () => DecorationSet.empty,
          apply: (tr, set) => {
            const next = tr.getMeta(annotationsKey) as AnnotationSpec[] | undefined;
            if (next) return DecorationSet.create(tr.doc, next.map(toDecoration));
            return tr.docChanged ? set.map(tr.mapping, tr.doc) : set;
          },
        },
        props: {
          decorations: (state) => annotationsKey.getState(state),
        },
      }),
    ];
  },
});

/**
 * Whether `specs` would draw exactly what the editor shows now (its decorations mapped through
 * the edits since they were handed in). Handing in the same again would be a dispatch for nothing,
 * and a dispatch from outside while the person types can put back a selection the browser has
 * already moved past, sending their next keystrokes elsewhere.
 */
export function showsAlready(state: EditorState, specs: readonly AnnotationSpec[]): boolean {
  const shown = annotationsKey.getState(state)?.find() ?? [];
  if (shown.length !== specs.length) return false;
  const keyOf = (from: number, to: number, key: unknown) => `${from}:${to}:${String(key)}`;
  const wanted = new Set(specs.map((spec) => keyOf(spec.from, spec.to, specKey(spec))));
  return shown.every((decoration) => wanted.has(keyOf(decoration.from, decoration.to, decoration.spec.key)));
}

function specKey(spec: AnnotationSpec): string {
  return spec.kind === 'comment' ? `comment/${spec.threadId}/${spec.active}` : `author/${spec.name}/${spec.color}`;
}

function toDecoration(spec: AnnotationSpec): Decoration {
  const key = { key: specKey(spec) };
  if (spec.kind === 'comment') {
    return Decoration.inline(
      spec.from,
      spec.to,
      {
        class: `comment-highlight${spec.active ? ' comment-highlight--active' : ''}`,
        'data-thread-id': spec.threadId,
      },
      key,
    );
  }
  return Decoration.inline(
    spec.from,
    spec.to,
    {
      class: 'authored-text',
      style: `--author-color: ${spec.color}`,
      title: spec.name,
      'data-author': spec.name,
    },
    key,
  );
}
