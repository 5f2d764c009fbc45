import {
  AlignmentType,
  Bookmark,
  BorderStyle,
  Document,
  ExternalHyperlink,
  type FileChild,
  Footer,
  HeadingLevel,
  type INumberingOptions,
  InternalHyperlink,
  LevelFormat,
  LineRuleType,
  Packer,
  PageNumber,
  Paragraph,
  type ParagraphChild,
  ShadingType,
  Table,
  TableCell,
  TableLayoutType,
  TableOfContents,
  TableRow,
  TabStopType,
  TextRun,
  WidthType,
} from 'docx';
import type { Block, Inline } from './documentBlocks';
import { URDU_FAMILY } from './exportFonts';
import type { AudienceSection, ExportModel, RecommendationEntry } from './exportModel';
import { type Direction, directionOf, languageOf, splitByDirection } from './exportText';

const BODY_FONT = 'Calibri';
/** Letters that are certainly left-to-right, removed to see whether any other letter is left. */
const LATIN_ONLY = /[A-Za-z\u00C0-\u024F]/g;
const ACCENT = '2F5D8A';
const MUTED = '4A5563';
const RULE = 'C5CCD6';
const BULLET = 'plenary-bullet';
const orderedReference = (start: number) => `plenary-ordered-${start}`;
const HEADINGS = [
  HeadingLevel.HEADING_1,
  HeadingLevel.HEADING_2,
  HeadingLevel.HEADING_3,
  HeadingLevel.HEADING_4,
  HeadingLevel.HEADING_5,
  HeadingLevel.HEADING_6,
] as const;

/** What the walk needs to remember: one numbering instance per list, and the start values used. */
interface DocxContext {
  nextInstance: number;
  orderedStarts: Set<number>;
  /** While a recommendation's statement is written: each paragraph stays on the page of the next. */
  keepNext?: boolean;
}

/**
 * A Word document with real structure: title page, table-of-contents field, heading styles, Word
 * lists, hyperlinks, recommendation tables, page numbers, right-to-left paragraphs.
 */
export async function renderDocx(model: ExportModel): Promise<Uint8Array> {
  const context: DocxContext = { nextInstance: 1, orderedStarts: new Set([1]) };
  const children: FileChild[] = [...titlePage(model), ...contents(model), ...mainContent(model, context)];
  const document = new Document({
    creator: 'Plenary',
    title: model.titlePage.title,
    description: [model.titlePage.kindLabel, model.titlePage.workshopTitle].filter(Boolean).join(' — '),
    // Page numbers are known only once Word lays the pages out: it fills the contents in on opening
    // (asking first, as Word does for any field), where it showed the entries without them.
    features: { updateFields: model.toc.length > 0 },
    styles: {
      default: {
        // An explicit "auto" rule: without it LibreOffice reads 276 as an exact line height, and
        // lines of the title and of Urdu text overlap.
        document: {
          run: { font: BODY_FONT, size: 22 },
          paragraph: { spacing: { after: 120, line: 276, lineRule: LineRuleType.AUTO } },
        },
        title: {
          run: { font: BODY_FONT, size: 52, bold: true, color: '16324F' },
          paragraph: { spacing: { after: 240 } },
        },
        heading1: {
          run: { font: BODY_FONT, size: 32, bold: true, color: '16324F' },
          paragraph: { spacing: { before: 360, after: 160 }, keepNext: true },
        },
        heading2: {
          run: { font: BODY_FONT, size: 26, bold: true, color: '16324F' },
          paragraph: { spacing: { before: 280, after: 120 }, keepNext: true },
        },
        heading3: { run: { font: BODY_FONT, size: 23, bold: true, color: '16324F' }, paragraph: { keepNext: true } },
        heading4: { run: { font: BODY_FONT, size: 22, bold: true }, paragraph: { keepNext: true } },
        heading5: { run: { font: BODY_FONT, size: 22, bold: true, italics: true }, paragraph: { keepNext: true } },
      },
      paragraphStyles: [
        {
          id: 'Quote',
          name: 'Quote',
          basedOn: 'Normal',
          run: { italics: true, color: '37414D' },
          paragraph: {
            indent: { left: 567 },
            border: { left: { style: BorderStyle.SINGLE, size: 12, color: RULE, space: 8 } },
          },
        },
        {
          id: 'Code',
          name: 'Code',
          basedOn: 'Normal',
          run: { font: 'Consolas', size: 19 },
          paragraph: { shading: { type: ShadingType.CLEAR, fill: 'F3F5F7', color: 'auto' } },
        },
        {
          id: 'CellText',
          name: 'Table Text',
          basedOn: 'Normal',
          run: { size: 20 },
          paragraph: { spacing: { after: 0 } },
        },
        {
          id: 'CellLabel',
          name: 'Table Label',
          basedOn: 'CellText',
          run: { bold: true, color: '37414D' },
        },
        {
          id: 'ContentsHeading',
          name: 'Contents Heading',
          basedOn: 'Normal',
          run: { size: 32, bold: true, color: '16324F' },
          paragraph: { spacing: { after: 200 } },
        },
      ],
    },
    numbering: numberingConfig(context),
    sections: [
      {
        properties: {
          // Page numbers on every page but the title page.
          titlePage: true,
          page: {
            size: { width: 11906, height: 16838 },
            margin: { top: 1134, bottom: 1134, left: 1134, right: 1134, footer: 567 },
          },
        },
        footers: {
          default: new Footer({
            children: [
              new Paragraph({
                // The label at the start, the page number at the end, as the PDF's footer has them.
                tabStops: [{ type: TabStopType.RIGHT, position: TEXT_WIDTH }],
                children: [
                  ...runsFor(model.runningFooter, 'ltr', { size: 18, color: MUTED }),
                  new TextRun({
                    size: 18,
                    color: MUTED,
                    children: ['\t', 'Page ', PageNumber.CURRENT, ' of ', PageNumber.TOTAL_PAGES],
                  }),
                ],
              }),
            ],
          }),
          first: new Footer({ children: [new Paragraph({})] }),
        },
        children,
      },
    ],
  });
  return Packer.toBuffer(document);
}

