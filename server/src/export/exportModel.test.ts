import { extractRecommendations } from '@plenary/shared/domain';
import { describe, expect, it } from 'vitest';
import { type Block, inlineText } from './documentBlocks';
import { buildExportModel } from './exportModel';
import {
  deeplyNestedDraft,
  hostileDraft,
  judiciaryEdition,
  largeBrief,
  provenanceBrief,
  structureDraft,
  URDU_PARAGRAPH,
  urduBrief,
} from './fixtures/exportFixtures';
import { renderMarkdown } from './renderMarkdown';

const numbersBySection = (model: ReturnType<typeof buildExportModel>) =>
  model.recommendationSections.map((section) => ({
    audience: section.audience,
    numbers: section.entries.map((entry) => entry.recommendation.number),
    alsoListed: section.alsoListed?.recommendations.map((r) => r.text) ?? [],
  }));

/** Every text of a block tree, in reading order. */
function texts(blocks: readonly Block[]): string[] {
  return blocks.flatMap((block) => {
    switch (block.kind) {
      case 'paragraph':
      case 'heading':
        return [block.inlines.map((inline) => (inline.kind === 'text' ? inline.text : '\n')).join('')];
      case 'list':
        return block.items.flatMap(texts);
      case 'quote':
        return texts(block.blocks);
      case 'code':
        return [block.text];
      default:
        return [];
    }
  });
}

function maxListDepth(blocks: readonly Block[], depth = 0): number {
  return Math.max(
    depth,
    ...blocks.map((block) =>
      block.kind === 'list'
        ? Math.max(...block.items.map((item) => maxListDepth(item, depth + 1)))
        : block.kind === 'quote'
          ? maxListDepth(block.blocks, depth)
          : depth,
    ),
  );
}

