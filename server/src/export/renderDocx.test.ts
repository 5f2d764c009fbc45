import { DOMParser, type Element, type Document as XmlDocument } from '@xmldom/xmldom';
import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { modelOf } from './exportTestKit';
import {
  deeplyNestedDraft,
  type ExportFixture,
  hostileDraft,
  judiciaryEdition,
  largeBrief,
  provenanceBrief,
  structureDraft,
  URDU_PARAGRAPH,
  urduBrief,
} from './fixtures/exportFixtures';
import { renderDocx } from './renderDocx';

/** A .docx opened the way Word does: every part parsed, strictly. */
interface OpenedDocx {
  parts: Map<string, XmlDocument>;
  raw: Map<string, string>;
  document: XmlDocument;
  rels: Map<string, { target: string; mode: string | null }>;
}

async function open(fixture: ExportFixture): Promise<OpenedDocx> {
  const files = unzipSync(await renderDocx(modelOf(fixture)));
  const parts = new Map<string, XmlDocument>();
  const raw = new Map<string, string>();
  for (const [name, bytes] of Object.entries(files)) {
    if (!/\.(xml|rels)$/.test(name)) continue;
    const text = strFromU8(bytes);
    raw.set(name, text);
    parts.set(
      name,
      new DOMParser({
        onError: (level, message) => {
          if (level !== 'warning') throw new Error(`${name}: ${message}`);
        },
      }).parseFromString(text, 'text/xml'),
    );
  }
  const document = parts.get('word/document.xml');
  if (!document) throw new Error('no word/document.xml');
  const rels = new Map<string, { target: string; mode: string | null }>();
  for (const rel of elements(parts.get('word/_rels/document.xml.rels'), 'Relationship')) {
    rels.set(rel.getAttribute('Id') ?? '', {
      target: rel.getAttribute('Target') ?? '',
      mode: rel.getAttribute('TargetMode'),
    });
  }
  return { parts, raw, document, rels };
}

const elements = (root: XmlDocument | Element | undefined, name: string): Element[] =>
  root ? Array.from(root.getElementsByTagName(name)) : [];
const textOf = (element: Element) =>
  elements(element, 'w:t')
    .map((t) => t.textContent ?? '')
    .join('');
const styleOf = (paragraph: Element) => elements(paragraph, 'w:pStyle')[0]?.getAttribute('w:val') ?? null;
const paragraphs = (docx: OpenedDocx) => elements(docx.document, 'w:body').flatMap((body) => elements(body, 'w:p'));
/** Paragraphs outside the table of contents (which repeats the headings). */
const bodyParagraphs = (docx: OpenedDocx) => paragraphs(docx).filter((p) => !styleOf(p)?.startsWith('TOC'));
const withStyle = (docx: OpenedDocx, style: string) =>
  bodyParagraphs(docx)
    .filter((p) => styleOf(p) === style)
    .map(textOf);

