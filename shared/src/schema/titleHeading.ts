import * as Y from 'yjs';
import { DOCUMENT_FIELD } from '../protocol/documentId';

/** Text as people compare titles: spacing collapsed, ends trimmed. */
const wordsOf = (text: string) => text.replace(/\s+/g, ' ').trim();

/** The heading's text when it is one run of text (formatted or not); null for anything else. */
function singleText(element: Y.XmlElement): { text: Y.XmlText; plain: string } | null {
  const children = element.toArray();
  const [only] = children;
  if (children.length !== 1 || !(only instanceof Y.XmlText)) return null;
  let plain = '';
  for (const op of only.toDelta() as Array<{ insert: unknown }>) {
    if (typeof op.insert !== 'string') return null;
    plain += op.insert;
  }
  return { text: only, plain };
}

/** How many UTF-16 units `a` and `b` share at the start, and then at the end (not overlapping). */
function sharedEnds(a: string, b: string): { head: number; tail: number } {
  let head = 0;
  while (head < a.length && head < b.length && a[head] === b[head]) head++;
  let tail = 0;
  while (tail < a.length - head && tail < b.length - head && a[a.length - 1 - tail] === b[b.length - 1 - tail]) tail++;
  return { head, tail };
}

/**
 * A brief starts with its title as a level-1 heading (the template). When the brief is renamed,
 * that heading follows, but only while it still reads the old title: a heading someone rewrote
 * is theirs. Only the characters that differ are replaced, so the formatting of the rest, comments
 * anchored in it and anything a collaborator typed there meanwhile all stay. Returns whether it
 * changed anything (in one transaction).
 */
export function renameTitleHeading(doc: Y.Doc, from: string, to: string): boolean {
  const first = doc.getXmlFragment(DOCUMENT_FIELD).get(0);
  if (!(first instanceof Y.XmlElement) || first.nodeName !== 'heading') return false;
  if (Number(first.getAttribute('level')) !== 1) return false;
  const current = singleText(first);
  if (!current || wordsOf(current.plain) !== wordsOf(from) || wordsOf(from) === wordsOf(to)) return false;
  const { head, tail } = sharedEnds(current.plain, to);
  doc.transact(() => {
    current.text.delete(head, current.plain.length - head - tail);
    current.text.insert(head, to.slice(head, to.length - tail));
  });
  return true;
}
