import { updateYFragment, yXmlFragmentToProseMirrorRootNode } from '@tiptap/y-tiptap';
import * as Y from 'yjs';
import { DOCUMENT_FIELD } from '../protocol/documentId';
import { getDocumentSchema } from './extensions';

/**
 * Makes `doc`'s body read like the body of `versionState` (a full encoded Yjs state) as one new
 * change on top: blocks and text that already match are left alone, so an edit someone makes
 * elsewhere at the same moment merges with it, and nothing in the history is rewritten. Other
 * fields of the doc (endorsements, positions) are not touched.
 */
export function restoreBody(doc: Y.Doc, versionState: Uint8Array, origin: unknown = null): void {
  const scratch = new Y.Doc();
  try {
    Y.applyUpdate(scratch, versionState);
    const schema = getDocumentSchema();
    const old = scratch.getXmlFragment(DOCUMENT_FIELD);
    const target =
      old.length === 0 ? schema.topNodeType.createAndFill() : yXmlFragmentToProseMirrorRootNode(old, schema);
    doc.transact(() => {
      updateYFragment(doc, doc.getXmlFragment(DOCUMENT_FIELD), target, { mapping: new Map(), isOMark: new Map() });
    }, origin);
  } finally {
    scratch.destroy();
  }
}
