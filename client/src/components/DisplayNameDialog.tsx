import { type FormEvent, useId, useState } from 'react';
import { errorMessage } from '../api/errorMessage';
import { MAX_DISPLAY_NAME_LENGTH, normaliseDisplayName } from '../lib/displayName';
import { strings } from '../lib/strings';
import { useModalDialog } from './useModalDialog';

interface DisplayNameDialogProps {
  initialName: string;
  /** Stores the new name (on the server); a rejection is shown in the dialog. */
  onSave: (name: string) => Promise<void>;
  onClose: () => void;
}

/** Changes the display name others see next to the caret and in "Who is here". */
export function DisplayNameDialog({ initialName, onSave, onClose }: DisplayNameDialogProps) {
  const dialogRef = useModalDialog();
  const [value, setValue] = useState(initialName);
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const titleId = useId();
  const introId = useId();
  const inputId = useId();
  const errorId = useId();

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const name = normaliseDisplayName(value);
    if (name === '') {
      setError(strings.displayName.required);
      return;
    }
    if (name.length > MAX_DISPLAY_NAME_LENGTH) {
      setError(strings.displayName.tooLong(MAX_DISPLAY_NAME_LENGTH));
      return;
    }
    if (name === initialName) {
      onClose();
      return;
    }
    setSaving(true);
    try {
      await onSave(name);
      onClose();
    } catch (failure) {
      setError(errorMessage(failure));
      setSaving(false);
    }
  };

  return (
    <dialog
      ref={dialogRef}
      className="name-dialog"
      aria-labelledby={titleId}
      aria-describedby={introId}
      onCancel={(event) => {
        event.preventDefault();
        onClose();
      }}
    >
      <form className="name-dialog__form" onSubmit={submit} noValidate>
        <h2 id={titleId} className="name-dialog__title">
          {strings.displayName.title}
        </h2>
        <p id={introId} className="name-dialog__intro">
          {strings.displayName.intro}
        </p>
        <label htmlFor={inputId} className="field-label">
          {strings.displayName.label}
        </label>
        <input
          id={inputId}
          className="text-input"
          data-testid="display-name-input"
          autoComplete="name"
          autoFocus
          maxLength={MAX_DISPLAY_NAME_LENGTH * 2}
          value={value}
          aria-invalid={error !== null}
          aria-describedby={error !== null ? errorId : undefined}
          onChange={(event) => {
            setValue(event.target.value);
            setError(null);
          }}
        />
        {error !== null && (
          <p id={errorId} className="field-error" role="alert">
            {error}
          </p>
        )}
        <div className="name-dialog__actions">
          <button type="button" className="button button--quiet" onClick={onClose}>
            {strings.displayName.cancel}
          </button>
          <button type="submit" className="button button--primary" data-testid="display-name-submit" disabled={saving}>
            {strings.displayName.save}
          </button>
        </div>
      </form>
    </dialog>
  );
}
