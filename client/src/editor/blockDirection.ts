import { directionOf } from '@plenary/shared/domain';
import { Extension } from '@tiptap/core';
import type { Node as ProseMirrorNode } from '@tiptap/pm/model';
import { Plugin, PluginKey } from '@tiptap/pm/state';
import { Decoration, DecorationSet } from '@tiptap/pm/view';

/** Blocks that each take their direction from their own text. */
const DIRECTED_BLOCKS = new Set(['paragraph', 'heading', 'listItem', 'blockquote']);

/**
 * `dir` on every text block of the document, for the view only: rtl or ltr by its first letter
 * (the rule the exports use), auto while it has none yet (an empty line follows the page).
 */
export function blockDirectionDecorations(doc: ProseMirrorNode): DecorationSet {
  const decorations: Decoration[] = [];
  doc.descendants((node, pos) => {
    if (DIRECTED_BLOCKS.has(node.type.name)) {
      const dir = directionOf(node.textContent) ?? 'auto';
      decorations.push(Decoration.node(pos, pos + node.nodeSize, { dir }));
    }
    return true;
  });
  return DecorationSet.create(doc, decorations);
}

const key = new PluginKey<DecorationSet>('blockDirection');

/**
 * Each paragraph, heading, list item and quote reads in the direction of its first letter, so Urdu and English paragraphs sit side by side with carets and selection moving
 * the way each one reads. A decoration rather than a schema attribute: direction follows the
 * text, so it is never stored in the shared document (the exports derive it the same way).
 */
export const BlockDirection = Extension.create({
  name: 'blockDirection',
  addProseMirrorPlugins() {
    return [
      new Plugin({
        key,
        state: {
          init: (_config, state) => blockDirectionDecorations(state.doc),
          apply: (transaction, previous) =>
            transaction.docChanged ? blockDirectionDecorations(transaction.doc) : previous,
        },
        props: {
          decorations: (state) => key.getState(state),
        },
      }),
    ];
  },
});