/** One bullet list definition, and one numbered definition per start value the walk met. */
function numberingConfig(context: DocxContext): INumberingOptions {
  const bullets = ['•', '◦', '▪'];
  const formats = [LevelFormat.DECIMAL, LevelFormat.LOWER_LETTER, LevelFormat.LOWER_ROMAN];
  const indent = (level: number) => ({ left: 567 * (level + 1), hanging: 283 });
  return {
    config: [
      {
        reference: BULLET,
        levels: Array.from({ length: 9 }, (_, level) => ({
          level,
          format: LevelFormat.BULLET,
          text: bullets[level % bullets.length] ?? '•',
          alignment: AlignmentType.START,
          style: { paragraph: { indent: indent(level) } },
        })),
      },
      ...[...context.orderedStarts].map((start) => ({
        reference: orderedReference(start),
        levels: Array.from({ length: 9 }, (_, level) => ({
          level,
          format: formats[level % formats.length] ?? LevelFormat.DECIMAL,
          text: `%${level + 1}.`,
          // Only the list's own level starts where the document says; nested levels count from 1.
          start: level === 0 ? start : 1,
          alignment: AlignmentType.START,
          style: { paragraph: { indent: indent(level) } },
        })),
      })),
    ],
  };
}

function titlePage(model: ExportModel): Paragraph[] {
  const page = model.titlePage;
  const place = [page.venue, page.dates].filter(Boolean).join(' · ');
  const line = (text: string, run: ConstructorParameters<typeof TextRun>[0] & object, spacingAfter = 120) =>
    new Paragraph({
      ...directionProps(dirOf(text)),
      spacing: { after: spacingAfter },
      children: runsFor(text, dirOf(text), run),
    });
  const paragraphs = [
    new Paragraph({ spacing: { before: 2400 }, children: [] }),
    line(page.kindLabel.toUpperCase(), { color: MUTED, size: 20, characterSpacing: 40 }),
    new Paragraph({
      heading: HeadingLevel.TITLE,
      ...directionProps(dirOf(page.title)),
      children: runsFor(page.title, dirOf(page.title)),
    }),
  ];
  if (page.workshopTitle) paragraphs.push(line(page.workshopTitle, { size: 30 }));
  if (place) paragraphs.push(line(place, { color: MUTED, size: 24 }, 480));
  if (page.editionNote) {
    paragraphs.push(
      new Paragraph({
        ...directionProps(dirOf(page.editionNote)),
        shading: { type: ShadingType.CLEAR, fill: 'EEF3F8', color: 'auto' },
        border: { left: { style: BorderStyle.SINGLE, size: 24, color: ACCENT, space: 8 } },
        spacing: { after: 360 },
        children: runsFor(page.editionNote, dirOf(page.editionNote), { bold: true }),
      }),
    );
  }
  if (page.versionName) paragraphs.push(labelled('Version', page.versionName));
  paragraphs.push(labelled('Generated', page.generated));
  return paragraphs;
}

