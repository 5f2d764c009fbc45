import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { briefTemplate } from '../domain/draftTemplate';
import { renameTitleHeading } from './titleHeading';
import { readProseMirrorJson, writeProseMirrorJson } from './yjsConversion';

function docOf(json: Parameters<typeof writeProseMirrorJson>[1]): Y.Doc {
  const doc = new Y.Doc();
  writeProseMirrorJson(doc, json);
  return doc;
}
const headings = (doc: Y.Doc) =>
  (readProseMirrorJson(doc).content ?? []).flatMap((block) =>
    block.type === 'heading' ? [`${block.attrs?.level}:${(block.content ?? []).map((t) => t.text).join('')}`] : [],
  );

describe('renameTitleHeading', () => {
  it('renames the heading that still reads the old title, and nothing else', () => {
    const doc = docOf(briefTemplate('Anual brief'));
    expect(renameTitleHeading(doc, 'Anual brief', 'Annual brief')).toBe(true);
    expect(headings(doc)).toEqual(['1:Annual brief', '2:Executive summary', '2:Recommendations']);
  });

  it('matches the old title with spacing differences', () => {
    const doc = docOf(briefTemplate('  Anual   brief '));
    expect(renameTitleHeading(doc, 'Anual brief', 'Annual brief')).toBe(true);
    expect(headings(doc)[0]).toBe('1:Annual brief');
  });

  it('leaves a heading someone rewrote', () => {
    const doc = docOf(briefTemplate('Conference brief: the judiciary'));
    expect(renameTitleHeading(doc, 'Anual brief', 'Annual brief')).toBe(false);
    expect(headings(doc)[0]).toBe('1:Conference brief: the judiciary');
  });

  it('leaves a document that does not start with a level-1 heading', () => {
    const doc = docOf({
      type: 'doc',
      content: [
        { type: 'heading', attrs: { level: 2 }, content: [{ type: 'text', text: 'Anual brief' }] },
        { type: 'paragraph', content: [{ type: 'text', text: 'Anual brief' }] },
      ],
    });
    expect(renameTitleHeading(doc, 'Anual brief', 'Annual brief')).toBe(false);
    expect(headings(doc)).toEqual(['2:Anual brief']);
    expect(renameTitleHeading(new Y.Doc(), 'Anual brief', 'Annual brief')).toBe(false);
  });

  it('changes nothing when the title stays the same', () => {
    const doc = docOf(briefTemplate('Annual brief'));
    const updates: Uint8Array[] = [];
    doc.on('update', (update: Uint8Array) => updates.push(update));
    expect(renameTitleHeading(doc, 'Annual brief', ' Annual brief')).toBe(false);
    expect(updates).toEqual([]);
  });

  it('replaces only what differs: the formatting of the rest and concurrent typing stay', () => {
    const doc = docOf({
      type: 'doc',
      content: [
        {
          type: 'heading',
          attrs: { level: 1 },
          content: [
            { type: 'text', text: 'Anual', marks: [{ type: 'bold' }] },
            { type: 'text', text: ' brief' },
          ],
        },
      ],
    });
    // Someone offline typed into the heading; the server renames without having seen it.
    const offline = new Y.Doc();
    Y.applyUpdate(offline, Y.encodeStateAsUpdate(doc));
    const heading = offline.getXmlFragment('default').get(0) as Y.XmlElement;
    (heading.get(0) as Y.XmlText).insert('Anual brief'.length, ' 2026');

    expect(renameTitleHeading(doc, 'Anual brief', 'Annual brief')).toBe(true);
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(offline));
    const [first] = readProseMirrorJson(doc).content ?? [];
    expect(first?.content).toEqual([
      { type: 'text', text: 'Annual', marks: [{ type: 'bold' }] },
      { type: 'text', text: ' brief 2026' },
    ]);
  });
});
