import { type FormEvent, useEffect, useId, useRef, useState } from 'react';
import { MAX_DISPLAY_NAME_LENGTH, normaliseDisplayName, saveDisplayName } from '../lib/displayName';
import { strings } from '../lib/strings';

interface DisplayNameDialogProps {
  /** The current name when editing; empty on first visit. */
  initialName: string;
  /** Called after the name was saved, or when an optional dialog is dismissed. */
  onDone: () => void;
  /** A required dialog (first visit) cannot be dismissed without a name. */
  required: boolean;
}

/** Asks for the display name shown to others; remembers it on this device. */
export function DisplayNameDialog({ initialName, onDone, required }: DisplayNameDialogProps) {
  const dialogRef = useRef<HTMLDialogElement>(null);
  const [value, setValue] = useState(initialName);
  const [error, setError] = useState<string | null>(null);
  const titleId = useId();
  const introId = useId();
  const inputId = useId();
  const errorId = useId();

  useEffect(() => {
    const dialog = dialogRef.current;
    // A modal <dialog> gives us focus containment, Esc handling and an inert background.
    if (dialog && !dialog.open) dialog.showModal();
    return () => dialog?.close();
  }, []);

  const submit = (event: FormEvent) => {
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
    saveDisplayName(name);
    onDone();
  };

  return (
    <dialog
      ref={dialogRef}
      className="name-dialog"
      aria-labelledby={titleId}
      aria-describedby={introId}
      onCancel={(event) => {
        // Esc: a first-visit dialog stays until there is a name; an edit is simply abandoned.
        event.preventDefault();
        if (!required) onDone();
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
          {!required && (
            <button type="button" className="button button--quiet" onClick={onDone}>
              {strings.displayName.cancel}
            </button>
          )}
          <button type="submit" className="button button--primary" data-testid="display-name-submit">
            {required ? strings.displayName.submit : strings.displayName.save}
          </button>
        </div>
      </form>
    </dialog>
  );
}
