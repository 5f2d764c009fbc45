import { Extension } from '@tiptap/core';
import { Plugin, PluginKey } from '@tiptap/pm/state';
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

function toDecoration(spec: AnnotationSpec): Decoration {
  if (spec.kind === 'comment') {
    return Decoration.inline(spec.from, spec.to, {
      class: `comment-highlight${spec.active ? ' comment-highlight--active' : ''}`,
      'data-thread-id': spec.threadId,
    });
  }
  return Decoration.inline(spec.from, spec.to, {
    class: 'authored-text',
    style: `--author-color: ${spec.color}`,
    title: spec.name,
    'data-author': spec.name,
  });
}
