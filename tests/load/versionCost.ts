/**
 * What a version costs (docs/performance.md, "Versions"): a realistic group draft written by five
 * people — typed word by word, with corrections and field changes, then rewritten twice — then
 * the size of one stored version (`Y.encodeStateAsUpdate` with garbage collection on, as the
 * server keeps documents) against what keeping every past state would cost (the same editing
 * with garbage collection off). Run: `node --import tsx tests/load/versionCost.ts`.
 */
import { draftTemplate } from '@plenary/shared/domain';
import { DOCUMENT_FIELD } from '@plenary/shared/protocol';
import { restoreBody, writeProseMirrorJson } from '@plenary/shared/schema';
import * as Y from 'yjs';

const WRITERS = 5;
const RECOMMENDATIONS = 40;
const WORDS =
  'border officers must screen every returnee for signs of trafficking and refer victims to shelters within 24 hours under the 2018 Act'.split(
    ' ',
  );

function edit(gc: boolean): { doc: Y.Doc; versions: Uint8Array[] } {
  const server = new Y.Doc({ gc });
  writeProseMirrorJson(server, draftTemplate('Law enforcement'));
  const writers = Array.from({ length: WRITERS }, () => new Y.Doc({ gc }));
  const sync = () => {
    for (const w of writers) {
      Y.applyUpdate(server, Y.encodeStateAsUpdate(w, Y.encodeStateVector(server)));
    }
    for (const w of writers) Y.applyUpdate(w, Y.encodeStateAsUpdate(server, Y.encodeStateVector(w)));
  };
  sync();
  const versions: Uint8Array[] = [];
  for (let r = 0; r < RECOMMENDATIONS; r++) {
    const writer = writers[r % WRITERS] as Y.Doc;
    const body = writer.getXmlFragment(DOCUMENT_FIELD);
    const rec = new Y.XmlElement('recommendation');
    rec.setAttribute('id', `rec${r}`);
    rec.setAttribute('priority', 'medium');
    rec.setAttribute('audiences', ['Law enforcement'] as unknown as string);
    const paragraph = new Y.XmlElement('paragraph');
    const text = new Y.XmlText();
    paragraph.insert(0, [text]);
    rec.insert(0, [paragraph]);
    body.insert(body.length, [rec]);
    // Typed word by word (one update each, as keystrokes batch), with a correction every few words.
    for (let w = 0; w < 30; w++) {
      const word = `${WORDS[(r + w) % WORDS.length]} `;
      text.insert(text.length, word);
      if (w % 7 === 6) text.delete(text.length - word.length, word.length);
    }
    rec.setAttribute('priority', r % 3 === 0 ? 'high' : 'low');
    sync();
    if (r % 10 === 9) versions.push(Y.encodeStateAsUpdate(server));
  }
  // Day 2: the group argues over wording and rewrites the second half of every statement twice.
  for (let round = 0; round < 2; round++) {
    for (let r = 0; r < RECOMMENDATIONS; r++) {
      const writer = writers[(r + round + 1) % WRITERS] as Y.Doc;
      const rec = writer
        .getXmlFragment(DOCUMENT_FIELD)
        .toArray()
        .find((node) => node instanceof Y.XmlElement && node.getAttribute('id') === `rec${r}`) as Y.XmlElement;
      const text = (rec.get(0) as Y.XmlElement).get(0) as Y.XmlText;
      const half = Math.floor(text.length / 2);
      text.delete(half, text.length - half);
      for (let w = 0; w < 12; w++) text.insert(text.length, `${WORDS[(r * 3 + w + round) % WORDS.length]} `);
      sync();
    }
    versions.push(Y.encodeStateAsUpdate(server));
  }
  return { doc: server, versions };
}

const kib = (bytes: number) => `${(bytes / 1024).toFixed(1)} KiB`;
const withGc = edit(true);
const withoutGc = edit(false);
const one = Y.encodeStateAsUpdate(withGc.doc);
const json = JSON.stringify(withGc.doc.getXmlFragment(DOCUMENT_FIELD).toJSON());

// A restore writes a diff on top: how much does the document grow by one restore?
const restored = new Y.Doc();
Y.applyUpdate(restored, one);
restoreBody(restored, withGc.versions[0] as Uint8Array);
const afterRestore = Y.encodeStateAsUpdate(restored);

const started = performance.now();
for (let i = 0; i < 20; i++) Y.encodeStateAsUpdate(withGc.doc);
const encodeMs = (performance.now() - started) / 20;

console.log(`draft: ${RECOMMENDATIONS} recommendations × 30 words, ${WRITERS} writers, text ${kib(json.length)}`);
console.log(`one version (gc on, what is stored): ${kib(one.length)}; encode ${encodeMs.toFixed(2)} ms`);
console.log(`versions taken along the way: ${withGc.versions.map((v) => kib(v.length)).join(', ')}`);
console.log(`document with gc off (every past state kept): ${kib(Y.encodeStateAsUpdate(withoutGc.doc).length)}`);
console.log(`document after restoring the first version: ${kib(afterRestore.length)}`);