function labelled(label: string, value: string): Paragraph {
  return new Paragraph({
    spacing: { after: 60 },
    children: [
      new TextRun({ text: `${label}: `, bold: true, color: MUTED, size: 20 }),
      ...runsFor(value, 'ltr', { color: MUTED, size: 20 }),
    ],
  });
}

function contents(model: ExportModel): FileChild[] {
  if (model.toc.length === 0) return [];
  return [
    new Paragraph({ style: 'ContentsHeading', pageBreakBefore: true, children: [new TextRun('Contents')] }),
    new TableOfContents('Contents', { hyperlink: true, headingStyleRange: '1-1' }),
  ];
}

function mainContent(model: ExportModel, context: DocxContext): FileChild[] {
  const children: FileChild[] = [];
  let first = true;
  // The first section opens a new page after the title page (and the contents).
  const heading = (text: string, anchor: string, dir: Direction) => {
    const paragraph = headingParagraph(1, anchor, runsFor(text, dir), dir, first);
    first = false;
    return paragraph;
  };
  if (model.executiveSummary) {
    children.push(heading('Executive summary', model.executiveSummary.anchor, 'ltr'));
    children.push(...blocksDocx(model.executiveSummary.blocks, context));
  }
  const ownText = (blocks: Block[]) => {
    for (const block of blocks) {
      if (block.kind === 'heading' && block.level === 1) {
        children.push(headingParagraph(1, block.anchor, inlinesDocx(block.inlines, block.dir), block.dir, first));
      } else {
        // Body text before any heading still starts on a page of its own.
        if (first) children.push(new Paragraph({ pageBreakBefore: true, children: [] }));
        children.push(...blockDocx(block, context, 0));
      }
      first = false;
    }
  };
  ownText(model.body);
  for (const section of model.recommendationSections) {
    children.push(heading(section.title, section.anchor, section.dir), ...audienceSection(section, context));
  }
  ownText(model.closing);
  if (model.annex) {
    const annex = model.annex;
    children.push(heading(annex.title, annex.anchor, 'ltr'), new Paragraph({ children: [new TextRun(annex.intro)] }));
    children.push(
      table(
        [
          [cellParagraphs(annex.columns.group, 'ltr', true), cellParagraphs(annex.columns.numbers, 'ltr', true)],
          ...annex.groups.map((group) => [
            cellParagraphs(group.source.groupName || 'Unnamed group', group.dir),
            [
              new Paragraph({
                children: group.recommendations.flatMap((r, index) => [
                  ...(index > 0 ? [new TextRun(', ')] : []),
                  new InternalHyperlink({
                    anchor: bookmarkName(r.anchor),
                    children: [new TextRun({ text: String(r.number), style: 'Hyperlink' })],
                  }),
                ]),
              }),
            ],
          ]),
        ],
        [40, 60],
        true,
      ),
    );
    if (annex.unattributed.length > 0) {
      children.push(
        new Paragraph({
          spacing: { before: 200 },
          children: [new TextRun(`Recommendations with no recorded source: ${annex.unattributed.join(', ')}.`)],
        }),
      );
    }
  }
  if (model.comments) {
    children.push(heading(model.comments.title, model.comments.anchor, 'ltr'));
    if (model.comments.threads.length === 0) children.push(new Paragraph({ children: [new TextRun('No comments.')] }));
    for (const thread of model.comments.threads) {
      children.push(
        new Paragraph({
          ...directionProps(thread.dir),
          spacing: { before: 200 },
          children: [new TextRun({ text: `${thread.number}. “${thread.quote}”`, italics: true })],
        }),
        new Paragraph({ children: [new TextRun({ text: thread.status, italics: true })] }),
        ...thread.entries.map(
          (entry) =>
            new Paragraph({
              ...directionProps(entry.dir),
              children: [
                new TextRun({ text: `${entry.author} (${entry.when}): `, bold: true }),
                new TextRun(entry.text),
              ],
            }),
        ),
      );
    }
  }
  return children;
}

