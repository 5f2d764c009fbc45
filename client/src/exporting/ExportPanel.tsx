import { type FormEvent, useId, useState } from 'react';
import { focusedElement, returnFocus } from '../components/returnFocus';
import { strings } from '../lib/strings';
import { downloadExport, type ExportFormat, type ExportProgress } from './downloadExport';

const FORMATS: ExportFormat[] = ['pdf', 'docx', 'html', 'md'];

/** Export of the open draft or brief: format, optional audience edition, and visible progress. */
export function ExportPanel({ documentId, audiences }: { documentId: string; audiences: string[] }) {
  const [format, setFormat] = useState<ExportFormat>('pdf');
  const [audience, setAudience] = useState('');
  const [withComments, setWithComments] = useState(false);
  const [progress, setProgress] = useState<ExportProgress | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const formatId = useId();
  const audienceId = useId();

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const opener = focusedElement();
    setMessage(null);
    try {
      await downloadExport(documentId, format, audience ? [audience] : [], setProgress, withComments);
      setMessage(strings.exporting.done);
    } catch (error) {
      setMessage(error instanceof Error ? error.message : strings.exporting.failed);
    } finally {
      setProgress(null);
      returnFocus(opener);
    }
  };

  return (
    <section className="export-panel" aria-labelledby={`${formatId}-heading`} data-testid="export-panel">
      <h2 id={`${formatId}-heading`} className="presence__heading">
        {strings.exporting.heading}
      </h2>
      <form onSubmit={submit} className="export-panel__form">
        <label htmlFor={formatId} className="field-label">
          {strings.exporting.format}
        </label>
        <select
          id={formatId}
          value={format}
          onChange={(e) => setFormat(e.target.value as ExportFormat)}
          data-testid="export-format"
        >
          {FORMATS.map((f) => (
            <option key={f} value={f}>
              {strings.exporting.formats[f]}
            </option>
          ))}
        </select>
        <label htmlFor={audienceId} className="field-label">
          {strings.exporting.edition}
        </label>
        <select
          id={audienceId}
          value={audience}
          onChange={(e) => setAudience(e.target.value)}
          data-testid="export-audience"
        >
          <option value="">{strings.exporting.fullDocument}</option>
          {audiences.map((a) => (
            <option key={a} value={a}>
              {a}
            </option>
          ))}
        </select>
        <label className="choice export-panel__check">
          <input
            type="checkbox"
            checked={withComments}
            onChange={(e) => setWithComments(e.target.checked)}
            data-testid="export-comments"
          />{' '}
          {strings.comments.includeInExport}
        </label>
        <button type="submit" className="button" disabled={progress !== null} data-testid="export-download">
          {strings.exporting.download}
        </button>
      </form>
      <p role="status" aria-live="polite" data-testid="export-status">
        {progress?.phase === 'rendering' && (
          <>
            <progress aria-label={strings.exporting.preparing} /> {strings.exporting.preparing}
          </>
        )}
        {progress?.phase === 'receiving' && (
          <>
            <progress
              aria-label={strings.exporting.receiving}
              max={progress.total ?? undefined}
              value={progress.total ? progress.received : undefined}
            />{' '}
            {strings.exporting.receiving}
          </>
        )}
        {progress === null && message}
      </p>
    </section>
  );
}
