import { type ReadingPlace, readingPlace } from '@plenary/shared/domain';
import type { Editor, JSONContent } from '@tiptap/core';
import type { Node as ProseMirrorNode } from '@tiptap/pm/model';
import { TextSelection } from '@tiptap/pm/state';

interface TopBlock {
  node: ProseMirrorNode;
  offset: number;
  /** Only what the placement reads: the type, a heading's text and level, a card's fields. */
  outline: JSONContent;
}

function topBlocks(doc: ProseMirrorNode): TopBlock[] {
  const blocks: TopBlock[] = [];
  doc.forEach((node, offset) => {
    const outline =
      node.type.name === 'heading'
        ? { type: 'heading', attrs: node.attrs, content: [{ type: 'text', text: node.textContent }] }
        : { type: node.type.name, attrs: node.attrs };
    blocks.push({ node, offset, outline });
  });
  return blocks;
}

/** Where the brief prints recommendation `id` if that is not where it sits (`readingPlace`), else null. */
export function readingPlaceIn(doc: ProseMirrorNode, id: string, readingOrder: readonly string[]): ReadingPlace | null {
  return readingPlace(
    topBlocks(doc).map((block) => block.outline),
    id,
    readingOrder,
  );
}

/**
 * Moves recommendation `id` to where the brief prints it, under a new heading for its audience when
 * the brief has none, as one change Undo takes back. The card moves whole: statement, fields and
 * provenance; comments anchored in its text stay with the place it left.
 */
export function moveToReadingPlace(editor: Editor, id: string, readingOrder: readonly string[]): boolean {
  const { state } = editor;
  const blocks = topBlocks(state.doc);
  const place = readingPlace(
    blocks.map((block) => block.outline),
    id,
    readingOrder,
  );
  const card = blocks.find((block) => block.node.type.name === 'recommendation' && block.node.attrs.id === id);
  if (!place || !card) return false;
  // `place.index` counts the blocks without the card; so does the document once the card is cut out.
  const before = blocks.filter((block) => block !== card)[place.index];
  const size = card.node.nodeSize;
  const to = before ? before.offset - (before.offset > card.offset ? size : 0) : state.doc.content.size - size;
  const heading = state.schema.nodes.heading;
  const section =
    place.createSection && heading ? [heading.create({ level: 2 }, state.schema.text(place.audience))] : [];
  const tr = state.tr.delete(card.offset, card.offset + size).insert(to, [...section, card.node]);
  const cardAt = to + section.reduce((sum, node) => sum + node.nodeSize, 0);
  tr.setSelection(TextSelection.near(tr.doc.resolve(cardAt + 1)));
  tr.scrollIntoView();
  editor.view.dispatch(tr);
  return true;
}