function audienceSection(section: AudienceSection, context: DocxContext): FileChild[] {
  const children: FileChild[] = blocksDocx(section.notes, context);
  if (section.entries.length === 0 && !section.alsoListed) {
    children.push(
      new Paragraph({ children: [new TextRun({ text: 'No recommendations for this audience.', italics: true })] }),
    );
    return children;
  }
  // Under the heading, not after the recommendations: a reader of this section learns of them first.
  if (section.alsoListed) {
    const { label, recommendations } = section.alsoListed;
    const instance = context.nextInstance++;
    children.push(
      new Paragraph({ keepNext: true, children: [new TextRun({ text: label, italics: true })] }),
      ...recommendations.map(
        (r, index) =>
          new Paragraph({
            keepNext: index < recommendations.length - 1,
            numbering: { reference: BULLET, level: 0, instance },
            children: [
              new InternalHyperlink({
                anchor: bookmarkName(r.anchor),
                children: [new TextRun({ text: r.text, style: 'Hyperlink' })],
              }),
            ],
          }),
      ),
    );
  }
  children.push(...section.entries.flatMap((entry) => recommendationDocx(entry, context)));
  return children;
}

function recommendationDocx(entry: RecommendationEntry, context: DocxContext): FileChild[] {
  const { recommendation } = entry;
  // A recommendation is read whole: its statement and every row of its fields but the last keep
  // with what follows (a row alone cannot split, but the table could, and the statement leave it).
  context.keepNext = true;
  const statement = recommendation.empty
    ? [
        new Paragraph({
          keepNext: true,
          children: [new TextRun({ text: 'No statement yet.', italics: true, color: MUTED })],
        }),
      ]
    : blocksDocx(recommendation.statement, context);
  context.keepNext = false;
  const last = recommendation.facts.length - 1;
  const facts = table(
    recommendation.facts.map((fact, index) => [
      cellParagraphs(fact.label, 'ltr', true, index < last),
      cellParagraphs(fact.value, dirOf(fact.value), false, index < last),
    ]),
    [30, 70],
    false,
  );
  return [
    headingParagraph(2, entry.anchor, runsFor(entry.heading, entry.dir), entry.dir, false),
    ...statement,
    ...(recommendation.facts.length > 0 ? [facts] : []),
    new Paragraph({ spacing: { after: 120 }, children: [] }),
  ];
}

function headingParagraph(
  level: number,
  anchor: string,
  runs: ParagraphChild[],
  dir: Direction,
  pageBreakBefore: boolean,
): Paragraph {
  return new Paragraph({
    heading: HEADINGS[Math.min(Math.max(level, 1), 6) - 1],
    ...directionProps(dir),
    pageBreakBefore,
    children: anchor ? [new Bookmark({ id: bookmarkName(anchor), children: runs })] : runs,
  });
}

/** Word bookmark names: a letter first, then letters, digits and underscores, at most 40. */
function bookmarkName(anchor: string): string {
  return `_${anchor}`
    .replace(/[^A-Za-z0-9_]/g, '_')
    .replace(/^_/, 'p_')
    .slice(0, 40);
}

/** Text area width of an A4 page with 2 cm margins, in twentieths of a point. */
const TEXT_WIDTH = 11906 - 2 * 1134;

// Cell margins, widths and text formatting live on the table and in styles, not on every cell: a
// brief has thousands of cells, and each property is an object the docx library must serialise.
function table(rows: Paragraph[][][], widths: [number, number], header: boolean): Table {
  const border = { style: BorderStyle.SINGLE, size: 4, color: RULE };
  return new Table({
    width: { size: TEXT_WIDTH, type: WidthType.DXA },
    columnWidths: widths.map((percent) => Math.round((TEXT_WIDTH * percent) / 100)),
    layout: TableLayoutType.FIXED,
    margins: { top: 40, bottom: 40, left: 100, right: 100 },
    borders: {
      top: border,
      bottom: border,
      left: border,
      right: border,
      insideHorizontal: border,
      insideVertical: border,
    },
    rows: rows.map(
      (cells, rowIndex) =>
        new TableRow({
          ...(header && rowIndex === 0 ? { tableHeader: true } : {}),
          cantSplit: true,
          children: cells.map((children) => new TableCell({ children })),
        }),
    ),
  });
}

function cellParagraphs(text: string, dir: Direction, label = false, keepNext = false): Paragraph[] {
  return [
    new Paragraph({
      style: label ? 'CellLabel' : 'CellText',
      ...(keepNext ? { keepNext: true } : {}),
      ...directionProps(dir),
      children: runsFor(text, dir),
    }),
  ];
}

