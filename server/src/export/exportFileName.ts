import type { ExportMetadata } from './exportModel';

export type ExportFormat = 'docx' | 'pdf' | 'html' | 'md';

/** What each format is served as. */
export const CONTENT_TYPE: Record<ExportFormat, string> = {
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  pdf: 'application/pdf',
  html: 'text/html; charset=utf-8',
  md: 'text/markdown; charset=utf-8',
};

/**
 * Lowercase ASCII letters, digits and single hyphens; accents dropped, other scripts gone. Cut to
 * `maxLength` at a word boundary when there is one ("combating-trafficking", not "combating-traf").
 */
export function slug(text: string, maxLength = 48): string {
  const full = text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  if (full.length <= maxLength) return full;
  const cut = full.slice(0, maxLength);
  const lastBoundary = full[maxLength] === '-' ? maxLength : cut.lastIndexOf('-');
  return (lastBoundary > 0 ? cut.slice(0, lastBoundary) : cut).replace(/-+$/g, '');
}

/**
 * "combating-trafficking-in-persons-plenary-brief-version-2-judiciary-2026-11-27.pdf": workshop,
 * document, version, edition and date, in characters every file system and header accepts.
 */
export function exportFileName(meta: ExportMetadata, format: ExportFormat): string {
  const workshopWords = slug(meta.workshop.title, Number.POSITIVE_INFINITY);
  const documentWords = slug(meta.document.title, Number.POSITIVE_INFINITY);
  // A brief named after its workshop ("Recommendations of the National Conference on …") would
  // say the workshop twice. Whole words only: workshop "Art" is not named by "Start-up brief".
  const namesWorkshop = workshopWords !== '' && `-${documentWords}-`.includes(`-${workshopWords}-`);
  const parts = [
    namesWorkshop ? '' : slug(meta.workshop.title) || 'workshop',
    slug(meta.document.title, 64) || meta.document.kind,
    slug(meta.versionName ?? '', 24),
    slug((meta.edition?.audiences ?? []).join(' '), 32),
    meta.generatedAt.toISOString().slice(0, 10),
  ];
  return `${parts.filter(Boolean).join('-')}.${format}`;
}
