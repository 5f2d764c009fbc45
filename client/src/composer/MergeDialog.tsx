import { type FormEvent, useEffect, useId, useRef, useState } from 'react';
import { strings } from '../lib/strings';
import type { OriginalView } from './composerModel';

interface MergeDialogProps {
  originals: readonly OriginalView[];
  /** The wording to start from: the originals joined, one paragraph each. */
  initialStatement: string;
  /** How many of the originals are imported before the merge. */
  importCount: number;
  /** Resolves when merged; rejects with a message to show in the dialog. */
  onMerge(statement: string): Promise<void>;
  onClose(): void;
}

/**
 * The originals side by side — each group's wording with its own endorsements and positions,
 * never added up — and a field for the merged wording. A modal dialog: focus stays inside, Esc
 * cancels.
 */
export function MergeDialog({ originals, initialStatement, importCount, onMerge, onClose }: MergeDialogProps) {
  const dialogRef = useRef<HTMLDialogElement>(null);
  const [statement, setStatement] = useState(initialStatement);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const id = useId();

  useEffect(() => {
    const dialog = dialogRef.current;
    if (dialog && !dialog.open) {
      dialog.showModal();
      dialog.querySelector<HTMLTextAreaElement>('textarea')?.focus();
    }
    return () => dialog?.close();
  }, []);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (statement.trim() === '') {
      setError(strings.composer.wordingRequired);
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await onMerge(statement);
    } catch (failure) {
      setError(failure instanceof Error ? failure.message : strings.errors.generic);
      setBusy(false);
    }
  };

  return (
    <dialog
      ref={dialogRef}
      className="merge-dialog"
      aria-labelledby={`${id}-title`}
      aria-describedby={`${id}-intro`}
      data-testid="merge-dialog"
      onCancel={(event) => {
        event.preventDefault();
        if (!busy) onClose();
      }}
    >
      <form className="merge-dialog__form" onSubmit={submit} noValidate>
        <h2 id={`${id}-title`} className="merge-dialog__title">
          {strings.composer.mergeTitle}
        </h2>
        <p id={`${id}-intro`} className="muted merge-dialog__intro">
          {strings.composer.mergeIntro}
        </p>
        <h3 className="merge-dialog__subtitle">{strings.composer.originalsHeading}</h3>
        <ul className="merge-dialog__originals">
          {originals.map((original) => (
            <li
              key={original.key}
              className="merge-original"
              data-testid="merge-original"
              data-group-name={original.groupName}
              aria-label={strings.composer.original(original.groupName)}
            >
              <p className="merge-original__group">
                {original.groupName}
                {original.removed && <span className="badge"> {strings.composer.sourceRemovedShort}</span>}
              </p>
              <p className="merge-original__text" dir="auto">
                {original.text || strings.composer.emptyStatement}
              </p>
              <p className="merge-original__reactions muted" data-testid="merge-original-reactions">
                {strings.composer.endorsements(original.endorsementCount)}
                <br />
                {strings.composer.stances(
                  original.stances.supports,
                  original.stances.reservations,
                  original.stances.opposes,
                )}
              </p>
            </li>
          ))}
        </ul>
        <div className="field">
          <label htmlFor={`${id}-statement`} className="field-label">
            {strings.composer.mergedWording}
          </label>
          <textarea
            id={`${id}-statement`}
            className="text-input merge-dialog__textarea"
            data-testid="merge-wording"
            rows={7}
            maxLength={10_000}
            dir="auto"
            value={statement}
            aria-describedby={`${id}-hint${error !== null ? ` ${id}-error` : ''}`}
            aria-invalid={error !== null}
            onChange={(event) => {
              setStatement(event.target.value);
              setError(null);
            }}
          />
          <p id={`${id}-hint`} className="field-hint muted">
            {strings.composer.mergedWordingHint}
            {importCount > 0 && ` ${strings.composer.importFirst(importCount)}`}
          </p>
          {error !== null && (
            <p id={`${id}-error`} className="field-error" role="alert">
              {error}
            </p>
          )}
        </div>
        <div className="merge-dialog__actions">
          <button type="button" className="button" data-testid="merge-cancel" disabled={busy} onClick={onClose}>
            {strings.composer.cancel}
          </button>
          <button type="submit" className="button button--primary" data-testid="merge-submit" disabled={busy}>
            {busy ? strings.composer.merging : strings.composer.merge}
          </button>
        </div>
      </form>
    </dialog>
  );
}
