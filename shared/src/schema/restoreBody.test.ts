import type { JSONContent } from '@tiptap/core';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { DOCUMENT_FIELD } from '../protocol/documentId';
import { restoreBody } from './restoreBody';
import { readProseMirrorJson, writeProseMirrorJson } from './yjsConversion';

const p = (text: string): JSONContent => ({ type: 'paragraph', content: [{ type: 'text', text }] });
const rec = (id: string, text: string, priority: string): JSONContent => ({
  type: 'recommendation',
  attrs: { id, audiences: ['Judiciary'], priority },
  content: [p(text)],
});

const texts = (doc: Y.Doc) =>
  (readProseMirrorJson(doc).content ?? []).map((block) =>
    block.type === 'recommendation'
      ? `${block.attrs?.priority}: ${block.content?.[0]?.content?.[0]?.text}`
      : (block.content?.[0]?.text ?? ''),
  );

/** Sends everything each doc has that the others lack, both ways. */
function sync(...docs: Y.Doc[]): void {
  for (const from of docs) {
    for (const to of docs) if (from !== to) Y.applyUpdate(to, Y.encodeStateAsUpdate(from, Y.encodeStateVector(to)));
  }
}

describe('restoreBody', () => {
  it('brings back the old text and fields as a new change, and a concurrent edit elsewhere survives', () => {
    const server = new Y.Doc();
    writeProseMirrorJson(server, {
      type: 'doc',
      content: [p('Victims are treated as offenders.'), rec('r1', 'Train officers.', 'high'), p('Annex.')],
    });
    server.getMap('endorsements').set('r1:p1', { name: 'Amina' });
    const version = Y.encodeStateAsUpdate(server);

    // The group edits after the version: the first paragraph and the recommendation's priority.
    const member = new Y.Doc();
    sync(server, member);
    const memberRoot = member.getXmlFragment(DOCUMENT_FIELD);
    const first = memberRoot.get(0) as Y.XmlElement;
    (first.get(0) as Y.XmlText).insert(0, 'Sadly, ');
    (memberRoot.get(1) as Y.XmlElement).setAttribute('priority', 'low');
    sync(server, member);
    expect(texts(server)[0]).toBe('Sadly, Victims are treated as offenders.');

    // A third member, not yet synced, types in the annex while the server restores.
    const third = new Y.Doc();
    sync(server, third);
    const annex = third.getXmlFragment(DOCUMENT_FIELD).get(2) as Y.XmlElement;
    (annex.get(0) as Y.XmlText).insert('Annex.'.length, ' Add the 2018 Act.');

    const before = Y.encodeStateVector(server);
    restoreBody(server, version);
    // History is not rewritten: the restore only adds to the document.
    expect(Y.encodeStateAsUpdate(server, before).byteLength).toBeGreaterThan(0);

    sync(server, member, third);
    const expected = ['Victims are treated as offenders.', 'high: Train officers.', 'Annex. Add the 2018 Act.'];
    for (const doc of [server, member, third]) expect(texts(doc)).toEqual(expected);
    expect(server.getMap('endorsements').get('r1:p1')).toEqual({ name: 'Amina' });
  });

  it('restores an empty version as an empty document', () => {
    const doc = new Y.Doc();
    writeProseMirrorJson(doc, { type: 'doc', content: [p('Something')] });
    restoreBody(doc, Y.encodeStateAsUpdate(new Y.Doc()));
    expect(readProseMirrorJson(doc)).toEqual({ type: 'doc', content: [{ type: 'paragraph' }] });
  });
});
