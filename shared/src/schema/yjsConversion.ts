import type { JSONContent } from '@tiptap/core';
import { prosemirrorJSONToYXmlFragment, yXmlFragmentToProseMirrorRootNode } from '@tiptap/y-tiptap';
import * as Y from 'yjs';
import { DOCUMENT_FIELD } from '../protocol/documentId';
import { getDocumentSchema } from './extensions';

/** ProseMirror JSON of an empty document (what an empty Y fragment reads back as). */
export const EMPTY_DOCUMENT: JSONContent = { type: 'doc', content: [{ type: 'paragraph' }] };

/** Writes ProseMirror JSON into `doc`'s body field, replacing what is there, as one transaction. */
export function writeProseMirrorJson(doc: Y.Doc, json: JSONContent, origin: unknown = null): void {
  const schema = getDocumentSchema();
  // nodeFromJSON + check: refuse content the schema does not allow before it reaches the doc.
  schema.nodeFromJSON(json).check();
  doc.transact(() => {
    prosemirrorJSONToYXmlFragment(schema, json, doc.getXmlFragment(DOCUMENT_FIELD));
  }, origin);
}

/** A Yjs update that creates a document holding `json`. */
export function proseMirrorJsonToUpdate(json: JSONContent): Uint8Array {
  const doc = new Y.Doc();
  writeProseMirrorJson(doc, json);
  const update = Y.encodeStateAsUpdate(doc);
  doc.destroy();
  return update;
}

/** Reads `doc`'s body as schema-checked ProseMirror JSON (an empty body reads as one empty paragraph). */
export function readProseMirrorJson(doc: Y.Doc): JSONContent {
  const fragment = doc.getXmlFragment(DOCUMENT_FIELD);
  if (fragment.length === 0) return EMPTY_DOCUMENT;
  return yXmlFragmentToProseMirrorRootNode(fragment, getDocumentSchema()).toJSON() as JSONContent;
}