describe('buildExportModel', () => {
  it('numbers recommendations exactly as the editor and the recommendations API do', () => {
    for (const fixture of [structureDraft, provenanceBrief, hostileDraft, urduBrief]) {
      const model = buildExportModel(fixture.doc, fixture.meta);
      const fromModel = model.recommendationSections
        .flatMap((section) => section.entries.map((entry) => [entry.recommendation.number, entry.recommendation.id]))
        .sort((a, b) => Number(a[0]) - Number(b[0]));
      const extracted = extractRecommendations(fixture.doc).map((r) => [r.number, r.id]);
      expect(new Map(fromModel.map(([n, id]) => [n, id]))).toEqual(new Map(extracted.map(([n, id]) => [n, id])));
    }
  });

  it('groups by the workshop’s audience order; one recommendation for two audiences is printed once and named, linked, under the other', () => {
    const model = buildExportModel(provenanceBrief.doc, provenanceBrief.meta);
    expect(numbersBySection(model)).toEqual([
      { audience: 'Parliamentarians', numbers: [1], alsoListed: [] },
      { audience: 'Law enforcement agencies (police, FIA)', numbers: [2], alsoListed: [] },
      {
        audience: 'Judiciary',
        numbers: [3],
        alsoListed: ['Recommendation 2: Never charge victims for offences they were forced…'],
      },
      { audience: null, numbers: [4], alsoListed: [] },
    ]);
    const entries = model.recommendationSections.flatMap((section) => section.entries);
    const headings = entries.map((entry) => entry.heading);
    expect(headings).toContain('Recommendation 2 — Law enforcement agencies (police, FIA)');
    expect(headings).not.toContain('Recommendation 2 — Judiciary');
    const printed = entries.find((entry) => entry.recommendation.number === 2);
    expect(model.recommendationSections[2]?.alsoListed?.recommendations[0]?.anchor).toBe(printed?.anchor);
  });

  it('keeps the full brief’s numbers in an audience edition, and says so on the title page', () => {
    const model = buildExportModel(judiciaryEdition.doc, judiciaryEdition.meta);
    // Read on its own: everything for its audience in full, numbers rising.
    expect(numbersBySection(model)).toEqual([{ audience: 'Judiciary', numbers: [2, 3], alsoListed: [] }]);
    expect(model.recommendationCount).toBe(4);
    expect(model.titlePage.editionNote).toBe('Audience edition: Judiciary. Numbering follows the full brief.');
    // Every page's footer names the edition too, and the full brief's only its title.
    expect(model.runningFooter).toBe(`${judiciaryEdition.meta.document.title} · Edition for Judiciary`);
    expect(buildExportModel(provenanceBrief.doc, provenanceBrief.meta).runningFooter).toBe(
      provenanceBrief.meta.document.title,
    );
    // The annex lists only what the edition contains, its groups by name as in the full brief.
    expect(model.annex?.groups.map((g) => [g.source.groupName, g.recommendations.map((r) => r.number)])).toEqual([
      ['Group 1 — Parliamentarians', [2]],
      ['Group 3 — Law enforcement agencies', [2, 3]],
    ]);
  });

  it('shows an edition audience nobody wrote for as an empty section rather than leaving it out', () => {
    const model = buildExportModel(provenanceBrief.doc, {
      ...provenanceBrief.meta,
      edition: { audiences: ['Policy makers'] },
    });
    expect(numbersBySection(model)).toEqual([{ audience: 'Policy makers', numbers: [], alsoListed: [] }]);
  });

  it('builds the provenance annex from the sources, and names recommendations without one', () => {
    const model = buildExportModel(provenanceBrief.doc, provenanceBrief.meta);
    expect(model.annex?.groups.map((g) => [g.source.groupName, g.recommendations.map((r) => r.number)])).toEqual([
      ['Group 1 — Parliamentarians', [1, 2]],
      ['Group 3 — Law enforcement agencies', [2, 3]],
    ]);
    expect(model.annex?.unattributed).toEqual([4]);
    // The annex links to a recommendation's first appearance.
    expect(model.annex?.groups[1]?.recommendations[0]?.anchor).toBe('rec-2-2');
  });

  it('takes a brief’s executive summary out of the body, drops the title heading and emptied sections', () => {
    const model = buildExportModel(provenanceBrief.doc, provenanceBrief.meta);
    expect(texts(model.executiveSummary?.blocks ?? [])).toEqual([
      'Four groups met in Islamabad and agreed on three priorities for 2025.',
    ]);
    // "Recommendations" held only recommendation blocks, which moved to the grouped sections.
    expect(model.body).toEqual([]);
    expect(model.toc.map((entry) => entry.title)).toEqual([
      'Executive summary',
      'Recommendations for Parliamentarians',
      'Recommendations for Law enforcement agencies (police, FIA)',
      'Recommendations for Judiciary',
      'Recommendations without a named audience',
      'Annex: contributing groups',
    ]);
  });

  it('reads the body of a draft with its headings as the top level, and flags an empty recommendation', () => {
    const model = buildExportModel(structureDraft.doc, structureDraft.meta);
    expect(model.executiveSummary).toBeNull();
    const headings = model.body.flatMap((block) => (block.kind === 'heading' ? [[block.level, block.anchor]] : []));
    expect(headings).toEqual([
      [1, 'section-1'],
      [1, 'section-2'],
    ]);
    const empty = model.recommendationSections.at(-1)?.entries[0]?.recommendation;
    expect(empty).toMatchObject({ number: 3, empty: true });
  });

  it('keeps only http, https and mailto links, and no attribute of the input', () => {
    const model = buildExportModel(hostileDraft.doc, hostileDraft.meta);
    const hrefs = model.body.flatMap((block) =>
      block.kind === 'paragraph' ? block.inlines.flatMap((i) => (i.kind === 'text' && i.href ? [i.href] : [])) : [],
    );
    expect(hrefs).toEqual(['https://example.org/%22%3E%3Cscript%3Ealert(7)%3C/script%3E', 'https://ok.example/']);
    expect(JSON.stringify(model)).not.toMatch(/onclick|attacker\.example|javascript:alert\(3\)/);
  });

  it('strips characters XML cannot carry', () => {
    const model = buildExportModel(hostileDraft.doc, hostileDraft.meta);
    const all = JSON.stringify(model);
    // biome-ignore lint/suspicious/noControlCharactersInRegex: the point of the test
    expect(all).not.toMatch(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|\\u[dD][89abAB]/);
    expect(texts(model.body)).toContain(
      `Text <script>alert(1)</script><img src=x onerror="alert(2)"> & "quotes" 'single'  end`,
    );
  });

  it('resolves each block’s direction from its first strong character', () => {
    const model = buildExportModel(urduBrief.doc, urduBrief.meta);
    const directions = model.body.map((block) =>
      block.kind === 'paragraph' || block.kind === 'heading' ? [texts([block])[0], block.dir] : [],
    );
    expect(directions).toEqual([
      ['خلاصہ', 'rtl'],
      [URDU_PARAGRAPH, 'rtl'],
      ['یہ FIA کی ذمہ داری ہے۔', 'rtl'],
      ['An English paragraph stays left to right.', 'ltr'],
    ]);
  });

  it('flattens lists nested 200 deep past the limit, keeping every line in order', () => {
    const model = buildExportModel(deeplyNestedDraft(200).doc, deeplyNestedDraft(200).meta);
    expect(texts(model.body)).toEqual(['Nested', ...Array.from({ length: 200 }, (_, i) => `level ${i + 1}`)]);
    expect(maxListDepth(model.body)).toBe(8);
  });

  it('survives nesting far deeper than any stack, without recursing through it', () => {
    let node: Record<string, unknown> = { type: 'paragraph', content: [{ type: 'text', text: 'bottom' }] };
    for (let i = 0; i < 100_000; i++) node = { type: i % 2 ? 'blockquote' : 'mystery', content: [node] };
    const model = buildExportModel({ type: 'doc', content: [node] }, structureDraft.meta);
    expect(texts(model.body)).toEqual(['bottom']);
  });

  it('builds 5 000 recommendations in a couple of seconds at most (nothing quadratic)', () => {
    const fixture = largeBrief(5_000);
    const started = performance.now();
    const model = buildExportModel(fixture.doc, fixture.meta);
    expect(performance.now() - started).toBeLessThan(2_000);
    expect(model.recommendationCount).toBe(5_000);
  });

  it('accepts anything as a document', () => {
    for (const doc of [
      null,
      42,
      'doc',
      [],
      { type: 'doc' },
      { content: [null, 1, 'x', { type: 'paragraph', content: {} }] },
    ]) {
      expect(buildExportModel(doc, structureDraft.meta).body).toEqual([]);
    }
  });
});

