import type { ExportMetadata } from './exportModel';

export type ExportFormat = 'docx' | 'pdf' | 'html' | 'md';

/** What each format is served as. */
export const CONTENT_TYPE: Record<ExportFormat, string> = {
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  pdf: 'application/pdf',
  html: 'text/html; charset=utf-8',
  md: 'text/markdown; charset=utf-8',
};

/** Lowercase ASCII letters, digits and single hyphens; accents dropped, other scripts gone. */
export function slug(text: string, maxLength = 48): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .slice(0, maxLength)
    .replace(/^-+|-+$/g, '');
}

/**
 * "combating-trafficking-in-persons-plenary-brief-version-2-judiciary-2026-11-27.pdf": workshop,
 * document, version, edition and date, in characters every file system and header accepts.
 */
export function exportFileName(meta: ExportMetadata, format: ExportFormat): string {
  const parts = [
    slug(meta.workshop.title) || 'workshop',
    slug(meta.document.title) || meta.document.kind,
    slug(meta.versionName ?? '', 24),
    slug((meta.edition?.audiences ?? []).join(' '), 32),
    meta.generatedAt.toISOString().slice(0, 10),
  ];
  return `${parts.filter(Boolean).join('-')}.${format}`;
}
