import { repeatedAudience } from '@plenary/shared/domain';
import { type FormEvent, useId, useState } from 'react';
import { errorMessage, fieldErrorMessage } from '../api/errorMessage';
import { ApiRequestError } from '../api/http';
import { AudienceListEditor } from '../components/AudienceListEditor';
import { strings } from '../lib/strings';

/** What the form edits, as the server takes it. */
export interface WorkshopDetails {
  title: string;
  venue: string;
  startsOn: string | null;
  endsOn: string | null;
  audiences: string[];
}

interface WorkshopFormProps {
  initial: WorkshopDetails;
  submitLabel: string;
  busyLabel: string;
  /** Saves; a rejection's field errors are shown next to their fields. */
  onSubmit: (details: WorkshopDetails) => Promise<void>;
  /** Shown (politely announced) after a successful save, for forms that stay on the page. */
  savedMessage?: string;
  testId: string;
}

type Field = 'title' | 'venue' | 'startsOn' | 'endsOn' | 'audiences';

/** Title, venue, dates and audiences of a workshop: for creating one and for editing it. */
export function WorkshopForm({ initial, submitLabel, busyLabel, onSubmit, savedMessage, testId }: WorkshopFormProps) {
  const [title, setTitle] = useState(initial.title);
  const [venue, setVenue] = useState(initial.venue);
  const [startsOn, setStartsOn] = useState(initial.startsOn ?? '');
  const [endsOn, setEndsOn] = useState(initial.endsOn ?? '');
  const [audiences, setAudiences] = useState(initial.audiences);
  const [errors, setErrors] = useState<Partial<Record<Field, string>>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [saved, setSaved] = useState(false);
  const ids = { title: useId(), venue: useId(), startsOn: useId(), endsOn: useId() };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const details: WorkshopDetails = {
      title: title.trim(),
      venue: venue.trim(),
      startsOn: startsOn || null,
      endsOn: endsOn || null,
      audiences: audiences.map((a) => a.trim()).filter((a) => a !== ''),
    };
    const found: Partial<Record<Field, string>> = {};
    if (details.title === '') found.title = strings.workshopForm.titleRequired;
    const twice = repeatedAudience(details.audiences);
    if (details.audiences.length === 0) found.audiences = strings.workshopForm.audienceRequired;
    else if (twice) found.audiences = strings.workshopForm.audienceTwice(twice.trim());
    if (details.startsOn && details.endsOn && details.startsOn > details.endsOn) {
      found.endsOn = strings.workshopForm.datesOrder;
    }
    setErrors(found);
    setFormError(null);
    setSaved(false);
    if (Object.keys(found).length > 0) return;
    setBusy(true);
    try {
      await onSubmit(details);
      setAudiences(details.audiences);
      setSaved(true);
    } catch (failure) {
      const fields = failure instanceof ApiRequestError ? serverFieldErrors(failure) : {};
      setErrors(fields);
      if (Object.keys(fields).length === 0) setFormError(errorMessage(failure));
    } finally {
      setBusy(false);
    }
  };

  const describedBy = (field: keyof typeof ids) => (errors[field] ? `${ids[field]}-error` : undefined);

  return (
    <form className="stack-form" onSubmit={submit} noValidate data-testid={testId}>
      <div className="field">
        <label htmlFor={ids.title} className="field-label">
          {strings.workshopForm.title}
        </label>
        <input
          id={ids.title}
          className="text-input"
          value={title}
          maxLength={200}
          required
          aria-invalid={errors.title !== undefined}
          aria-describedby={describedBy('title')}
          onChange={(event) => setTitle(event.target.value)}
        />
        <FieldError id={`${ids.title}-error`} message={errors.title} />
      </div>
      <div className="field">
        <label htmlFor={ids.venue} className="field-label">
          {strings.workshopForm.venue}
        </label>
        <input
          id={ids.venue}
          className="text-input"
          value={venue}
          maxLength={200}
          aria-invalid={errors.venue !== undefined}
          aria-describedby={describedBy('venue')}
          onChange={(event) => setVenue(event.target.value)}
        />
        <FieldError id={`${ids.venue}-error`} message={errors.venue} />
      </div>
      <div className="field-row">
        <div className="field">
          <label htmlFor={ids.startsOn} className="field-label">
            {strings.workshopForm.startsOn}
          </label>
          <input
            id={ids.startsOn}
            className="text-input"
            type="date"
            value={startsOn}
            aria-invalid={errors.startsOn !== undefined}
            aria-describedby={describedBy('startsOn')}
            onChange={(event) => setStartsOn(event.target.value)}
          />
          <FieldError id={`${ids.startsOn}-error`} message={errors.startsOn} />
        </div>
        <div className="field">
          <label htmlFor={ids.endsOn} className="field-label">
            {strings.workshopForm.endsOn}
          </label>
          <input
            id={ids.endsOn}
            className="text-input"
            type="date"
            value={endsOn}
            min={startsOn || undefined}
            aria-invalid={errors.endsOn !== undefined}
            aria-describedby={describedBy('endsOn')}
            onChange={(event) => setEndsOn(event.target.value)}
          />
          <FieldError id={`${ids.endsOn}-error`} message={errors.endsOn} />
        </div>
      </div>
      <AudienceListEditor value={audiences} onChange={setAudiences} error={errors.audiences ?? null} />
      {formError !== null && (
        <p className="field-error" role="alert">
          {formError}
        </p>
      )}
      <div className="form-actions">
        <button type="submit" className="button button--primary" disabled={busy}>
          {busy ? busyLabel : submitLabel}
        </button>
        <output className="form-status" aria-live="polite">
          {saved && savedMessage ? savedMessage : ''}
        </output>
      </div>
    </form>
  );
}

function FieldError({ id, message }: { id: string; message: string | undefined }) {
  if (message === undefined) return null;
  return (
    <p id={id} className="field-error" role="alert">
      {message}
    </p>
  );
}

/** The server's per-field messages, with "audiences.2" folded into "audiences". */
function serverFieldErrors(error: ApiRequestError): Partial<Record<Field, string>> {
  const result: Partial<Record<Field, string>> = {};
  for (const [path, message] of Object.entries(error.fieldErrors())) {
    const field = path.split('.')[0] as Field;
    if (['title', 'venue', 'startsOn', 'endsOn', 'audiences'].includes(field)) {
      result[field] ??= fieldErrorMessage(message);
    }
  }
  return result;
}
