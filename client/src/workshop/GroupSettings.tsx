import type { Group } from '@plenary/shared/api';
import { type FormEvent, useEffect, useId, useRef, useState } from 'react';
import { errorMessage } from '../api/errorMessage';
import { deleteGroup, updateGroup } from '../api/workshops';
import { strings } from '../lib/strings';
import { useWorkshop } from './WorkshopContext';

/**
 * Each group's name and focus audience, editable: a group is renamed, or given its focus back
 * after the workshop's audiences changed. The draft, its members and its links stay as they are.
 */
export function GroupSettings() {
  const { home } = useWorkshop();
  if (home.groups.length === 0) return null;
  return (
    <section className="card" aria-labelledby="group-settings-heading" data-testid="group-settings">
      <h3 id="group-settings-heading" className="card__title">
        {strings.home.groupSettingsHeading}
      </h3>
      <p className="muted">{strings.home.groupSettingsHint}</p>
      <ul className="item-list">
        {home.groups.map((group) => (
          <GroupSettingsRow key={group.id} group={group} />
        ))}
      </ul>
    </section>
  );
}

function GroupSettingsRow({ group }: { group: Group }) {
  const { home, refresh } = useWorkshop();
  const { audiences } = home.workshop;
  const [name, setName] = useState(group.name);
  const [focus, setFocus] = useState(group.focusAudience ?? '');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [saved, setSaved] = useState(false);
  const [confirmingDelete, setConfirmingDelete] = useState(false);
  const confirmRef = useRef<HTMLButtonElement>(null);
  const nameId = useId();
  const focusId = useId();
  const errorId = useId();
  // A change made elsewhere (another facilitator, an audience dropped) shows at once.
  useEffect(() => {
    setName(group.name);
    setFocus(group.focusAudience ?? '');
  }, [group.name, group.focusAudience]);
  useEffect(() => {
    if (confirmingDelete) confirmRef.current?.focus();
  }, [confirmingDelete]);
  const changed = name.trim() !== group.name || focus !== (group.focusAudience ?? '');

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
      await updateGroup(home.workshop.id, group.id, { name: trimmed, focusAudience: focus === '' ? null : focus });
      setSaved(true);
      refresh();
    } catch (failure) {
      setError(errorMessage(failure));
    } finally {
      setBusy(false);
    }
  };

  const remove = async () => {
    setBusy(true);
    setError(null);
    try {
      await deleteGroup(home.workshop.id, group.id);
      refresh();
    } catch (failure) {
      setError(errorMessage(failure));
      setBusy(false);
    }
  };

  return (
    <li className="item-list__item" data-testid="group-settings-row" data-group-name={group.name}>
      <form className="inline-form" onSubmit={submit} noValidate aria-label={group.name}>
        <div className="field">
          <label htmlFor={nameId} className="field-label">
            {strings.home.groupName}
          </label>
          <input
            id={nameId}
            className="text-input"
            value={name}
            maxLength={200}
            aria-invalid={error !== null}
            aria-describedby={error !== null ? errorId : undefined}
            onChange={(event) => {
              setName(event.target.value);
              setError(null);
              setSaved(false);
            }}
          />
        </div>
        <div className="field">
          <label htmlFor={focusId} className="field-label">
            {strings.home.focusAudience}
          </label>
          <select
            id={focusId}
            className="text-input"
            value={focus}
            onChange={(event) => {
              setFocus(event.target.value);
              setSaved(false);
            }}
          >
            {audiences.map((option) => (
              <option key={option} value={option}>
                {option}
              </option>
            ))}
            <option value="">{strings.home.noFocus}</option>
          </select>
        </div>
        <div className="form-actions">
          <button type="submit" className="button" disabled={busy || !changed}>
            {busy ? strings.workshopForm.saving : strings.workshopForm.save}
          </button>
          <button
            type="button"
            className="button button--danger"
            onClick={() => setConfirmingDelete(true)}
            disabled={busy}
            data-testid="group-delete"
          >
            {strings.home.deleteGroup}
          </button>
          {saved && !changed && (
            <span className="form-status" role="status">
              {strings.workshopForm.saved}
            </span>
          )}
        </div>
        {error !== null && (
          <p id={errorId} className="field-error inline-form__error" role="alert">
            {error}
          </p>
        )}
      </form>
      {confirmingDelete && (
        <fieldset className="confirm">
          <legend className="confirm__text">{strings.home.confirmDeleteGroup(group.name)}</legend>
          <div className="confirm__actions">
            <button
              ref={confirmRef}
              type="button"
              className="button button--small button--danger-solid"
              onClick={remove}
              disabled={busy}
              data-testid="group-delete-confirm"
            >
              {strings.home.confirmDeleteGroupButton}
            </button>
            <button
              type="button"
              className="button button--small button--quiet"
              onClick={() => setConfirmingDelete(false)}
            >
              {strings.invites.cancel}
            </button>
          </div>
        </fieldset>
      )}
    </li>
  );
}
