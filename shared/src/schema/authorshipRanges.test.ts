import { initProseMirrorDoc } from '@tiptap/y-tiptap';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { DOCUMENT_FIELD } from '../protocol/documentId';
import { authorshipRanges } from './authorshipRanges';
import { getDocumentSchema } from './extensions';
import { writeProseMirrorJson } from './yjsConversion';

describe('authorshipRanges', () => {
  it('names the client behind every character, across paragraphs, marks and interleaved typing', () => {
    const ada = new Y.Doc();
    writeProseMirrorJson(ada, {
      type: 'doc',
      content: [
        { type: 'heading', attrs: { level: 2 }, content: [{ type: 'text', text: 'Context' }] },
        {
          type: 'paragraph',
          content: [
            { type: 'text', text: 'Fund ' },
            { type: 'text', marks: [{ type: 'bold' }], text: 'shelters' },
          ],
        },
      ],
    });
    const ben = new Y.Doc();
    Y.applyUpdate(ben, Y.encodeStateAsUpdate(ada));
    const paragraph = ben.getXmlFragment(DOCUMENT_FIELD).get(1) as Y.XmlElement;
    (paragraph.get(0) as Y.XmlText).insert('Fund '.length, 'safe ');
    Y.applyUpdate(ada, Y.encodeStateAsUpdate(ben));

    const fragment = ada.getXmlFragment(DOCUMENT_FIELD);
    const { doc, mapping } = initProseMirrorDoc(fragment, getDocumentSchema());
    const ranges = authorshipRanges(fragment, mapping);
    const byWhom = ranges.map((range) => [doc.textBetween(range.from, range.to), range.clientId]);
    expect(byWhom).toEqual([
      ['Context', ada.clientID],
      ['Fund ', ada.clientID],
      ['safe ', ben.clientID],
      ['shelters', ada.clientID],
    ]);
  });
});