describe('the rapporteurs’ own text around the recommendations', () => {
  const heading = (level: number, text: string) => ({
    type: 'heading',
    attrs: { level },
    content: [{ type: 'text', text }],
  });
  const paragraph = (text: string) => ({ type: 'paragraph', content: [{ type: 'text', text }] });
  const rec = (id: string, audiences: string[]) => ({
    type: 'recommendation',
    attrs: { id, audiences },
    content: [paragraph(`Text of ${id}`)],
  });
  const doc = {
    type: 'doc',
    content: [
      heading(1, 'Brief'),
      heading(2, 'Background'),
      paragraph('Why we met.'),
      heading(2, 'Recommendations'),
      paragraph('Twelve recommendations, by audience.'),
      heading(3, 'Judiciary'),
      paragraph('Judges asked for these first.'),
      rec('judges', ['Judiciary']),
      heading(3, 'Parliamentarians'),
      rec('parl', ['Parliamentarians']),
      heading(2, 'Next steps'),
      paragraph('Meet again in June.'),
    ],
  };
  const meta = {
    workshop: { title: 'W', venue: '', startsOn: null, endsOn: null },
    document: { title: 'Brief', kind: 'brief' as const },
    audiences: ['Parliamentarians', 'Judiciary'],
    generatedAt: new Date('2025-02-28T12:00:00Z'),
  };
  const text = (blocks: Block[]) =>
    blocks.map((block) => ('inlines' in block ? `${block.kind}:${inlineText(block.inlines)}` : block.kind));

  it('keeps what follows the recommendations after them, and an audience’s note in its section', () => {
    const model = buildExportModel(doc, meta);
    expect(text(model.body)).toEqual([
      'heading:Background',
      'paragraph:Why we met.',
      'heading:Recommendations',
      'paragraph:Twelve recommendations, by audience.',
    ]);
    expect(model.recommendationSections.map((section) => [section.audience, text(section.notes)])).toEqual([
      ['Parliamentarians', []],
      ['Judiciary', ['paragraph:Judges asked for these first.']],
    ]);
    expect(text(model.closing)).toEqual(['heading:Next steps', 'paragraph:Meet again in June.']);
    expect(model.toc.map((entry) => entry.title)).toEqual([
      'Background',
      'Recommendations',
      'Recommendations for Parliamentarians',
      'Recommendations for Judiciary',
      'Next steps',
    ]);
  });

  it('leaves an audience-named heading where it is when its section holds no recommendations', () => {
    const withSubheadings = {
      type: 'doc',
      content: [
        heading(2, 'Background'),
        heading(3, 'Judiciary'),
        paragraph('Courts take five years.'),
        heading(3, 'Police'),
        paragraph('Police raids found 40 victims.'),
        heading(2, 'Recommendations'),
        heading(3, 'Judiciary'),
        rec('judges', ['Judiciary']),
        heading(2, 'Next steps'),
        heading(3, 'Judiciary'),
        paragraph('Judges report back in June.'),
      ],
    };
    const model = buildExportModel(withSubheadings, { ...meta, audiences: ['Police', 'Judiciary'] });
    const everything = [
      ...text(model.body),
      ...model.recommendationSections.flatMap((section) => text(section.notes)),
      ...text(model.closing),
    ];
    // Nothing is lost, and the background's and next steps' subsections stay in place.
    expect(text(model.body)).toEqual([
      'heading:Background',
      'heading:Judiciary',
      'paragraph:Courts take five years.',
      'heading:Police',
      'paragraph:Police raids found 40 victims.',
    ]);
    expect(text(model.closing)).toEqual([
      'heading:Next steps',
      'heading:Judiciary',
      'paragraph:Judges report back in June.',
    ]);
    expect(everything.filter((line) => line.startsWith('paragraph:'))).toHaveLength(3);
  });

  it('orders sections of audiences outside the workshop’s list as their numbers run', () => {
    const renamed = {
      type: 'doc',
      content: [rec('b', ['Youth']), rec('a', ['Judiciary', 'Elders']), rec('c', ['Elders'])],
    };
    const model = buildExportModel(renamed, { ...meta, audiences: ['Judiciary'] });
    const printed = model.recommendationSections.flatMap((section) =>
      section.entries.map((entry) => entry.recommendation.number),
    );
    expect(printed).toEqual([...printed].sort((a, b) => a - b));
  });

  it('prints them in that order (Markdown; the other formats follow the same model)', () => {
    const model = buildExportModel(doc, meta);
    const markdown = renderMarkdown(model);
    const order = [
      'Why we met.',
      'Recommendations for Parliamentarians',
      'Recommendations for Judiciary',
      'Judges asked for these first.',
      'Text of judges',
      'Meet again in June.',
    ];
    // Each piece after the one before it (the Contents list names the sections first).
    let from = 0;
    for (const piece of order) {
      const at = markdown.indexOf(piece, from);
      expect(at, piece).toBeGreaterThanOrEqual(0);
      from = at + piece.length;
    }
  });
});

