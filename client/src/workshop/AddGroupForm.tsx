import { type FormEvent, useId, useState } from 'react';
import { errorMessage } from '../api/errorMessage';
import { createGroup } from '../api/workshops';
import { strings } from '../lib/strings';
import { useWorkshop } from './WorkshopContext';

/** A new breakout group: its name and the audience it writes for; its draft starts from the template. */
export function AddGroupForm() {
  const { home, refresh } = useWorkshop();
  const { workshop, groups } = home;
  const [name, setName] = useState('');
  // Suggest the audiences in turn, so four groups for four audiences need no choosing.
  const [audience, setAudience] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const nameId = useId();
  const audienceId = useId();
  const errorId = useId();
  const suggested = workshop.audiences[groups.length % Math.max(1, workshop.audiences.length)] ?? '';
  const chosen = audience ?? suggested;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const trimmed = name.trim();
    if (trimmed === '') {
      setError(strings.home.groupNameRequired);
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await createGroup(workshop.id, { name: trimmed, focusAudience: chosen === '' ? null : chosen });
      setName('');
      setAudience(null);
      refresh();
    } catch (failure) {
      setError(errorMessage(failure));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="card" aria-labelledby="add-group-heading">
      <h3 id="add-group-heading" className="card__title">
        {strings.home.addGroupHeading}
      </h3>
      <form className="inline-form" onSubmit={submit} noValidate data-testid="add-group-form">
        <div className="field">
          <label htmlFor={nameId} className="field-label">
            {strings.home.groupName}
          </label>
          <input
            id={nameId}
            className="text-input"
            value={name}
            maxLength={200}
            placeholder={strings.home.groupPlaceholder(groups.length + 1)}
            aria-invalid={error !== null}
            aria-describedby={error !== null ? errorId : undefined}
            onChange={(event) => {
              setName(event.target.value);
              setError(null);
            }}
          />
        </div>
        <div className="field">
          <label htmlFor={audienceId} className="field-label">
            {strings.home.focusAudience}
          </label>
          <select
            id={audienceId}
            className="text-input"
            value={chosen}
            onChange={(event) => setAudience(event.target.value)}
          >
            {workshop.audiences.map((option) => (
              <option key={option} value={option}>
                {option}
              </option>
            ))}
            <option value="">{strings.home.noFocus}</option>
          </select>
        </div>
        <div className="form-actions">
          <button type="submit" className="button button--primary" disabled={busy}>
            {busy ? strings.home.adding : strings.home.addGroup}
          </button>
        </div>
        {error !== null && (
          <p id={errorId} className="field-error inline-form__error" role="alert">
            {error}
          </p>
        )}
      </form>
    </section>
  );
}