describe('renderDocx', () => {
  it('writes a package whose every XML part parses, with no character XML forbids', async () => {
    for (const fixture of [structureDraft, provenanceBrief, urduBrief, hostileDraft]) {
      const docx = await open(fixture);
      expect([...docx.parts.keys()]).toEqual(
        expect.arrayContaining(['[Content_Types].xml', 'word/document.xml', 'word/styles.xml', 'word/numbering.xml']),
      );
      for (const [name, text] of docx.raw) {
        // biome-ignore lint/suspicious/noControlCharactersInRegex: the point of the test
        expect(text, name).not.toMatch(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/);
      }
    }
  });

  it('has a title page, a table-of-contents field, and real heading styles in order', async () => {
    const docx = await open(provenanceBrief);
    expect(withStyle(docx, 'Title')).toEqual(['Plenary brief: recommendations to end trafficking in persons']);
    const body = bodyParagraphs(docx).map(textOf);
    expect(body.slice(0, 8)).toEqual([
      '',
      'POLICY BRIEF',
      'Plenary brief: recommendations to end trafficking in persons',
      'Combating Trafficking in Persons',
      'Islamabad · 27–28 February 2025',
      'Version: Version 2',
      'Generated: 27 November 2026, 09:30 UTC',
      'Contents',
    ]);
    const instructions = elements(docx.document, 'w:instrText').map((i) => i.textContent ?? '');
    expect(instructions).toContain('TOC \\h \\o "1-1"');
    expect(withStyle(docx, 'Heading1')).toEqual(modelOf(provenanceBrief).toc.map((entry) => entry.title));
    expect(withStyle(docx, 'Heading2')).toEqual([
      'Recommendation 1 — Parliamentarians',
      'Recommendation 2 — Law enforcement agencies (police, FIA)',
      'Recommendation 3 — Judiciary',
      'Recommendation 4',
    ]);
    // Printed once; named and linked under its second audience, right under that section's heading.
    const texts = bodyParagraphs(docx).map(textOf);
    const label = texts.indexOf('Also for this audience, printed in full under its first audience:');
    expect(label).toBeGreaterThan(texts.indexOf('Recommendations for Judiciary'));
    expect(texts[label + 1]).toBe('Recommendation 2: Never charge victims for offences they were forced…');
    expect(label + 1).toBeLessThan(texts.indexOf('Recommendation 3 — Judiciary'));
  });

  it('gives each recommendation a compact table of its fields', async () => {
    const docx = await open(provenanceBrief);
    const tables = elements(docx.document, 'w:tbl');
    const rows = (table: Element | undefined) =>
      elements(table, 'w:tr').map((row) => elements(row, 'w:tc').map(textOf));
    expect(rows(tables[0])).toEqual([
      ['Priority', 'High'],
      ['Responsible body', 'Provincial assemblies'],
      ['Timeframe', 'Within 6 months'],
      ['Legal reference', 'Prevention of Trafficking in Persons Act, 2018'],
      ['Status', 'Agreed'],
      ['Audiences', 'Parliamentarians'],
      ['Source', 'Group 1 — Parliamentarians'],
    ]);
    // The annex: groups and the recommendations each contributed, linked to the recommendation.
    expect(rows(tables.at(-1))).toEqual([
      ['Group', 'Recommendation numbers'],
      ['Group 1 — Parliamentarians', '1, 2'],
      ['Group 3 — Law enforcement agencies', '2, 3'],
    ]);
    const bookmarks = new Set(elements(docx.document, 'w:bookmarkStart').map((b) => b.getAttribute('w:name')));
    const anchors = elements(tables.at(-1), 'w:hyperlink').map((h) => h.getAttribute('w:anchor'));
    expect(anchors).toHaveLength(4);
    for (const anchor of anchors) expect(bookmarks).toContain(anchor);
    const ids = elements(docx.document, 'w:bookmarkStart').map((b) => b.getAttribute('w:id'));
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('keeps each recommendation together, and spaces lines by the auto rule', async () => {
    const docx = await open(provenanceBrief);
    // Without lineRule="auto", LibreOffice reads 276 as an exact height and lines overlap.
    expect(docx.raw.get('word/styles.xml')).toMatch(/w:line="276" w:lineRule="auto"/);
    const all = bodyParagraphs(docx);
    const keeps = (paragraph: Element | undefined) => {
      const keepNext = paragraph ? elements(paragraph, 'w:keepNext')[0] : undefined;
      return keepNext !== undefined && !['false', '0'].includes(keepNext.getAttribute('w:val') ?? '');
    };
    const heading = all.findIndex((p) => textOf(p) === 'Recommendation 1 — Parliamentarians');
    const statement = all[heading + 1];
    expect(keeps(statement)).toBe(true);
    // Its fields, the table right after the statement: every row but the last keeps with the next.
    let next = statement?.nextSibling ?? null;
    while (next !== null && next.nodeName !== 'w:tbl') next = next.nextSibling;
    const rows = elements(next as Element | undefined, 'w:tr');
    expect(rows.length).toBeGreaterThan(1);
    expect(rows.map((row) => elements(row, 'w:p').every(keeps))).toEqual(rows.map((_, i) => i < rows.length - 1));
  });

  it('tags Urdu runs as Urdu, so Word neither spell-checks them as English nor reads them in an English voice', async () => {
    const docx = await open(urduBrief);
    const languages = elements(docx.document, 'w:lang').map((lang) => lang.getAttribute('w:bidi'));
    expect(languages.length).toBeGreaterThan(0);
    expect(new Set(languages)).toEqual(new Set(['ur-PK']));
  });

  it('keeps the full numbering in an audience edition', async () => {
    const docx = await open(judiciaryEdition);
    expect(withStyle(docx, 'Heading2')).toEqual(['Recommendation 2 — Judiciary', 'Recommendation 3 — Judiciary']);
    expect(bodyParagraphs(docx).map(textOf)).toContain(
      'Audience edition: Judiciary. Numbering follows the full brief.',
    );
  });

  it('makes lists real Word lists: bullets, a numbered list starting at 3 one level down', async () => {
    const docx = await open(structureDraft);
    const listed = bodyParagraphs(docx).flatMap((p) => {
      const numPr = elements(p, 'w:numPr')[0];
      if (!numPr) return [];
      const level = elements(numPr, 'w:ilvl')[0]?.getAttribute('w:val');
      const numId = elements(numPr, 'w:numId')[0]?.getAttribute('w:val');
      return [{ text: textOf(p), level, numId }];
    });
    expect(listed.map(({ text, level }) => [text, level])).toEqual([
      ['Provincial police', '0'],
      ['FIA circles:', '0'],
      ['Anti-human-trafficking circle', '1'],
      ['Immigration', '1'],
      ['shelter', '0'],
      ['legal aid', '0'],
      // The draft's recommendation for two audiences, named under its second.
      ['Recommendation 2: Refer every identified victim to shelter and legal…', '0'],
    ]);
    // Each list is its own instance, so numbering restarts per list.
    expect(new Set(listed.map((item) => item.numId)).size).toBe(4);
    const numbering = docx.raw.get('word/numbering.xml') ?? '';
    expect(numbering).toMatch(/w:numFmt w:val="bullet"/);
    expect(numbering).toMatch(/<w:start w:val="3"\/>/);
  });

  it('writes hyperlinks as external relationships, and only the safe ones', async () => {
    const docx = await open(structureDraft);
    const links = elements(docx.document, 'w:hyperlink')
      .filter((h) => h.getAttribute('r:id'))
      .map((h) => ({ text: textOf(h), ...docx.rels.get(h.getAttribute('r:id') ?? '') }));
    expect(links).toEqual([
      { text: '2018 Act', target: 'https://example.org/acts/pta-2018', mode: 'External' },
      { text: 'the secretariat', target: 'mailto:secretariat@example.org', mode: 'External' },
    ]);
    const hostile = await open(hostileDraft);
    const targets = [...hostile.rels.values()].filter((rel) => rel.mode === 'External').map((rel) => rel.target);
    expect(targets.sort()).toEqual([
      'https://example.org/%22%3E%3Cscript%3Ealert(7)%3C/script%3E',
      'https://ok.example/',
    ]);
  });

  it('marks Urdu paragraphs right-to-left (w:bidi) and their Urdu runs w:rtl, not the English word inside', async () => {
    const docx = await open(urduBrief);
    const urdu = bodyParagraphs(docx).find((p) => textOf(p) === URDU_PARAGRAPH);
    expect(urdu && elements(urdu, 'w:bidi')).toHaveLength(1);
    expect(urdu && elements(urdu, 'w:rtl')).toHaveLength(1);
    const mixed = bodyParagraphs(docx).find((p) => textOf(p) === 'یہ FIA کی ذمہ داری ہے۔');
    const runs = elements(mixed, 'w:r').map((run) => [textOf(run), elements(run, 'w:rtl').length]);
    expect(runs).toEqual([
      ['یہ ', 1],
      ['FIA', 0],
      [' کی ذمہ داری ہے۔', 1],
    ]);
    const english = bodyParagraphs(docx).find((p) => textOf(p).startsWith('An English paragraph'));
    expect(english && elements(english, 'w:bidi')).toHaveLength(0);
  });

  it('has Word fill in the contents’ page numbers on opening', async () => {
    const docx = await open(provenanceBrief);
    expect(docx.raw.get('word/settings.xml')).toMatch(/<w:updateFields( w:val="(true|1|on)")?\/>/);
  });

  it('numbers pages in the footer beside the title and edition, but not on the title page', async () => {
    const docx = await open(judiciaryEdition);
    const footers = [...docx.raw.entries()].filter(([name]) => /word\/footer\d+\.xml/.test(name)).map(([, xml]) => xml);
    const numbered = footers.filter((xml) => xml.includes('PAGE') && xml.includes('NUMPAGES'));
    expect(numbered).toHaveLength(1);
    expect(numbered[0]).toContain('Edition for Judiciary');
    expect(elements(docx.document, 'w:titlePg')).toHaveLength(1);
  });

  it('keeps hostile text as text', async () => {
    const docx = await open(hostileDraft);
    const text = bodyParagraphs(docx).map(textOf).join('\n');
    expect(text).toContain('Text <script>alert(1)</script><img src=x onerror="alert(2)"> & "quotes" \'single\'  end');
    const instructions = elements(docx.document, 'w:instrText').map((i) => i.textContent ?? '');
    expect(instructions.every((i) => /^(TOC|PAGEREF) /.test(i))).toBe(true);
  });

  it('caps list nesting at Word’s nine levels for lists nested 200 deep', async () => {
    const docx = await open(deeplyNestedDraft(200));
    const levels = elements(docx.document, 'w:ilvl').map((l) => Number(l.getAttribute('w:val')));
    expect(Math.max(...levels)).toBe(7);
    expect(bodyParagraphs(docx).map(textOf)).toContain('level 200');
  });

  it('writes 5 000 recommendations (every fifth also for the Judiciary, named there rather than printed twice)', async () => {
    const files = unzipSync(await renderDocx(modelOf(largeBrief(5_000))));
    const document = strFromU8(files['word/document.xml'] ?? new Uint8Array());
    expect(document.match(/<w:pStyle w:val="Heading2"\/>/g)).toHaveLength(5_000);
  }, 120_000);
});