describe('which copy it is', () => {
  const meta = (kind: 'brief' | 'draft', versionName?: string) => ({
    workshop: { title: 'W', venue: '', startsOn: null, endsOn: null },
    document: { title: 'Brief', kind },
    audiences: [],
    generatedAt: new Date('2025-02-28T12:00:00Z'),
    ...(versionName ? { versionName } : {}),
  });
  const doc = { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Text.' }] }] };

  it('says a brief exported from its live text is a working copy, and a published one which version it is', () => {
    expect(buildExportModel(doc, meta('brief')).titlePage.versionName).toBe('Working copy, not a published version');
    expect(buildExportModel(doc, meta('brief', 'Published version 2')).titlePage.versionName).toBe(
      'Published version 2',
    );
    expect(buildExportModel(doc, meta('draft')).titlePage.versionName).toBeNull();
  });
});

describe('reading order of a brief', () => {
  const rec = (id: string, priority: string | null, audiences: string[]) => ({
    type: 'recommendation',
    attrs: { id, priority, audiences },
    content: [{ type: 'paragraph', content: [{ type: 'text', text: `Text of ${id}` }] }],
  });
  const meta = (kind: 'brief' | 'draft') => ({
    workshop: { title: 'W', venue: '', startsOn: null, endsOn: null },
    document: { title: 'Brief', kind },
    audiences: ['Parliamentarians', 'Judiciary'],
    generatedAt: new Date('2025-02-28T12:00:00Z'),
  });
  const doc = {
    type: 'doc',
    content: [
      rec('low-judiciary', 'low', ['Judiciary']),
      rec('high-both', 'high', ['Parliamentarians', 'Judiciary']),
      rec('medium-parl', 'medium', ['Parliamentarians']),
      rec('unset-judiciary', null, ['Judiciary']),
    ],
  };
  const idsBySection = (model: ReturnType<typeof buildExportModel>) =>
    model.recommendationSections.map((section) => [
      section.audience,
      section.entries.map((e) => `${e.recommendation.number}:${e.recommendation.id}`),
      ...(section.alsoListed ? [section.alsoListed.recommendations.map((r) => r.text)] : []),
    ]);

  it('orders a brief by audience, then priority, then document order, and numbers it in that order', () => {
    expect(idsBySection(buildExportModel(doc, meta('brief')))).toEqual([
      ['Parliamentarians', ['1:high-both', '2:medium-parl']],
      ['Judiciary', ['3:low-judiciary', '4:unset-judiciary'], ['Recommendation 1: Text of high-both']],
    ]);
  });

  it('prints a recommendation for several audiences under its own first one, as the rapporteurs filed it', () => {
    const filed = {
      type: 'doc',
      content: [
        rec('parl', 'low', ['Parliamentarians']),
        rec('judges-first', 'high', ['Judiciary', 'Parliamentarians']),
      ],
    };
    expect(idsBySection(buildExportModel(filed, meta('brief')))).toEqual([
      ['Parliamentarians', ['1:parl'], ['Recommendation 2: Text of judges-first']],
      ['Judiciary', ['2:judges-first']],
    ]);
  });

  it('keeps those numbers in an audience edition', () => {
    const edition = buildExportModel(doc, { ...meta('brief'), edition: { audiences: ['Judiciary'] } });
    expect(idsBySection(edition)).toEqual([['Judiciary', ['1:high-both', '3:low-judiciary', '4:unset-judiciary']]]);
  });

  it('leaves a group draft in its document order', () => {
    expect(idsBySection(buildExportModel(doc, meta('draft')))[1]).toEqual([
      'Judiciary',
      ['1:low-judiciary', '4:unset-judiciary'],
      ['Recommendation 2: Text of high-both'],
    ]);
  });
});
