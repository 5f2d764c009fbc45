import { EditorState } from '@tiptap/pm/state';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { DOCUMENT_FIELD } from '../protocol/documentId';
import { getDocumentSchema } from './extensions';
import { uniqueRecommendationIds } from './recommendation';
import { extractRecommendationsFromYDoc } from './recommendationsFromYDoc';
import { proseMirrorJsonToUpdate } from './yjsConversion';

const schema = getDocumentSchema();

/** The unique-id plugin on a bare EditorState (no DOM needed). */
function stateWith(json: object): EditorState {
  return EditorState.create({ schema, doc: schema.nodeFromJSON(json), plugins: [uniqueRecommendationIds()] });
}

const recommendation = (id: string | null, text: string) => ({
  type: 'recommendation',
  attrs: { id },
  content: [{ type: 'paragraph', content: [{ type: 'text', text }] }],
});

const ids = (state: EditorState) => {
  const found: Array<string | null> = [];
  state.doc.descendants((node) => {
    if (node.type.name === 'recommendation') found.push(node.attrs.id as string | null);
    return node.type.name !== 'recommendation';
  });
  return found;
};

describe('recommendation ids', () => {
  it('gives a pasted copy a new id and leaves the original its own, even when pasted above it', () => {
    const state = stateWith({ type: 'doc', content: [{ type: 'paragraph' }, recommendation('orig', 'Original')] });
    const copy = state.doc.child(1);
    const next = state.apply(state.tr.insert(0, copy));
    const [first, second] = ids(next);
    expect(second).toBe('orig');
    expect(first).not.toBe('orig');
    expect(first).toMatch(/^r[A-Za-z0-9_-]{16}$/);
  });

  it('gives an id to a recommendation that arrives without one', () => {
    const state = stateWith({ type: 'doc', content: [{ type: 'paragraph' }] });
    const next = state.apply(state.tr.insert(0, schema.nodeFromJSON(recommendation(null, 'New'))));
    expect(ids(next)[0]).toMatch(/^r/);
  });

  it('never leaves two blocks with one id after several copies', () => {
    const state = stateWith({ type: 'doc', content: [recommendation('orig', 'Original')] });
    const copy = state.doc.child(0);
    let next = state;
    for (let i = 0; i < 3; i++) next = next.apply(next.tr.insert(next.doc.content.size, copy));
    const all = ids(next);
    expect(all).toHaveLength(4);
    expect(new Set(all).size).toBe(4);
    expect(all[0]).toBe('orig');
  });
});

describe('concurrent edits of one recommendation', () => {
  it('converge when two people edit its statement and its fields at once', () => {
    const a = new Y.Doc();
    const b = new Y.Doc();
    Y.applyUpdate(a, proseMirrorJsonToUpdate({ type: 'doc', content: [recommendation('r1', 'Fund shelters')] }));
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    const element = (doc: Y.Doc) => doc.getXmlFragment(DOCUMENT_FIELD).get(0) as Y.XmlElement;
    const textOf = (doc: Y.Doc) => (element(doc).get(0) as Y.XmlElement).get(0) as Y.XmlText;

    element(a).setAttribute('priority', 'high');
    textOf(a).insert(0, 'Provinces must ');
    element(b).setAttribute('priority', 'low');
    element(b).setAttribute('responsibleBody', 'Provincial assemblies');
    textOf(b).insert(textOf(b).length, ' in every district');

    Y.applyUpdate(a, Y.encodeStateAsUpdate(b));
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));

    const [fromA] = extractRecommendationsFromYDoc(a);
    const [fromB] = extractRecommendationsFromYDoc(b);
    expect(fromA).toEqual(fromB);
    expect(fromA?.text).toBe('Provinces must Fund shelters in every district');
    expect(fromA?.fields.responsibleBody).toBe('Provincial assemblies');
    expect(['high', 'low']).toContain(fromA?.fields.priority);
  });
});
