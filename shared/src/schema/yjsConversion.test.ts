import type { JSONContent } from '@tiptap/core';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { EMPTY_DOCUMENT, proseMirrorJsonToUpdate, readProseMirrorJson, writeProseMirrorJson } from './yjsConversion';

const draft: JSONContent = {
  type: 'doc',
  content: [
    { type: 'heading', attrs: { level: 2 }, content: [{ type: 'text', text: 'Context' }] },
    {
      type: 'paragraph',
      content: [
        { type: 'text', text: 'See the ' },
        { type: 'text', text: 'Act', marks: [{ type: 'link', attrs: { href: 'https://example.org/act' } }] },
        { type: 'text', text: ' and ', marks: [{ type: 'bold' }] },
      ],
    },
    {
      type: 'bulletList',
      content: [{ type: 'listItem', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'one' }] }] }],
    },
  ],
};

describe('Yjs ↔ ProseMirror JSON', () => {
  it('round-trips headings, marks, links and lists through a Yjs update', () => {
    const doc = new Y.Doc();
    Y.applyUpdate(doc, proseMirrorJsonToUpdate(draft));
    const back = readProseMirrorJson(doc);
    expect(back.content?.[0]).toMatchObject({ type: 'heading', attrs: { level: 2 } });
    expect(JSON.stringify(back)).toContain('https://example.org/act');
    expect(back.content?.[2]?.type).toBe('bulletList');
  });

  it('reads an empty document as one empty paragraph, which the schema accepts', () => {
    expect(readProseMirrorJson(new Y.Doc())).toEqual(EMPTY_DOCUMENT);
  });

  it('refuses JSON the schema does not allow, leaving the doc untouched', () => {
    const doc = new Y.Doc();
    expect(() => writeProseMirrorJson(doc, { type: 'doc', content: [{ type: 'noSuchNode' }] })).toThrow();
    expect(doc.getXmlFragment('default').length).toBe(0);
  });
});
