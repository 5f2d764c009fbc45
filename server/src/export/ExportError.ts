/** Why an export could not be made; the service maps the code to an HTTP status. */
export type ExportErrorCode =
  | 'export_busy'
  | 'export_timeout'
  | 'export_too_large'
  | 'export_unavailable'
  | 'export_failed'
  | 'pdf_unavailable'
  | 'pdf_failed';

/** A refusal with a stable code and a sentence a person can act on. */
export class ExportError extends Error {
  constructor(
    readonly code: ExportErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'ExportError';
  }
}
