import { describe, expect, it } from 'vitest';
import { exportFileName, slug } from './exportFileName';
import type { ExportMetadata } from './exportModel';

const meta = (workshop: string, document: string, extra: Partial<ExportMetadata> = {}): ExportMetadata => ({
  workshop: { title: workshop, venue: 'Islamabad', startsOn: null, endsOn: null },
  document: { title: document, kind: 'brief' },
  audiences: [],
  generatedAt: new Date('2026-11-27T10:00:00Z'),
  ...extra,
});

describe('exportFileName', () => {
  it('names workshop, document, version, edition and date', () => {
    expect(
      exportFileName(
        meta('Combating Trafficking in Persons', 'Plenary brief', {
          versionName: 'Version 2',
          edition: { audiences: ['Judiciary'] },
        }),
        'pdf',
      ),
    ).toBe('combating-trafficking-in-persons-plenary-brief-version-2-judiciary-2026-11-27.pdf');
  });

  it('says the workshop once when the document is named after it, and cuts long names between words', () => {
    const name = exportFileName(
      meta(
        'National Conference on Combating Trafficking in Persons',
        'Recommendations of the National Conference on Combating Trafficking in Persons',
        { versionName: 'Published version 1', edition: { audiences: ['Judiciary'] } },
      ),
      'pdf',
    );
    expect(name).toBe(
      'recommendations-of-the-national-conference-on-combating-published-version-1-judiciary-2026-11-27.pdf',
    );
  });

  it('drops the workshop only when the document names it in whole words', () => {
    expect(exportFileName(meta('Art', 'Start-up brief'), 'md')).toBe('art-start-up-brief-2026-11-27.md');
    expect(exportFileName(meta('انسانی اسمگلنگ', 'Plenary brief'), 'md')).toBe('workshop-plenary-brief-2026-11-27.md');
  });

  it('keeps a word longer than the limit rather than returning nothing', () => {
    expect(slug('Antidisestablishmentarianism', 10)).toBe('antidisest');
    expect(slug('Ministry of Interior', 11)).toBe('ministry-of');
    expect(slug('Ministry of Interior', 12)).toBe('ministry-of');
  });
});
