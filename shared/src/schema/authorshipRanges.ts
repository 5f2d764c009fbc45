import * as Y from 'yjs';
import type { ProseMirrorMapping } from './commentAnchors';

/** A run of characters one Yjs client typed, as a ProseMirror range. */
export interface AuthoredRange {
  from: number;
  to: number;
  clientId: number;
}

/**
 * Who typed which characters of the body, as ProseMirror ranges: every live character of a
 * Y.XmlText is an item carrying its client id. Walks the Yjs tree once, counting ProseMirror
 * positions alongside (node sizes from y-prosemirror's mapping), and merges neighbouring
 * characters of the same client into one range.
 */
export function authorshipRanges(fragment: Y.XmlFragment, mapping: ProseMirrorMapping): AuthoredRange[] {
  const ranges: AuthoredRange[] = [];
  const push = (from: number, length: number, clientId: number) => {
    const last = ranges[ranges.length - 1];
    if (last && last.to === from && last.clientId === clientId) last.to += length;
    else ranges.push({ from, to: from + length, clientId });
  };
  const walkChildren = (parent: Y.XmlFragment | Y.XmlElement, start: number): number => {
    let pos = start;
    for (let item = parent._start; item !== null; item = item.right) {
      if (item.deleted) continue;
      const child = (item.content as Y.ContentType).type;
      if (child instanceof Y.XmlText) {
        for (let part = child._start; part !== null; part = part.right) {
          if (part.deleted || !part.countable) continue;
          push(pos, part.length, part.id.client);
          pos += part.length;
        }
      } else if (child instanceof Y.XmlElement) {
        const node = mapping.get(child) as { nodeSize: number; isLeaf: boolean } | undefined;
        if (!node) continue; // not rendered (yet): it takes no room in the ProseMirror document
        if (!node.isLeaf) walkChildren(child, pos + 1);
        pos += node.nodeSize;
      }
    }
    return pos;
  };
  walkChildren(fragment, 0);
  return ranges;
}
