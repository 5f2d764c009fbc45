import { type ReadingPlace, readingPlace } from '@plenary/shared/domain';
import type { Editor } from '@tiptap/core';
import type { Node as ProseMirrorNode } from '@tiptap/pm/model';
import { TextSelection } from '@tiptap/pm/state';

/** Where the brief prints recommendation `id` if that is not where it sits (`readingPlace`), else null. */
export function readingPlaceIn(doc: ProseMirrorNode, id: string, readingOrder: readonly string[]): ReadingPlace | null {
  const blocks: Array<ReturnType<ProseMirrorNode['toJSON']>> = [];
  doc.forEach((block) => {
    // Only what the placement reads: the type, a heading's text and level, a card's fields.
    blocks.push(
      block.type.name === 'heading'
        ? { type: 'heading', attrs: block.attrs, content: [{ type: 'text', text: block.textContent }] }
        : { type: block.type.name, attrs: block.attrs },
    );
  });
  return readingPlace(blocks, id, readingOrder);
}

/**
 * Moves recommendation `id` to where the brief prints it, under a new heading for its audience when
 * the brief has none, as one change Undo takes back. The card moves whole: statement, fields and
 * provenance; comments anchored in its text stay with the place it left.
 */
export function moveToReadingPlace(editor: Editor, id: string, readingOrder: readonly string[]): boolean {
  const { state } = editor;
  const place = readingPlaceIn(state.doc, id, readingOrder);
  let from = -1;
  let card: ProseMirrorNode | null = null;
  state.doc.forEach((block, offset) => {
    if (block.type.name === 'recommendation' && block.attrs.id === id) {
      from = offset;
      card = block;
    }
  });
  const moved = card as ProseMirrorNode | null;
  if (!place || !moved || from < 0) return false;
  const tr = state.tr.delete(from, from + moved.nodeSize);
  let to = tr.doc.content.size;
  tr.doc.forEach((_block, offset, index) => {
    if (index === place.index) to = offset;
  });
  const heading = state.schema.nodes.heading;
  const blocks =
    place.createSection && heading ? [heading.create({ level: 2 }, state.schema.text(place.audience)), moved] : [moved];
  tr.insert(to, blocks);
  const cardAt = to + (blocks.length === 2 ? (blocks[0] as ProseMirrorNode).nodeSize : 0);
  tr.setSelection(TextSelection.near(tr.doc.resolve(cardAt + 1)));
  tr.scrollIntoView();
  editor.view.dispatch(tr);
  return true;
}
