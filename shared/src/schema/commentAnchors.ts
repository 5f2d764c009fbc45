import { absolutePositionToRelativePosition } from '@tiptap/y-tiptap';
import * as Y from 'yjs';
import type { CommentAnchor } from '../domain/comments';

/** y-prosemirror's map from Yjs types to the ProseMirror nodes they render as. */
export type ProseMirrorMapping = Map<unknown, unknown>;

/**
 * A comment's anchor for the ProseMirror range `from`–`to`: Yjs relative positions, which follow
 * the characters they point at through everyone's concurrent edits. The start points at the
 * range's first character and the end at its last, so text typed just outside the range stays
 * outside, and text typed inside it joins it.
 */
export function rangeToAnchor(
  doc: Y.Doc,
  fragment: Y.XmlFragment,
  mapping: ProseMirrorMapping,
  from: number,
  to: number,
): CommentAnchor {
  // y-prosemirror sticks a text position to the character before it; the start should stick to the one after.
  let start: Y.RelativePosition = absolutePositionToRelativePosition(from, fragment, mapping as Map<never, never>);
  const absolute = Y.createAbsolutePositionFromRelativePosition(start, doc);
  if (absolute && absolute.type instanceof Y.XmlText) {
    start = Y.createRelativePositionFromTypeIndex(absolute.type, absolute.index, 0);
  }
  const end: Y.RelativePosition = absolutePositionToRelativePosition(to, fragment, mapping as Map<never, never>);
  return { start: encodeRelativePosition(start), end: encodeRelativePosition(end) };
}

/**
 * The ProseMirror range an anchor covers now, or null when its text was deleted (the range
 * collapsed or its paragraph is gone) or the anchor cannot be read.
 */
export function anchorToRange(
  doc: Y.Doc,
  fragment: Y.XmlFragment,
  mapping: ProseMirrorMapping,
  anchor: CommentAnchor,
): { from: number; to: number } | null {
  const start = decodeRelativePosition(anchor.start);
  const end = decodeRelativePosition(anchor.end);
  if (!start || !end) return null;
  const from = proseMirrorPosition(doc, fragment, mapping, start);
  const to = proseMirrorPosition(doc, fragment, mapping, end);
  if (from === null || to === null || to <= from) return null;
  return { from, to };
}

/**
 * Where a relative position is in the ProseMirror document now; null when it sits in deleted
 * content. (y-prosemirror's own converter treats any text position at the very start of the
 * document as a misresolved cursor, which would lose comments on the first word.)
 */
function proseMirrorPosition(
  doc: Y.Doc,
  fragment: Y.XmlFragment,
  mapping: ProseMirrorMapping,
  relative: Y.RelativePosition,
): number | null {
  const absolute = Y.createAbsolutePositionFromRelativePosition(relative, doc);
  if (absolute === null) return null;
  let type: Y.AbstractType<unknown> = absolute.type;
  let pos = type instanceof Y.XmlText ? absolute.index : sizeOfChildren(type, absolute.index, mapping);
  if (pos === null) return null;
  if (!(type instanceof Y.XmlText) && type !== fragment) pos += 1; // inside the element's opening tag
  while (type !== fragment) {
    const item = type._item;
    if (item === null || item.deleted) return null;
    const parent = item.parent as Y.AbstractType<unknown>;
    let before = 0;
    for (let sibling = parent._start; sibling !== null && sibling !== item; sibling = sibling.right) {
      if (sibling.deleted) continue;
      const size = nodeSize((sibling.content as Y.ContentType).type, mapping);
      if (size === null) return null;
      before += size;
    }
    pos += before + (parent === fragment ? 0 : 1);
    type = parent;
  }
  return pos;
}

/** The ProseMirror size of the first `count` live children of an element. */
function sizeOfChildren(type: Y.AbstractType<unknown>, count: number, mapping: ProseMirrorMapping): number | null {
  let size = 0;
  let seen = 0;
  for (let child = type._start; child !== null && seen < count; child = child.right) {
    if (child.deleted) continue;
    seen += 1;
    const childSize = nodeSize((child.content as Y.ContentType).type, mapping);
    if (childSize === null) return null;
    size += childSize;
  }
  return size;
}

function nodeSize(type: Y.AbstractType<unknown>, mapping: ProseMirrorMapping): number | null {
  if (type instanceof Y.XmlText) return type.length;
  const node = mapping.get(type) as { nodeSize: number } | undefined;
  return node ? node.nodeSize : null;
}

function encodeRelativePosition(position: Y.RelativePosition): string {
  let binary = '';
  for (const byte of Y.encodeRelativePosition(position)) binary += String.fromCharCode(byte);
  return btoa(binary);
}

function decodeRelativePosition(encoded: string): Y.RelativePosition | null {
  try {
    const binary = atob(encoded);
    const bytes = new Uint8Array(binary.length);
    for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
    return Y.decodeRelativePosition(bytes);
  } catch {
    return null;
  }
}
