import { useId } from 'react';

export interface TextFieldProps {
  label: string;
  value: string;
  onChange: (value: string) => void;
  /** The id of the error shown under the form, while there is one. */
  errorId: string | null;
  hint?: string;
  placeholder?: string;
  autoFocus?: boolean;
  /** 200 by default: the server's limit for names and titles. */
  maxLength?: number;
}

/**
 * A labelled one-line text field (a name, a title, a label), with an optional hint
 * and the form's error named to assistive technology while there is one.
 */
export function TextField({
  label,
  value,
  onChange,
  errorId,
  hint,
  placeholder,
  autoFocus,
  maxLength = 200,
}: TextFieldProps) {
  const inputId = useId();
  const hintId = useId();
  const describedBy = [hint ? hintId : null, errorId].filter(Boolean).join(' ');
  return (
    <div className="field">
      <label htmlFor={inputId} className="field-label">
        {label}
      </label>
      <input
        id={inputId}
        className="text-input"
        value={value}
        maxLength={maxLength}
        placeholder={placeholder}
        // biome-ignore lint/a11y/noAutofocus: for a field a button has just opened (renaming a brief)
        autoFocus={autoFocus}
        aria-invalid={errorId !== null}
        aria-describedby={describedBy || undefined}
        onChange={(event) => onChange(event.target.value)}
      />
      {hint && (
        <p id={hintId} className="field-hint">
          {hint}
        </p>
      )}
    </div>
  );
}
