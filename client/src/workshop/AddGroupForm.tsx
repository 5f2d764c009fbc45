import { type FormEvent, useId, useState } from 'react';
import { createGroup } from '../api/workshops';
import { FormError } from '../components/FormError';
import { english, strings } from '../lib/strings';
import { urdu } from '../lib/strings.ur';
import { GroupFields, groupBody } from './GroupFields';
import { useFormAction } from './useFormAction';
import { useWorkshop } from './WorkshopContext';

/** A new breakout group: its name and the audience it writes for; its draft starts from the template. */
export function AddGroupForm() {
  const { home, refresh } = useWorkshop();
  const { workshop, groups } = home;
  const [name, setName] = useState('');
  // Suggest the audiences in turn, so four groups for four audiences need no choosing.
  const [audience, setAudience] = useState<string | null>(null);
  const { busy, error, setError, run } = useFormAction();
  const errorId = useId();
  const suggested = workshop.audiences[groups.length % Math.max(1, workshop.audiences.length)] ?? '';
  const chosen = audience ?? suggested;
  // What the name field shows greyed out is what an empty name gives: "Group 5 — Judiciary".
  const defaultName = strings.home.groupPlaceholder(nextGroupNumber(groups), chosen);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const body = groupBody(name.trim() === '' ? defaultName : name, chosen);
    if (body === null) return;
    void run(async () => {
      await createGroup(workshop.id, body);
      setName('');
      setAudience(null);
      refresh();
    });
  };

  return (
    <section className="card" aria-labelledby="add-group-heading">
      <h3 id="add-group-heading" className="card__title">
        {strings.home.addGroupHeading}
      </h3>
      <form className="inline-form" onSubmit={submit} noValidate data-testid="add-group-form">
        <GroupFields
          name={name}
          onNameChange={(value) => {
            setName(value);
            setError(null);
          }}
          focus={chosen}
          onFocusChange={setAudience}
          audiences={workshop.audiences}
          placeholder={defaultName}
          errorId={error !== null ? errorId : null}
        />
        <div className="form-actions">
          <button type="submit" className="button button--primary" disabled={busy}>
            {busy ? strings.home.adding : strings.home.addGroup}
          </button>
        </div>
        <FormError id={errorId} message={error} />
      </form>
    </section>
  );
}

/**
 * The number for a new group's default name: one past the number of groups, or past any "Group N"
 * already there (after a deletion the count repeats a name in use).
 */
function nextGroupNumber(groups: readonly { name: string }[]): number {
  let next = groups.length + 1;
  while (groups.some((group) => startsWithNumber(group.name, next))) next++;
  return next;
}

/** Whether `name` is a default name for number `n` ("Group 5 — Judiciary", "گروپ 5"), in either language. */
function startsWithNumber(name: string, n: number): boolean {
  return [english, urdu].some(({ home }) => {
    const prefix = home.groupPlaceholder(n, '');
    return name === prefix || name.startsWith(`${prefix} `);
  });
}
