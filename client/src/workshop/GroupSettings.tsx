import type { Group } from '@plenary/shared/api';
import { type FormEvent, useEffect, useId, useState } from 'react';
import { deleteGroup, updateGroup } from '../api/workshops';
import { ConfirmBox } from '../components/ConfirmBox';
import { FormError } from '../components/FormError';
import { strings } from '../lib/strings';
import { GroupFields, groupBody } from './GroupFields';
import { useFormAction } from './useFormAction';
import { useWorkshop } from './WorkshopContext';

/**
 * Each group's name and focus audience, editable: a group is renamed, or given its focus back
 * after the workshop's audiences changed; or deleted, after a confirmation.
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
  const [name, setName] = useState(group.name);
  const [focus, setFocus] = useState(group.focusAudience ?? '');
  const [saved, setSaved] = useState(false);
  const [confirmingDelete, setConfirmingDelete] = useState(false);
  const { busy, error, setError, run } = useFormAction();
  const errorId = useId();
  // A change made elsewhere (another facilitator, an audience dropped) shows at once.
  useEffect(() => {
    setName(group.name);
    setFocus(group.focusAudience ?? '');
  }, [group.name, group.focusAudience]);
  const changed = name.trim() !== group.name || focus !== (group.focusAudience ?? '');

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const body = groupBody(name, focus);
    if (body === null) return setError(strings.home.groupNameRequired);
    void run(async () => {
      await updateGroup(home.workshop.id, group.id, body);
      setSaved(true);
      refresh();
    });
  };

  return (
    <li className="item-list__item" data-testid="group-settings-row" data-group-name={group.name}>
      <form className="inline-form" onSubmit={submit} noValidate aria-label={group.name}>
        <GroupFields
          name={name}
          onNameChange={(value) => {
            setName(value);
            setError(null);
            setSaved(false);
          }}
          focus={focus}
          onFocusChange={(value) => {
            setFocus(value);
            setSaved(false);
          }}
          audiences={home.workshop.audiences}
          errorId={error !== null ? errorId : null}
        />
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
        <FormError id={errorId} message={error} />
      </form>
      {confirmingDelete && (
        <ConfirmBox
          question={strings.home.confirmDeleteGroup(group.name)}
          confirmLabel={strings.home.confirmDeleteGroupButton}
          cancelLabel={strings.invites.cancel}
          onConfirm={() =>
            void run(
              async () => {
                await deleteGroup(home.workshop.id, group.id);
                refresh();
              },
              { thenStayBusy: true },
            )
          }
          onCancel={() => setConfirmingDelete(false)}
          busy={busy}
          testId="group-delete-confirm"
        />
      )}
    </li>
  );
}
