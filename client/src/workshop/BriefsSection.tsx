import { type FormEvent, useId, useState } from 'react';
import { createBrief } from '../api/workshops';
import { AppLink } from '../components/AppLink';
import { FormError } from '../components/FormError';
import { composerPath, documentPath } from '../lib/router';
import { strings } from '../lib/strings';
import { PublishButton } from './PublishButton';
import { useFormAction } from './useFormAction';
import { useWorkshop } from './WorkshopContext';

/** The workshop's briefs, and for those who may write them a field to start one. */
export function BriefsSection() {
  const { home, may } = useWorkshop();
  const { workshop, briefs } = home;
  return (
    <section className="card" aria-labelledby="briefs-heading">
      <h2 id="briefs-heading" className="card__title">
        {strings.home.briefsHeading}
      </h2>
      {briefs.length === 0 ? (
        <p className="muted">{strings.home.noBriefs}</p>
      ) : (
        <ul className="item-list" data-testid="brief-list">
          {briefs.map((brief) => (
            <li key={brief.id} className="item-list__item">
              <div className="item-list__main">
                <AppLink href={documentPath(workshop.id, brief.documentId)} className="item-list__title">
                  {brief.title}
                </AppLink>
              </div>
              {may('brief.publish') && <PublishButton briefId={brief.id} />}
              {may('brief.write') && (
                <AppLink
                  href={composerPath(workshop.id, brief.id)}
                  className="button button--small"
                  data-testid="compose-link"
                >
                  {strings.composer.composeLink}
                </AppLink>
              )}
            </li>
          ))}
        </ul>
      )}
      {may('brief.write') && <AddBriefForm />}
    </section>
  );
}

function AddBriefForm() {
  const { home, refresh } = useWorkshop();
  const [title, setTitle] = useState('');
  const { busy, error, setError, run } = useFormAction();
  const inputId = useId();
  const errorId = useId();

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const trimmed = title.trim();
    if (trimmed === '') {
      setError(strings.home.briefTitleRequired);
      return;
    }
    void run(async () => {
      await createBrief(home.workshop.id, trimmed);
      setTitle('');
      refresh();
    });
  };

  return (
    <form className="inline-form inline-form--top-gap" onSubmit={submit} noValidate data-testid="add-brief-form">
      <div className="field">
        <label htmlFor={inputId} className="field-label">
          {strings.home.addBriefHeading}
        </label>
        <input
          id={inputId}
          className="text-input"
          value={title}
          maxLength={200}
          placeholder={strings.home.briefTitle}
          aria-invalid={error !== null}
          aria-describedby={error !== null ? errorId : undefined}
          onChange={(event) => {
            setTitle(event.target.value);
            setError(null);
          }}
        />
      </div>
      <div className="form-actions">
        <button type="submit" className="button" disabled={busy}>
          {strings.home.addBrief}
        </button>
      </div>
      <FormError id={errorId} message={error} />
    </form>
  );
}
