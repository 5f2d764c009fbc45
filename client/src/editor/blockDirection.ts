import { type Direction, directionOf } from '@plenary/shared/domain';
import { Extension } from '@tiptap/core';
import type { Node as ProseMirrorNode } from '@tiptap/pm/model';
import { Plugin, PluginKey } from '@tiptap/pm/state';
import { Decoration, DecorationSet } from '@tiptap/pm/view';

/** Blocks that each take their direction from their own text. */
const DIRECTED_BLOCKS = new Set(['paragraph', 'heading', 'listItem', 'blockquote']);

/**
 * The `dir` of every text block of the document: rtl or ltr by its first letter (the rule the
 * exports use), auto while it has none yet (an empty line follows the page).
 */
export function blockDirections(doc: ProseMirrorNode): Array<{ from: number; to: number; dir: Direction | 'auto' }> {
  const found: Array<{ from: number; to: number; dir: Direction | 'auto' }> = [];
  doc.descendants((node, pos) => {
    if (DIRECTED_BLOCKS.has(node.type.name)) {
      found.push({ from: pos, to: pos + node.nodeSize, dir: directionOf(node.textContent) ?? 'auto' });
    }
    return true;
  });
  return found;
}

function blockDirectionDecorations(doc: ProseMirrorNode): DecorationSet {
  return DecorationSet.create(
    doc,
    blockDirections(doc).map(({ from, to, dir }) => Decoration.node(from, to, { dir })),
  );
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
