import { LANGUAGE_NAMES, LANGUAGES, type Language } from '@plenary/shared/domain';
import { Router } from 'express';
import { z } from 'zod';
import { URDU_FAMILY } from '../../export/exportFonts';
import { EXPORT_CSP, escapeHtml } from '../../export/renderHtml';
import type { ExportService } from '../../services/ExportService';
import type { PublicationService, PublishedBrief } from '../../services/PublicationService';
import { PUBLISHED_BAR_TEXT, publishedPageLanguage } from '../publishedBarText';
import { validate, validateQuery } from '../validate';
import { ExportQuery, exportHttpError } from './exports';

const Slug = z.object({
  slug: z.string().regex(/^[a-z0-9-]{1,80}$/, 'must be a published link'),
  // Digits as published (`/v/2`), so `0x2`, `2e0` or `02` is not a second address of one version.
  version: z
    .string()
    .regex(/^[1-9][0-9]{0,8}$/, 'must be a version number')
    .transform(Number)
    .optional(),
});

const FORMATS = [
  ['pdf', 'PDF'],
  ['docx', 'Word (DOCX)'],
  ['html', 'HTML'],
  ['md', 'Markdown'],
] as const;

const HEADER_CSS = `
.published-bar { font-family: system-ui, sans-serif; background: #f3f5f9; border-bottom: 1px solid #d5dae3; padding: 12px 16px; }
.published-bar p { margin: 0 0 8px; }
.published-bar ul { list-style: none; margin: 0; padding: 0; display: flex; flex-wrap: wrap; gap: 8px; }
.published-bar a { display: inline-block; min-height: 44px; line-height: 44px; padding: 0 12px; border: 1px solid #1a4fb4; border-radius: 6px; color: #1a4fb4; text-decoration: none; }
.published-bar a:focus-visible { outline: 3px solid #1a4fb4; outline-offset: 2px; }
.published-bar details { margin-top: 8px; }
.published-bar__downloads { display: flex; flex-wrap: wrap; align-items: center; gap: 8px; }
.published-bar[lang="ur"] { font-family: "${URDU_FAMILY}", system-ui, sans-serif; line-height: 2; }
.published-bar__languages { margin-top: 8px; }
.published-bar a[aria-current="true"] { background: #1a4fb4; color: #fff; }
@media print { .published-bar { display: none; } }
`;

/** The navigation bar above a published brief: which version, earlier ones, and every download. */
function header(published: PublishedBrief, language: Language): string {
  const { publication, versions, workshop } = published;
  const text = PUBLISHED_BAR_TEXT[language];
  const base = `/p/${publication.slug}/v/${publication.version}`;
  const link = (href: string, label: string, attributes = '') =>
    `<a href="${escapeHtml(href)}"${attributes}>${escapeHtml(label)}</a>`;
  // The formats side by side under one "Download": a phone shows the brief after a line or two,
  // not after four full-width buttons. Each link's name says the whole action to a screen reader.
  const downloads = FORMATS.map(
    ([format, label]) =>
      `<li>${link(`${base}/download?format=${format}`, label, ` aria-label="${escapeHtml(text.download(label))}"`)}</li>`,
  );
  const editions = workshop.audiences.map((audience) => {
    const query = `audience=${encodeURIComponent(audience)}`;
    return `<li><bdi>${escapeHtml(audience)}</bdi>: ${link(`${base}/download?format=pdf&${query}`, 'PDF')} ${link(`${base}/download?format=docx&${query}`, 'DOCX')}</li>`;
  });
  const others = versions
    .filter((v) => v.version !== publication.version)
    .map(
      (v) =>
        `<li>${link(`/p/${publication.slug}/v/${v.version}`, text.version(v.version, text.date(v.publishedAt)))}</li>`,
    );
  const languages = LANGUAGES.map((other) =>
    link(
      `?lang=${other}`,
      LANGUAGE_NAMES[other],
      ` lang="${other}"${other === language ? ' aria-current="true"' : ''}`,
    ),
  );
  const dir = language === 'ur' ? 'rtl' : 'ltr';
  return [
    `<nav class="published-bar" aria-label="${escapeHtml(text.label)}" lang="${language}" dir="${dir}">`,
    `<p>${escapeHtml(text.status(publication.version, versions.length, text.date(publication.publishedAt)))}</p>`,
    `<div class="published-bar__downloads"><span id="published-downloads">${escapeHtml(text.downloads)}</span><ul aria-labelledby="published-downloads">${downloads.join('')}</ul></div>`,
    `<details><summary>${escapeHtml(text.editions)}</summary><ul>${editions.join('')}</ul></details>`,
    others.length > 0
      ? `<details><summary>${escapeHtml(text.others)}</summary><ul>${others.join('')}</ul></details>`
      : '',
    `<p class="published-bar__languages">${escapeHtml(text.languages)}: ${languages.join(' ')}</p>`,
    '</nav>',
  ].join('\n');
}

/**
 * Published briefs for anyone with the link, no session needed: a server-rendered, read-only page
 * (`/p/<slug>` newest, `/p/<slug>/v/<n>` one version) and its downloads. Nothing else is reachable
 * from here.
 */
export function publishedPagesRouter(publications: PublicationService, exports: ExportService): Router {
  const router = Router();

  const page = async (slug: string, version: number | undefined, language: Language) => {
    const published = await publications.published(slug, version);
    const html = await exports.publishedPage(published, { html: header(published, language), css: HEADER_CSS });
    return { published, html };
  };

  router.get(['/p/:slug', '/p/:slug/v/:version'], async (request, response) => {
    const { slug, version } = validate(Slug, request.params, 'path');
    const { html } = await page(slug, version, publishedPageLanguage(request));
    response.setHeader('Content-Security-Policy', EXPORT_CSP);
    response.setHeader('Cache-Control', version === undefined ? 'no-cache' : 'public, max-age=300');
    // The bar's words follow the reader's language.
    response.setHeader('Vary', 'Accept-Language, Cookie');
    response.type('html').send(html);
  });

  router.get('/p/:slug/v/:version/download', async (request, response) => {
    const { slug, version } = validate(Slug, request.params, 'path');
    const query = validateQuery(ExportQuery, request.query);
    const published = await publications.published(slug, version);
    let file: Awaited<ReturnType<ExportService['exportPublication']>>;
    try {
      file = await exports.exportPublication(published, { format: query.format, audiences: query.audience });
    } catch (error) {
      throw exportHttpError(error, response);
    }
    response.setHeader('Content-Type', file.contentType);
    response.setHeader('Content-Disposition', `attachment; filename="${file.fileName}"`);
    response.setHeader('X-Content-Type-Options', 'nosniff');
    if (query.format === 'html') response.setHeader('Content-Security-Policy', `${EXPORT_CSP}; sandbox`);
    response.send(Buffer.from(file.body.buffer, file.body.byteOffset, file.body.byteLength));
  });

  return router;
}
