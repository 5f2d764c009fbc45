import { useId, useRef } from 'react';
import { strings } from '../lib/strings';

interface AudienceListEditorProps {
  value: string[];
  onChange: (audiences: string[]) => void;
  error?: string | null;
}

/** The workshop's audiences as an editable list: change, remove, add. */
export function AudienceListEditor({ value, onChange, error }: AudienceListEditorProps) {
  const legendId = useId();
  const hintId = useId();
  const errorId = useId();
  const listRef = useRef<HTMLOListElement>(null);

  const focusInput = (index: number) => {
    // After React renders the change: the new or neighbouring field takes the focus.
    requestAnimationFrame(() => {
      listRef.current?.querySelectorAll<HTMLInputElement>('input')[index]?.focus();
    });
  };

  return (
    <fieldset
      className="audiences"
      aria-describedby={error ? `${hintId} ${errorId}` : hintId}
      data-testid="audience-list"
    >
      <legend id={legendId} className="field-label">
        {strings.workshopForm.audiences}
      </legend>
      <p id={hintId} className="muted field-hint audiences__hint">
        {strings.workshopForm.audiencesHint}
      </p>
      <ol className="audiences__list" ref={listRef}>
        {value.map((audience, index) => (
          // Positions are the identity here: the text is what changes.
          // biome-ignore lint/suspicious/noArrayIndexKey: rows have no id of their own
          <li key={index} className="audiences__item">
            <input
              className="text-input"
              aria-label={strings.workshopForm.audience(index + 1)}
              value={audience}
              maxLength={80}
              onChange={(event) => onChange(value.map((old, i) => (i === index ? event.target.value : old)))}
            />
            <button
              type="button"
              className="button button--quiet button--small"
              aria-label={strings.workshopForm.removeAudience(audience || String(index + 1))}
              disabled={value.length <= 1}
              onClick={() => {
                onChange(value.filter((_, i) => i !== index));
                focusInput(Math.max(0, index - 1));
              }}
            >
              ✕
            </button>
          </li>
        ))}
      </ol>
      <button
        type="button"
        className="button button--small"
        onClick={() => {
          onChange([...value, '']);
          focusInput(value.length);
        }}
      >
        {strings.workshopForm.addAudience}
      </button>
      {error && (
        <p id={errorId} className="field-error" role="alert">
          {error}
        </p>
      )}
    </fieldset>
  );
}
