import { type Response, Router } from 'express';
import { z } from 'zod';
import { ExportError, type ExportErrorCode } from '../../export/ExportError';
import { EXPORT_CSP } from '../../export/renderHtml';
import type { ExportService } from '../../services/ExportService';
import { requireAuth } from '../auth';
import { HttpError } from '../HttpError';
import { validatePathIds } from '../pathParams';
import { queryOf } from '../validate';

const Audience = z.string().trim().min(1).max(80);

/** `?format=docx|pdf|html|md&audience=<name>` (audience repeatable: an audience edition). */
export const ExportQuery = z.object({
  format: z.enum(['docx', 'pdf', 'html', 'md']),
  audience: z
    .union([Audience, z.array(Audience).max(20)])
    .optional()
    .transform((value) => (value === undefined ? [] : Array.isArray(value) ? value : [value])),
  /** `comments=true` adds the comment threads as an appendix; left out by default. */
  comments: z
    .enum(['true', 'false'])
    .optional()
    .transform((value) => value === 'true'),
});

const STATUS: Record<ExportErrorCode, number> = {
  export_busy: 503,
  export_timeout: 504,
  export_too_large: 413,
  export_unavailable: 503,
  export_failed: 502,
  pdf_unavailable: 503,
  pdf_failed: 502,
};

/** Seconds a client is asked to wait when every PDF slot is taken (a PDF takes one to two seconds). */
const BUSY_RETRY_AFTER_SECONDS = 5;

/** An export's failure as the HTTP error it is; `export_busy` also says when to try again. */
export function exportHttpError(error: unknown, response: Response): unknown {
  if (!(error instanceof ExportError)) return error;
  if (error.code === 'export_busy') response.setHeader('Retry-After', String(BUSY_RETRY_AFTER_SECONDS));
  return new HttpError(STATUS[error.code], error.code, error.message);
}

/** Downloads of a draft or brief as DOCX, PDF, HTML or Markdown. */
export function exportsRouter(exports: ExportService): Router {
  const router = validatePathIds(Router());

  router.get('/documents/:documentId/export', async (request, response) => {
    const auth = requireAuth(response);
    let file: Awaited<ReturnType<ExportService['export']>>;
    try {
      file = await exports.export(auth, request.params.documentId, () => {
        const query = queryOf(ExportQuery, request)();
        return { format: query.format, audiences: query.audience, comments: query.comments };
      });
    } catch (error) {
      throw exportHttpError(error, response);
    }
    response.setHeader('Content-Type', file.contentType);
    // The name is built from [a-z0-9-.] only, so it needs no quoting rules beyond the quotes.
    response.setHeader('Content-Disposition', `attachment; filename="${file.fileName}"`);
    response.setHeader('Cache-Control', 'private, no-store');
    response.setHeader('X-Content-Type-Options', 'nosniff');
    // Should a browser ever render the file from our origin, it still runs nothing and fetches nothing.
    if (file.format === 'html') response.setHeader('Content-Security-Policy', `${EXPORT_CSP}; sandbox`);
    response.send(Buffer.from(file.body.buffer, file.body.byteOffset, file.body.byteLength));
  });

  return router;
}
