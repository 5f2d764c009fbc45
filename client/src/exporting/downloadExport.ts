import { ApiError } from '@plenary/shared/api';
import { saveFile } from '../lib/saveFile';

export type ExportFormat = 'pdf' | 'docx' | 'html' | 'md';

/** Where an export is: waiting for the server to render it, then receiving it. */
export type ExportProgress = { phase: 'rendering' } | { phase: 'receiving'; received: number; total: number | null };

/** The file name the server chose (Content-Disposition), or a fallback. */
function fileNameOf(response: Response, format: ExportFormat): string {
  const match = /filename="([^"]+)"/.exec(response.headers.get('content-disposition') ?? '');
  return match?.[1] ?? `plenary-export.${format}`;
}

/**
 * Downloads `/api/documents/:id/export` with progress: the server renders first (a large brief as
 * PDF takes seconds), then the bytes stream in. Resolves once the browser was handed the file.
 */
export async function downloadExport(
  documentId: string,
  format: ExportFormat,
  audiences: string[],
  onProgress: (progress: ExportProgress) => void,
  withComments = false,
): Promise<void> {
  const query = new URLSearchParams({ format });
  for (const audience of audiences) query.append('audience', audience);
  if (withComments) query.set('comments', 'true');
  onProgress({ phase: 'rendering' });
  const response = await fetch(`/api/documents/${encodeURIComponent(documentId)}/export?${query}`, {
    credentials: 'same-origin',
  });
  if (!response.ok) {
    const parsed = ApiError.safeParse(await response.json().catch(() => null));
    throw new Error(parsed.success ? parsed.data.error.message : `The server answered ${response.status}.`);
  }
  const total = Number(response.headers.get('content-length')) || null;
  const chunks: Uint8Array[] = [];
  let received = 0;
  const reader = response.body?.getReader();
  if (reader) {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks.push(value);
      received += value.byteLength;
      onProgress({ phase: 'receiving', received, total });
    }
  }
  const blob = new Blob(chunks as BlobPart[], {
    type: response.headers.get('content-type') ?? 'application/octet-stream',
  });
  saveFile(blob, fileNameOf(response, format));
}
