import type { JSONContent } from '@tiptap/core';
import {
  prosemirrorJSONToYXmlFragment,
  yXmlFragmentToProseMirrorRootNode,
  yXmlFragmentToProsemirrorJSON,
} from '@tiptap/y-tiptap';
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

/** Yjs elements for ProseMirror nodes, built in a scratch document and cloned for insertion. */
function toYElements(nodes: JSONContent[]): Array<Y.XmlElement | Y.XmlText> {
  if (nodes.length === 0) return [];
  const scratch = new Y.Doc();
  const fragment = scratch.getXmlFragment('scratch');
  const schema = getDocumentSchema();
  const json: JSONContent = { type: 'doc', content: nodes };
  schema.nodeFromJSON(json).check();
  prosemirrorJSONToYXmlFragment(schema, json, fragment);
  const clones = fragment.toArray().map((child) => (child as Y.XmlElement | Y.XmlText).clone());
  scratch.destroy();
  return clones;
}

/** Inserts top-level blocks into `doc`'s body at `index` (0 = first), validated against the schema. */
export function insertBlocks(doc: Y.Doc, index: number, nodes: JSONContent[]): void {
  const fragment = doc.getXmlFragment(DOCUMENT_FIELD);
  fragment.insert(Math.max(0, Math.min(index, fragment.length)), toYElements(nodes));
}

/** Replaces `count` top-level blocks at `index` by `nodes`, in the caller's transaction. */
export function replaceBlocks(doc: Y.Doc, index: number, count: number, nodes: JSONContent[]): void {
  const fragment = doc.getXmlFragment(DOCUMENT_FIELD);
  // Build (and validate) first, so an invalid node changes nothing.
  const elements = toYElements(nodes);
  fragment.delete(index, count);
  if (elements.length > 0) fragment.insert(index, elements);
}

/** The body's top-level blocks as ProseMirror JSON (schema-less: never throws on odd content). */
export function topLevelBlocks(doc: Y.Doc): JSONContent[] {
  return yXmlFragmentToProsemirrorJSON(doc.getXmlFragment(DOCUMENT_FIELD)).content ?? [];
}
