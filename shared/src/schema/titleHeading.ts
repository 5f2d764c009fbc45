import * as Y from 'yjs';
import { DOCUMENT_FIELD } from '../protocol/documentId';

/** Text as people compare titles: spacing collapsed, ends trimmed. */
const wordsOf = (text: string) => text.replace(/\s+/g, ' ').trim();

function plainText(element: Y.XmlElement): string {
  let text = '';
  for (const child of element.toArray()) {
    if (!(child instanceof Y.XmlText)) return '';
    for (const op of child.toDelta() as Array<{ insert: unknown }>) {
      if (typeof op.insert === 'string') text += op.insert;
    }
  }
  return text;
}

/**
 * A brief starts with its title as a level-1 heading (the template). When the brief is renamed,
 * that heading follows, but only while it still reads the old title: a heading someone rewrote
 * is theirs. Returns whether it changed anything (in one transaction).
 */
export function renameTitleHeading(doc: Y.Doc, from: string, to: string): boolean {
  const first = doc.getXmlFragment(DOCUMENT_FIELD).get(0);
  if (!(first instanceof Y.XmlElement) || first.nodeName !== 'heading') return false;
  if (Number(first.getAttribute('level')) !== 1) return false;
  if (wordsOf(plainText(first)) !== wordsOf(from) || wordsOf(from) === wordsOf(to)) return false;
  doc.transact(() => {
    first.delete(0, first.length);
    first.insert(0, [new Y.XmlText(to)]);
  });
  return true;
}
