import { type ExportFonts, loadExportFonts } from './exportFonts';
import { buildExportModel, type ExportModel } from './exportModel';
import type { ExportFixture } from './fixtures/exportFixtures';

/** Test helpers for the export renderers (imported by tests only). */

let fonts: Promise<ExportFonts> | undefined;

/** The real font files, read once per test file. */
export function testFonts(): Promise<ExportFonts> {
  fonts ??= loadExportFonts();
  return fonts;
}

export const modelOf = (fixture: ExportFixture): ExportModel => buildExportModel(fixture.doc, fixture.meta);

/** HTML with the inlined font data elided, so golden files show which faces are embedded, not their bytes. */
export function withoutFontData(html: string): string {
  return html.replace(/base64,[A-Za-z0-9+/=]+\)/g, 'base64,…)');
}

/** Where the browser tests find Chromium: the same order the server uses. */
export const chromiumSearch = {
  executablePath: process.env.CHROMIUM_PATH || null,
  searchPath: process.env.PATH ?? '',
};