/** Blocks to Word paragraphs; list items become numbered paragraphs at their level. */
function blocksDocx(blocks: readonly Block[], context: DocxContext, listLevel = 0, quote = false): FileChild[] {
  return blocks.flatMap((block) => blockDocx(block, context, listLevel, quote));
}

function blockDocx(block: Block, context: DocxContext, listLevel: number, quote = false): FileChild[] {
  const style = { ...(quote ? { style: 'Quote' } : {}), ...(context.keepNext ? { keepNext: true } : {}) };
  switch (block.kind) {
    case 'paragraph':
      return [
        new Paragraph({ ...style, ...directionProps(block.dir), children: inlinesDocx(block.inlines, block.dir) }),
      ];
    case 'heading':
      return [headingParagraph(block.level, block.anchor, inlinesDocx(block.inlines, block.dir), block.dir, false)];
    case 'list': {
      const reference = block.ordered ? orderedReference(block.start) : BULLET;
      if (block.ordered) context.orderedStarts.add(block.start);
      const instance = context.nextInstance++;
      const level = Math.min(listLevel, 8);
      return block.items.flatMap((item) =>
        item.flatMap((itemBlock, index): FileChild[] => {
          if (itemBlock.kind === 'list') return blockDocx(itemBlock, context, level + 1, quote);
          if (itemBlock.kind !== 'paragraph') return blockDocx(itemBlock, context, level + 1, quote);
          // The item's first paragraph carries the number; later ones sit under it without one.
          const placement =
            index === 0 ? { numbering: { reference, level, instance } } : { indent: { left: 567 * (level + 1) } };
          return [
            new Paragraph({
              ...style,
              ...directionProps(itemBlock.dir),
              ...placement,
              children: inlinesDocx(itemBlock.inlines, itemBlock.dir),
            }),
          ];
        }),
      );
    }
    case 'quote':
      return blocksDocx(block.blocks, context, listLevel, true);
    case 'code':
      return [
        new Paragraph({
          style: 'Code',
          ...(context.keepNext ? { keepNext: true } : {}),
          children: block.text.split('\n').map((line, index) => new TextRun({ text: line, break: index > 0 ? 1 : 0 })),
        }),
      ];
    case 'rule':
      return [
        new Paragraph({
          border: { bottom: { style: BorderStyle.SINGLE, size: 6, color: RULE, space: 1 } },
          children: [],
        }),
      ];
  }
}

type RunOptions = Omit<ConstructorParameters<typeof TextRun>[0] & object, 'text' | 'children'>;

function inlinesDocx(inlines: readonly Inline[], dir: Direction): ParagraphChild[] {
  return inlines.flatMap((inline): ParagraphChild[] => {
    if (inline.kind === 'break') return [new TextRun({ break: 1 })];
    const options: RunOptions = {
      ...(inline.marks.bold ? { bold: true } : {}),
      ...(inline.marks.italic ? { italics: true } : {}),
      ...(inline.marks.underline ? { underline: {} } : {}),
      ...(inline.marks.strike ? { strike: true } : {}),
      ...(inline.marks.code ? { font: 'Consolas' } : {}),
      ...(inline.href ? { style: 'Hyperlink' } : {}),
    };
    const runs = runsFor(inline.text, dir, options);
    return inline.href ? [new ExternalHyperlink({ link: inline.href, children: runs })] : runs;
  });
}

/** Text as runs of one direction each: right-to-left runs are marked so Word orders and shapes them. */
function runsFor(text: string, dir: Direction, options: RunOptions = {}): TextRun[] {
  // The common case, plain left-to-right text, as the lightest run there is.
  if (dir === 'ltr' && Object.keys(options).length === 0 && !/\p{L}/u.test(text.replace(LATIN_ONLY, ''))) {
    return [new TextRun(text)];
  }
  return splitByDirection(text, dir).map((run) =>
    run.dir === 'rtl'
      ? new TextRun({
          ...options,
          text: run.text,
          rightToLeft: true,
          font: { cs: URDU_FAMILY },
          // Word spell-checks and reads aloud a right-to-left run in its "bidi" language.
          ...(languageOf(run.text) === 'ur' ? { language: { bidirectional: 'ur-PK' } } : {}),
        })
      : new TextRun({ ...options, text: run.text }),
  );
}

function directionProps(dir: Direction): { bidirectional?: boolean } {
  return dir === 'rtl' ? { bidirectional: true } : {};
}

const dirOf = (text: string): Direction => directionOf(text) ?? 'ltr';
