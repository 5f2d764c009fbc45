import { DOCUMENT_FIELD } from '@plenary/shared/protocol';
import * as prng from 'lib0/prng';
import * as Y from 'yjs';
import { between, chance, type Random } from './seededRandom';

/**
 * Random editing of a draft's body in the shape Tiptap gives it: the `default` XmlFragment holding
 * block elements (headings, paragraphs) with one XmlText each. One call is one transaction, i.e.
 * one Yjs update.
 */
export function applyRandomEdit(doc: Y.Doc, random: Random): void {
  const body = doc.getXmlFragment(DOCUMENT_FIELD);
  doc.transact(() => {
    const blocks = body.toArray().filter((node): node is Y.XmlElement => node instanceof Y.XmlElement);
    const roll = random.next();
    if (blocks.length === 0 || roll < 0.1) {
      insertParagraph(body, between(random, 0, body.length), prng.word(random, 1, 8));
      return;
    }
    const block = blocks[between(random, 0, blocks.length - 1)];
    if (!block) return;
    const first = block.get(0);
    if (!(first instanceof Y.XmlText)) {
      // An empty block (a new draft's template has some): typing into it creates its text.
      block.insert(0, [new Y.XmlText(prng.word(random, 1, 6))]);
      return;
    }
    const text = first;
    if (roll < 0.65) {
      const word = chance(random, 0.1) ? ' — é ü ' : `${prng.word(random, 1, 6)} `;
      text.insert(between(random, 0, text.length), word);
    } else if (roll < 0.85 && text.length > 0) {
      const at = between(random, 0, text.length - 1);
      text.delete(at, between(random, 1, Math.min(5, text.length - at)));
    } else if (roll < 0.95 && text.length > 0) {
      const at = between(random, 0, text.length - 1);
      text.format(at, between(random, 1, text.length - at), { bold: chance(random, 0.5) ? true : null });
    } else if (blocks.length > 1) {
      body.delete(body.toArray().indexOf(block), 1);
    }
  });
}

/** Appends a paragraph holding `content` to the body (one update). */
export function appendParagraph(doc: Y.Doc, content: string): void {
  const body = doc.getXmlFragment(DOCUMENT_FIELD);
  doc.transact(() => insertParagraph(body, body.length, content));
}

/** The body as a reader would compare it: XML of every block, text and mark. */
export function bodyXml(doc: Y.Doc): string {
  return doc.getXmlFragment(DOCUMENT_FIELD).toString();
}

/** The plain text of each block (heading, paragraph) of the body, in order. */
export function paragraphTexts(doc: Y.Doc): string[] {
  return doc
    .getXmlFragment(DOCUMENT_FIELD)
    .toArray()
    .map((node) => (node instanceof Y.XmlElement ? node.toArray().join('') : ''));
}

/**
 * Per Yjs client, how many of its operations the doc holds (its state vector), as a plain object
 * so two docs compare with toEqual.
 */
export function clocksOf(doc: Y.Doc): Record<string, number> {
  const clocks: Record<string, number> = {};
  for (const [clientId, clock] of [...Y.decodeStateVector(Y.encodeStateVector(doc))].sort(([a], [b]) => a - b)) {
    clocks[String(clientId)] = clock;
  }
  return clocks;
}

/** Everything two docs must agree on once they have converged. */
export function draftState(doc: Y.Doc): { body: string; clocks: Record<string, number> } {
  return { body: bodyXml(doc), clocks: clocksOf(doc) };
}

function insertParagraph(body: Y.XmlFragment, index: number, content: string): void {
  const paragraph = new Y.XmlElement('paragraph');
  paragraph.insert(0, [new Y.XmlText(content)]);
  body.insert(index, [paragraph]);
}
