import { initProseMirrorDoc } from '@tiptap/y-tiptap';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { CommentAnchor } from '../domain/comments';
import { DOCUMENT_FIELD } from '../protocol/documentId';
import { anchorToRange, rangeToAnchor } from './commentAnchors';
import { getDocumentSchema } from './extensions';
import { writeProseMirrorJson } from './yjsConversion';

const SENTENCE = 'Fund shelters in every district.';
const BEFORE = 'Context. ';
const AFTER = ' Train judges.';

/** Two replicas of one paragraph `BEFORE + SENTENCE + AFTER`, and a comment anchored on SENTENCE in `a`. */
function setup() {
  const a = new Y.Doc();
  writeProseMirrorJson(a, {
    type: 'doc',
    content: [{ type: 'paragraph', content: [{ type: 'text', text: BEFORE + SENTENCE + AFTER }] }],
  });
  const b = new Y.Doc();
  Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
  const { doc, mapping } = initProseMirrorDoc(a.getXmlFragment(DOCUMENT_FIELD), getDocumentSchema());
  // Position 1 is the paragraph's first character.
  const from = 1 + BEFORE.length;
  const to = from + SENTENCE.length;
  expect(doc.textBetween(from, to)).toBe(SENTENCE);
  const anchor = rangeToAnchor(a, a.getXmlFragment(DOCUMENT_FIELD), mapping, from, to);
  return { a, b, anchor };
}

/** The text an anchor covers in `doc` now, or null when it is on deleted text. */
function anchoredText(doc: Y.Doc, anchor: CommentAnchor): string | null {
  const fragment = doc.getXmlFragment(DOCUMENT_FIELD);
  const { doc: pm, mapping } = initProseMirrorDoc(fragment, getDocumentSchema());
  const range = anchorToRange(doc, fragment, mapping, anchor);
  return range === null ? null : pm.textBetween(range.from, range.to);
}

/** Edits `b` concurrently with nothing in `a`, then syncs both ways. */
function concurrently(a: Y.Doc, b: Y.Doc, editB: (text: Y.XmlText) => void, editA?: (text: Y.XmlText) => void) {
  const paragraph = (doc: Y.Doc) => (doc.getXmlFragment(DOCUMENT_FIELD).get(0) as Y.XmlElement).get(0) as Y.XmlText;
  editB(paragraph(b));
  editA?.(paragraph(a));
  Y.applyUpdate(a, Y.encodeStateAsUpdate(b));
  Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
}

describe('comment anchors', () => {
  it('cover the commented text on the replica that made them and on the others', () => {
    const { a, b, anchor } = setup();
    expect(anchoredText(a, anchor)).toBe(SENTENCE);
    expect(anchoredText(b, anchor)).toBe(SENTENCE);
  });

  it('survive concurrent inserts right before and right after the range', () => {
    const { a, b, anchor } = setup();
    concurrently(
      a,
      b,
      (text) => text.insert(BEFORE.length, 'Urgently: '),
      (text) => text.insert(BEFORE.length + SENTENCE.length, ' Soon.'),
    );
    expect(anchoredText(a, anchor)).toBe(SENTENCE);
    expect(anchoredText(b, anchor)).toBe(SENTENCE);
  });

  it('grow with text typed inside the range', () => {
    const { a, b, anchor } = setup();
    concurrently(a, b, (text) => text.insert(BEFORE.length + 'Fund'.length, ' safe'));
    expect(anchoredText(a, anchor)).toBe('Fund safe shelters in every district.');
  });

  it('survive deletions around the range and shrink with deletions inside it', () => {
    const { a, b, anchor } = setup();
    concurrently(
      a,
      b,
      (text) => text.delete(0, BEFORE.length),
      (text) => text.delete(BEFORE.length + SENTENCE.length, AFTER.length),
    );
    expect(anchoredText(a, anchor)).toBe(SENTENCE);
    concurrently(a, b, (text) => text.delete(0, 'Fund '.length));
    expect(anchoredText(b, anchor)).toBe('shelters in every district.');
  });

  it('survive their first and last characters being deleted', () => {
    const { a, b, anchor } = setup();
    concurrently(a, b, (text) => {
      text.delete(BEFORE.length + SENTENCE.length - 1, 1);
      text.delete(BEFORE.length, 1);
    });
    expect(anchoredText(a, anchor)).toBe('und shelters in every district');
  });

  it('read as deleted text, not an error, once the whole range or its paragraph is gone', () => {
    const { a, b, anchor } = setup();
    concurrently(a, b, (text) => text.delete(BEFORE.length, SENTENCE.length));
    expect(anchoredText(a, anchor)).toBeNull();

    const again = setup();
    again.b.getXmlFragment(DOCUMENT_FIELD).delete(0, 1);
    Y.applyUpdate(again.a, Y.encodeStateAsUpdate(again.b));
    expect(anchoredText(again.a, again.anchor)).toBeNull();
  });

  it('follow the text when paragraphs are added before it and it is split off into its own', () => {
    const { a, b, anchor } = setup();
    const heading = new Y.XmlElement('paragraph');
    heading.insert(0, [new Y.XmlText('A new first paragraph')]);
    b.getXmlFragment(DOCUMENT_FIELD).insert(0, [heading]);
    Y.applyUpdate(a, Y.encodeStateAsUpdate(b));
    expect(anchoredText(a, anchor)).toBe(SENTENCE);
  });

  it('read as deleted text when the anchor is garbage', () => {
    const { a } = setup();
    expect(anchoredText(a, { start: '!!not base64', end: 'AAAA' })).toBeNull();
  });
});
